#include "scenario_panel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "compare_view.h"
#include "training/scenarios.h"

namespace moelab {

ScenarioText scenario_text(const std::string& name) {
    if (name == "cooperation-entangles")
        return {ScenarioPanel::tr("Cooperation entangles the experts"),
                ScenarioPanel::tr(
                    "<p>Both panes start from the same weights. On the left the cooperative loss "
                    "(eq. 1) trains every expert on the error of the <i>blend</i>; on the right "
                    "the competitive log-likelihood (eq. 3) trains each expert on its own error, "
                    "weighted by its responsibility.</p>"
                    "<p><b>Watch</b> the numbers under each plane: <i>gap</i> is how much better "
                    "the mixture is than the gate's top expert alone. Under eq. 1 it opens in the "
                    "first few hundred epochs (the experts lean on each other: none of them is "
                    "right on its own); under eq. 3 it stays small (each expert is right where "
                    "the gate trusts it).</p>"
                    "<p><b>Honestly:</b> on these vowels, with experts whose outputs are class "
                    "probabilities, the gap under eq. 1 closes again after a few thousand "
                    "epochs; the entanglement is a stage, not the end.</p>")};
    if (name == "logarithm-speeds-up")
        return {ScenarioPanel::tr("Why the logarithm speeds up early learning"),
                ScenarioPanel::tr(
                    "<p>Both losses make the experts compete. Eq. 2 corrects expert <i>i</i> in "
                    "proportion to the gate's weight <i>p<sub>i</sub></i>; eq. 3 in proportion "
                    "to its responsibility <i>h<sub>i</sub></i>, the gate's belief after seeing "
                    "how well each expert did on this case.</p>"
                    "<p><b>Watch</b> the loss and accuracy curves in the first hundred epochs: "
                    "the expert that already fits a case best gets most of its gradient under "
                    "eq. 3, so the right expert moves first and the curve rises sooner.</p>")};
    if (name == "one-expert-per-region")
        return {ScenarioPanel::tr("One expert per region"),
                ScenarioPanel::tr(
                    "<p>Two classes in two regions: in each region one straight line separates "
                    "them, but no single line does. Two linear experts and a linear gate.</p>"
                    "<p><b>Watch</b> the gate's line split the plane in two and each expert's "
                    "line settle in its own half: together they draw a boundary that neither "
                    "could draw alone.</p>")};
    if (name == "vowel-figure")
        return {ScenarioPanel::tr("The vowel figure"),
                ScenarioPanel::tr(
                    "<p>The setting of the paper's vowel figure: four linear experts and a linear "
                    "gate on the formants F1 and F2 of [i], [I], [a] and [A] (Peterson &amp; "
                    "Barney 1952), trained with eq. 3, drawn in the paper's black and white.</p>"
                    "<p><b>Watch</b> which experts the gate keeps: usually two or three share the "
                    "plane, one for the front vowels [i] [I] and one for the back vowels [a] "
                    "[A].</p>")};
    if (name == "sparse-routing")
        return {ScenarioPanel::tr("Sparse routing"),
                ScenarioPanel::tr(
                    "<p>Left: each case goes to one expert only (K = 1); right: to all four (the "
                    "dense gate of 1991). Both add the Switch Transformer's load-balancing "
                    "term.</p>"
                    "<p><b>Watch</b> the gate. With K = 1 the chosen expert's weight is always 1, "
                    "so the main loss gives the gate no gradient at all: only the balancing term "
                    "moves its regions. The dense gate learns from every case. Sparse routing "
                    "saves computation, and pays for it in how the gate learns.</p>")};
    if (name == "dead-experts")
        return {ScenarioPanel::tr("Dead experts and load balancing"),
                ScenarioPanel::tr(
                    "<p>Eight experts. Left: the 1991 gate alone; right: with the load-balancing "
                    "term of the Switch Transformer (N &Sigma; f<sub>i</sub> P<sub>i</sub>).</p>"
                    "<p><b>Watch</b> the expert utilisation: the plain gate lets a few experts "
                    "take everything and the rest never learn (dead experts); balancing pushes "
                    "cases towards the unused experts, so more of them get a region.</p>")};
    if (name == "local-linear-experts")
        return {ScenarioPanel::tr("Local linear experts on a curve"),
                ScenarioPanel::tr(
                    "<p>Regression: y = |x| plus a little noise, two straight pieces meeting at "
                    "0. Two linear experts, each a straight line o<sub>i</sub>(x), and a linear "
                    "gate. The thick line is the mixture's prediction &Sigma; p<sub>i</sub> "
                    "o<sub>i</sub>; an expert's line is solid where the gate gives it more than "
                    "half the weight; the strip below shows the gate p<sub>i</sub>(x).</p>"
                    "<p><b>Watch</b> the numbers above the curve. The training starts under the "
                    "cooperative loss (eq. 1): the blend fits the V, but the lines do not lie on "
                    "the pieces (one sits above its half of the data), so the gate's top expert "
                    "alone is about twice as far off as the mixture (at epoch 2000: RMSE 0.076 "
                    "against 0.034). Then choose the competitive log-likelihood (eq. 3) under "
                    "Loss and press Reset: each line settles on its piece, the gate switches "
                    "sharply at 0, and the top expert alone is nearly as good as the mixture "
                    "(0.035 against 0.024).</p>"
                    "<p><b>Honestly:</b> trained much longer, the lines under eq. 1 drift "
                    "closer to the pieces and the gap narrows (0.036 against 0.022 at epoch "
                    "20000), but it stays several times wider than under eq. 3.</p>")};
    return {};
}

ScenarioPanel::ScenarioPanel(QWidget* parent) : QWidget(parent) {
    view_ = new QTextBrowser;
    view_->setObjectName(QStringLiteral("scenarioText"));
    view_->setFrameShape(QFrame::NoFrame);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(view_);
}

void ScenarioPanel::setScenario(const std::string& name) {
    name_ = name;
    const ScenarioText text = scenario_text(name);
    view_->setHtml(QStringLiteral("<h3>%1</h3>%2").arg(text.title, text.explanation));
}

QString ScenarioPanel::text() const {
    return view_->toPlainText();
}

void ScenarioPanel::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange && !name_.empty()) setScenario(name_);
    QWidget::changeEvent(event);
}

ScenarioCompareWindow::ScenarioCompareWindow(const ScenarioSetup& setup, QWidget* parent)
    : QWidget(parent) {
    setWindowFlag(Qt::Window);
    setAttribute(Qt::WA_DeleteOnClose);
    setObjectName(QStringLiteral("scenarioCompareWindow"));
    setWindowTitle(scenario_text(setup.name).title);
    compare_ = new CompareView(setup.panes);
    panel_ = new ScenarioPanel;
    panel_->setScenario(setup.name);
    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(compare_);
    splitter->addWidget(panel_);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
}

}  // namespace moelab
