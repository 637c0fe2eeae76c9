#pragma once
// The equation panel: the loss in use for one case, set as a formula, with its gradient with
// respect to expert i's output and to the gate's logit s_i; the factor that makes the loss types
// differ (the blend's residual under eq. 1, the gate's p_i under eq. 2, the responsibility h_i
// under eq. 3 and the mixture NLL) is highlighted, and a table below sets the four expert
// gradients side by side with the one in use marked. It follows the config of the snapshots
// shown, so it changes as the loss control does. For a regression set it shows the Gaussian forms
// of eq. 1 to 3 that the regression trainer computes (core/training/regression_loss.cpp).
#include <QString>
#include <QWidget>

#include "training/config.h"

class QTextBrowser;

namespace moelab {

class EquationPanel : public QWidget {
    Q_OBJECT
  public:
    explicit EquationPanel(QWidget* parent = nullptr);

    // Shows the equations of `config`'s loss, routing and batch terms; does nothing when none of
    // those changed (called for every snapshot).
    void setConfig(const Config& config);

    LossType loss() const { return config_.loss; }
    // Whether the regression forms are on show (a regression set: Gaussian experts with a real
    // target y, core/training/regression_loss.cpp), else the classification ones.
    bool showsRegression() const { return regression_; }
    static bool isRegression(const Config& config);
    // The rich text on show (for tests and the figure of a lesson).
    QString html() const { return html_; }
    // The factor of expert i's gradient that differs between the loss types, as the highlight
    // shows it (rich text); `regression`: with the real target y.
    static QString distinctFactor(LossType loss, bool regression = false);

  protected:
    void changeEvent(QEvent* event) override;

  private:
    void render();
    QString lossSection() const;
    QString regressionLossSection() const;
    QString routingNotes() const;
    QString comparisonTable() const;

    Config config_;
    bool regression_ = false;
    bool shown_ = false;
    QString html_;
    QTextBrowser* view_ = nullptr;
};

}  // namespace moelab
