#pragma once
// The guided scenarios in the app: each scenario's title and explanation for a student (English and
// Chinese), a side panel that shows them, and the window a compare scenario opens (the compare
// view with its explanation beside it). What each scenario trains is core's
// (training/scenarios.h).
#include <QString>
#include <QWidget>
#include <string>

class QTextBrowser;

namespace moelab {

class CompareView;
struct ScenarioSetup;

struct ScenarioText {
    QString title;        // "Cooperation entangles the experts"
    QString explanation;  // rich text: what to watch, and why
};
// Translated at call time; empty for an unknown name.
ScenarioText scenario_text(const std::string& name);

class ScenarioPanel : public QWidget {
    Q_OBJECT
  public:
    explicit ScenarioPanel(QWidget* parent = nullptr);
    void setScenario(const std::string& name);
    const std::string& scenario() const { return name_; }
    QString text() const;  // the plain text on show

  protected:
    void changeEvent(QEvent* event) override;

  private:
    std::string name_;
    QTextBrowser* view_ = nullptr;
};

// A window with the compare view of `setup`'s panes and its explanation beside it; it deletes
// itself when closed. The compare view inside: compareView().
class ScenarioCompareWindow : public QWidget {
    Q_OBJECT
  public:
    explicit ScenarioCompareWindow(const ScenarioSetup& setup, QWidget* parent = nullptr);
    CompareView* compareView() const { return compare_; }
    ScenarioPanel* panel() const { return panel_; }

  private:
    CompareView* compare_ = nullptr;
    ScenarioPanel* panel_ = nullptr;
};

}  // namespace moelab
