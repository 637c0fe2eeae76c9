#pragma once
// A chart view that marks knob changes on its time axis: a dashed vertical line at each change's
// epoch across the plot area, with a short label at its top ("eq. 3"). Labels that would overlap
// the previous one are left out; the lines always show.
#include <QChartView>
#include <vector>

#include "snapshot.h"

class QValueAxis;

namespace moelab {

class MarkedChartView : public QChartView {
  public:
    // `time_axis`: the chart's epoch axis, which places the lines.
    MarkedChartView(QChart* chart, QValueAxis* time_axis, QWidget* parent = nullptr);

    void setMarkers(const std::vector<KnobChange>& markers);
    const std::vector<KnobChange>& markers() const { return markers_; }
    // The x of each marker's line in the view's coordinates (NaN: outside the axis' range).
    std::vector<double> markerPositions() const;
    // The colour of the lines (tests look for it).
    static QColor markerColor();

  protected:
    void drawForeground(QPainter* painter, const QRectF& rect) override;

  private:
    // The x of `epoch` in scene coordinates, NaN outside the axis' range.
    double sceneX(double epoch) const;

    QValueAxis* time_axis_;
    std::vector<KnobChange> markers_;
};

}  // namespace moelab
