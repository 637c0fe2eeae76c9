#pragma once
// The picture of a 1-D regression: the data, each linear expert's line (solid where the gate gives
// it more than half the weight, faint elsewhere), the mixture's prediction as a thick line, and
// the gate probabilities p_i(x) as curves in a strip below. Drawn by the curve view, exported as
// PNG or SVG.
#include <QImage>
#include <QPainter>
#include <QRectF>
#include <QSize>
#include <QString>
#include <memory>
#include <vector>

#include "training/config.h"
#include "training/regression_trainer.h"

namespace moelab {

// An immutable picture of one moment of a regression training (the worker builds it, the views
// draw it).
struct RegressionPicture {
    std::vector<double> x, y;   // the data, raw units
    std::vector<bool> is_test;  // held-out cases are drawn hollow
    RegressionCurve curve;
    RegressionMetrics metrics;
    LossType loss = LossType::CompetitiveLog;
    QString dataset;
    bool running = false;
};
using RegressionPicturePtr = std::shared_ptr<const RegressionPicture>;

// The picture of `trainer` now.
std::shared_ptr<RegressionPicture> picture_of(const RegressionTrainer& trainer,
                                              const Config& config, int curve_points = 400);

// The gate weight above which an expert's line is drawn solid: where it is the gate's choice.
inline constexpr double kSolidGateWeight = 0.5;

// Draws the picture in `area` (a caption line, the curve panel, the gate strip, a legend).
void paint_regression_figure(QPainter& painter, const QRectF& area,
                             const RegressionPicture& picture);
QImage render_regression_image(const RegressionPicture& picture, QSize size, double scale);
// Writes a PNG (or, for a .svg path, an SVG) atomically; false with `error` set when it cannot.
bool export_regression_figure(const QString& path, const RegressionPicture& picture, QSize size,
                              double scale, QString* error);

}  // namespace moelab
