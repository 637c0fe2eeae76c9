#pragma once
// The curve view of a 1-D regression: shows the last picture the regression worker published
// (regression_figure.h), in the main window's centre instead of the plane.
#include <QWidget>

#include "regression_figure.h"

namespace moelab {

class RegressionView : public QWidget {
    Q_OBJECT
  public:
    explicit RegressionView(QWidget* parent = nullptr);
    const RegressionPicturePtr& picture() const { return picture_; }

  public slots:
    void showPicture(moelab::RegressionPicturePtr picture);

  protected:
    void paintEvent(QPaintEvent* event) override;

  private:
    RegressionPicturePtr picture_;
};

}  // namespace moelab
