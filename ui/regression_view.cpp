#include "regression_view.h"

#include <QPainter>

namespace moelab {

RegressionView::RegressionView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("regressionView"));
    setMinimumSize(320, 240);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void RegressionView::showPicture(RegressionPicturePtr picture) {
    picture_ = std::move(picture);
    update();
}

void RegressionView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    if (!picture_) {
        painter.fillRect(rect(), palette().base());
        painter.drawText(rect(), Qt::AlignCenter, tr("Preparing the regression data..."));
        return;
    }
    paint_regression_figure(painter, QRectF(rect()), *picture_);
}

}  // namespace moelab
