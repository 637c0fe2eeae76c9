#include "equation_panel.h"

#include <QEvent>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "data/registry.h"

namespace moelab {

namespace {

// Formulas as Qt rich text: italic variables with their subscripts, in a serif face.
QString var(const QString& name, const QString& index = {}) {
    QString text = QStringLiteral("<i>%1</i>").arg(name);
    if (!index.isEmpty()) text += QStringLiteral("<sub><i>%1</i></sub>").arg(index);
    return text;
}

QString highlight(const QString& text) {
    return QStringLiteral("<span style=\"background-color:#ffe08a;\">%1</span>").arg(text);
}

QString formula(const QString& text) {
    return QStringLiteral(
               "<p style=\"font-family:'DejaVu Serif',serif; font-size:large; "
               "margin-left:12px;\">%1</p>")
        .arg(text);
}

const QString minus = QStringLiteral("&minus;");
const QString sum_i = QStringLiteral("&Sigma;<sub><i>i</i></sub>&nbsp;");
const QString sum_j = QStringLiteral("&Sigma;<sub><i>j</i></sub>&nbsp;");
const QString half = QStringLiteral("&frac12;");

// The target: d, the one-hot vector of the case's class; y, a real number in regression (as
// core/training/regression_loss.cpp and the curve view name it).
QString target(bool regression) {
    return var(regression ? QStringLiteral("y") : QStringLiteral("d"));
}

// What the loss section shows below its title and legend, for classification and regression
// alike: the loss, the gradient for expert i (with the responsibility, where there is one), the
// gradient for the gate and what they mean.
QString loss_body(const QString& loss, const QString& expert, const QString& responsibility,
                  const QString& gate, const QString& meaning) {
    QString html = QStringLiteral("<p><b>%1</b></p>").arg(EquationPanel::tr("Loss"));
    html += formula(loss);
    html += QStringLiteral("<p><b>%1</b></p>").arg(EquationPanel::tr("Gradient for expert i"));
    html += formula(expert);
    if (!responsibility.isEmpty()) {
        html += QStringLiteral("<p>%1</p>").arg(EquationPanel::tr("with the responsibility"));
        html += formula(responsibility);
    }
    html += QStringLiteral("<p><b>%1</b></p>").arg(EquationPanel::tr("Gradient for the gate"));
    html += formula(gate);
    html += QStringLiteral("<p>%1</p>").arg(meaning);
    return html;
}

// ||d - x||^2 for a vector target, (y - x)^2 for a real one.
QString squared(const QString& x, bool regression) {
    return regression
               ? QStringLiteral("(%1 %2 %3)<sup>2</sup>").arg(target(true), minus, x)
               : QStringLiteral("&#8214;%1 %2 %3&#8214;<sup>2</sup>").arg(target(false), minus, x);
}

// ||d - o_i||^2, or (y - o_i)^2
QString squared_error(const QString& index, bool regression = false) {
    return squared(var(QStringLiteral("o"), index), regression);
}

// d/dx as a fraction-like "dE/dx".
QString derivative(const QString& of) {
    return QStringLiteral("&part;%1&thinsp;/&thinsp;&part;%2").arg(var(QStringLiteral("E")), of);
}

// The blend y = sum_j p_j o_j, the mixture's output.
QString blend() {
    return sum_j + var(QStringLiteral("p"), QStringLiteral("j")) + QStringLiteral("&thinsp;") +
           var(QStringLiteral("o"), QStringLiteral("j"));
}

// Expert i's gradient under `loss`, its factor of difference highlighted when `marked`; in
// regression (Gaussian experts, regression_loss.cpp) with a real target y, and the mixture NLL,
// which regression does not train, shown as its Gaussian form eq. 3.
QString expert_gradient(LossType loss, bool marked, bool regression = false) {
    const QString d = target(regression);
    const QString p_i = var(QStringLiteral("p"), QStringLiteral("i"));
    const QString o_i = var(QStringLiteral("o"), QStringLiteral("i"));
    const QString h_i = var(QStringLiteral("h"), QStringLiteral("i"));
    auto mark = [marked](const QString& text) { return marked ? highlight(text) : text; };
    switch (loss) {
        case LossType::Cooperative:  // eq. 1: every expert sees the blend's residual
            return QStringLiteral("%1 = %2%3 (%4)")
                .arg(derivative(o_i), minus, p_i,
                     mark(QStringLiteral("%1 %2 %3").arg(d, minus, blend())));
        case LossType::Competitive:  // eq. 2: its own error, weighted by the gate
            return QStringLiteral("%1 = %2%3 (%4 %2 %5)")
                .arg(derivative(o_i), minus, mark(p_i), d, o_i);
        case LossType::CompetitiveLog:  // eq. 3: its own error, weighted by its responsibility
            return QStringLiteral("%1 = %2%3 (%4 %2 %5)")
                .arg(derivative(o_i), minus, mark(h_i), d, o_i);
        case LossType::MixtureNll:  // through the expert's softmax, to its logits z_i
            if (regression) return expert_gradient(LossType::CompetitiveLog, marked, true);
            return QStringLiteral("%1 = %2%3 (%4 %2 %5)")
                .arg(derivative(var(QStringLiteral("z"), QStringLiteral("i"))), minus, mark(h_i), d,
                     o_i);
    }
    return {};
}

}  // namespace

EquationPanel::EquationPanel(QWidget* parent) : QWidget(parent) {
    view_ = new QTextBrowser;
    view_->setObjectName(QStringLiteral("equations"));
    view_->setFrameShape(QFrame::NoFrame);
    view_->setOpenLinks(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(view_);
    render();
    shown_ = true;
}

QString EquationPanel::distinctFactor(LossType loss, bool regression) {
    switch (loss) {
        case LossType::Cooperative:
            return QStringLiteral("%1 %2 %3").arg(target(regression), minus, blend());
        case LossType::Competitive:
            return var(QStringLiteral("p"), QStringLiteral("i"));
        case LossType::CompetitiveLog:
        case LossType::MixtureNll:
            return var(QStringLiteral("h"), QStringLiteral("i"));
    }
    return {};
}

bool EquationPanel::isRegression(const Config& config) {
    const DatasetInfo* info = find_dataset(config.dataset.name);
    return info && info->regression;
}

void EquationPanel::setConfig(const Config& config) {
    const bool regression = isRegression(config);
    const bool same =
        shown_ && regression == regression_ && config.loss == config_.loss &&
        config.experts == config_.experts && config.top_k == config_.top_k &&
        config.model_kind == config_.model_kind && config.shared_expert == config_.shared_expert &&
        config.balance_weight == config_.balance_weight &&
        config.importance_weight == config_.importance_weight &&
        config.similarity_weight == config_.similarity_weight &&
        config.noisy_gate == config_.noisy_gate && config.load_weight == config_.load_weight;
    config_ = config;
    regression_ = regression;
    if (same) return;
    render();
}

void EquationPanel::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) render();
    QWidget::changeEvent(event);
}

QString EquationPanel::regressionLossSection() const {
    const QString y = target(true);
    const QString y_hat = var(QStringLiteral("&#375;"));
    const QString p_i = var(QStringLiteral("p"), QStringLiteral("i"));
    const QString p_j = var(QStringLiteral("p"), QStringLiteral("j"));
    const QString o_i = var(QStringLiteral("o"), QStringLiteral("i"));
    const QString h_i = var(QStringLiteral("h"), QStringLiteral("i"));
    const QString s_i = var(QStringLiteral("s"), QStringLiteral("i"));
    const QString e_i = var(QStringLiteral("e"), QStringLiteral("i"));
    const QString e_j = var(QStringLiteral("e"), QStringLiteral("j"));
    const QString E = var(QStringLiteral("E"));

    QString title, loss, gate, meaning, responsibility, refused;
    // The Gaussian forms (unit variance) of Jacobs, Jordan, Nowlan & Hinton (1991) eq. 1 to 3,
    // exactly as core/training/regression_loss.cpp computes them and their gradients.
    const LossType shown =
        config_.loss == LossType::MixtureNll ? LossType::CompetitiveLog : config_.loss;
    if (config_.loss == LossType::MixtureNll)
        refused =
            tr("The mixture NLL is the loss of classes: a regression set does not train "
               "with it. Its Gaussian form is eq. 3:");
    switch (shown) {
        case LossType::Cooperative:  // eq. 1: E = 1/2 (y - sum_j p_j o_j)^2
            title = tr("Cooperative loss (eq. 1), regression");
            loss = QStringLiteral("%1 = %2 %3").arg(E, half, squared(blend(), true));
            // dE/ds_i = -(y - y^) p_i (o_i - y^)
            gate = QStringLiteral("%1 = %2%3 (%4 %2 %5) &middot; (%6 %2 %5)")
                       .arg(derivative(s_i), minus, p_i, y, y_hat, o_i);
            meaning = tr("The experts' outputs add up to one prediction %1 = %2. Every expert is "
                         "corrected by the error of that prediction, not by its own: each learns "
                         "to make up for the others' residuals, so the experts stay entangled.")
                          .arg(y_hat, blend());
            break;
        case LossType::Competitive:  // eq. 2: E = sum_i p_i 1/2 (y - o_i)^2
            title = tr("Competitive loss (eq. 2), regression");
            loss = QStringLiteral("%1 = %2%3 %4 %5")
                       .arg(E, sum_i, p_i, half, squared_error(QStringLiteral("i"), true));
            // dE/ds_i = p_i (e_i - E), E = sum_j p_j e_j
            gate = QStringLiteral("%1 = %2 (%3 %4 %5%6 %7)")
                       .arg(derivative(s_i), p_i, e_i, minus, sum_j, p_j, e_j);
            meaning = tr("Each expert gives a whole prediction and is corrected by its own error, "
                         "weighted by the gate's %1; the gate moves towards the experts whose "
                         "squared error %2 is below the average. The experts decouple, each "
                         "fitting its own stretch of the curve.")
                          .arg(p_i, e_i + QStringLiteral(" = ") + half + QStringLiteral(" ") +
                                        squared_error(QStringLiteral("i"), true));
            break;
        case LossType::CompetitiveLog:  // eq. 3: E = -log sum_i p_i exp(-1/2 (y - o_i)^2)
        case LossType::MixtureNll:
            title = tr("Competitive log-likelihood (eq. 3), regression");
            loss = QStringLiteral("%1 = %2log %3%4 <i>e</i><sup>%2%5 %6</sup>")
                       .arg(E, minus, sum_i, p_i, half, squared_error(QStringLiteral("i"), true));
            // dE/ds_i = p_i - h_i
            gate = QStringLiteral("%1 = %2 %3 %4").arg(derivative(s_i), p_i, minus, h_i);
            responsibility =
                QStringLiteral(
                    "%1 = %2 <i>e</i><sup>%3%4 %5</sup> / %6%7 <i>e</i><sup>%3%4 %8</sup>")
                    .arg(h_i, p_i, minus, half, squared_error(QStringLiteral("i"), true), sum_j,
                         p_j, squared_error(QStringLiteral("j"), true));
            meaning = tr("Each expert is a Gaussian of unit variance around its output; it is "
                         "corrected by its own error, weighted by its responsibility %1: the "
                         "gate's posterior belief that expert i produced this case. The expert "
                         "that already fits best takes the case, so the experts split the input "
                         "axis between them.")
                          .arg(h_i);
            break;
    }

    QString html = QStringLiteral("<h3 style=\"margin-bottom:2px;\">%1</h3>").arg(title);
    if (!refused.isEmpty()) html += QStringLiteral("<p><b>%1</b></p>").arg(refused);
    html += QStringLiteral("<p style=\"color:#555;\">%1</p>")
                .arg(tr("Regression, for one case: %1 is the target (a real number), %2 expert "
                        "i's output (the mean of its Gaussian), %3 the gate's probability for "
                        "expert i, %4 its logit.")
                         .arg(y, o_i, p_i, s_i));
    return html +
           loss_body(loss, expert_gradient(shown, true, true), responsibility, gate, meaning);
}

QString EquationPanel::lossSection() const {
    if (regression_) return regressionLossSection();
    const QString d = var(QStringLiteral("d"));
    const QString p_i = var(QStringLiteral("p"), QStringLiteral("i"));
    const QString p_j = var(QStringLiteral("p"), QStringLiteral("j"));
    const QString o_i = var(QStringLiteral("o"), QStringLiteral("i"));
    const QString h_i = var(QStringLiteral("h"), QStringLiteral("i"));
    const QString s_i = var(QStringLiteral("s"), QStringLiteral("i"));
    const QString E = var(QStringLiteral("E"));
    const QString y_class = var(QStringLiteral("y"));

    QString title, loss, gate, meaning, responsibility;
    // Each branch is the equation of Jacobs, Jordan, Nowlan & Hinton (1991) named in its title, in
    // the form core/training/loss.cpp computes (loss.cpp derives the same gradients).
    switch (config_.loss) {
        case LossType::Cooperative:  // eq. 1
            title = tr("Cooperative loss (eq. 1)");
            loss = QStringLiteral("%1 = %2 &#8214;%3 %4 %5&#8214;<sup>2</sup>")
                       .arg(E, half, d, minus, blend());
            gate = QStringLiteral("%1 = %2%3 (%4 %2 %5) &middot; (%6 %2 %5)")
                       .arg(derivative(s_i), minus, p_i, d, var(QStringLiteral("&#375;")), o_i);
            meaning = tr("Every expert is corrected by the error of the blend %1, not by its own: "
                         "each learns to make up for the others' residuals, so the experts stay "
                         "entangled. (%2 = %1 is the mixture's output.)")
                          .arg(blend(), var(QStringLiteral("&#375;")));
            break;
        case LossType::Competitive:  // eq. 2
            title = tr("Competitive loss (eq. 2)");
            loss = QStringLiteral("%1 = %2%3 %4 %5").arg(E, sum_i, p_i, half, squared_error("i"));
            gate = QStringLiteral("%1 = %2 (%3 %4 %5%6 %7)")
                       .arg(derivative(s_i), p_i, var(QStringLiteral("e"), QStringLiteral("i")),
                            minus, sum_j, p_j, var(QStringLiteral("e"), QStringLiteral("j")));
            meaning = tr("Each expert gives a whole answer and is corrected by its own error, "
                         "weighted by the gate's %1; the gate moves towards the experts whose "
                         "error %2 is below the average. The experts decouple.")
                          .arg(p_i, var(QStringLiteral("e"), QStringLiteral("i")) +
                                        QStringLiteral(" = ") + half + " " + squared_error("i"));
            break;
        case LossType::CompetitiveLog:  // eq. 3
            title = tr("Competitive log-likelihood (eq. 3)");
            loss = QStringLiteral("%1 = %2log %3%4 <i>e</i><sup>%2%5 %6</sup>")
                       .arg(E, minus, sum_i, p_i, half, squared_error("i"));
            gate = QStringLiteral("%1 = %2 %3 %4").arg(derivative(s_i), p_i, minus, h_i);
            responsibility =
                QStringLiteral(
                    "%1 = %2 <i>e</i><sup>%3%4 %5</sup> / %6%7 <i>e</i><sup>%3%4 %8</sup>")
                    .arg(h_i, p_i, minus, half, squared_error("i"), sum_j, p_j, squared_error("j"));
            meaning = tr("Each expert is corrected by its own error, weighted by its "
                         "responsibility %1: the gate's posterior belief that expert i produced "
                         "this case. The expert that already fits best takes the case, which "
                         "speeds up early learning and makes the experts specialise.")
                          .arg(h_i);
            break;
        case LossType::MixtureNll:
            title = tr("Mixture negative log-likelihood (categorical form of eq. 3)");
            loss = QStringLiteral("%1 = %2log %3%4 %5[%6]").arg(E, minus, sum_i, p_i, o_i, y_class);
            gate = QStringLiteral("%1 = %2 %3 %4").arg(derivative(s_i), p_i, minus, h_i);
            responsibility = QStringLiteral("%1 = %2 %3[%4] / %5%6 %7[%4]")
                                 .arg(h_i, p_i, o_i, y_class, sum_j, p_j,
                                      var(QStringLiteral("o"), QStringLiteral("j")));
            meaning = tr("The classification form of eq. 3: expert i's class probabilities %1 "
                         "are the likelihood. Each expert is corrected, through its softmax, by "
                         "its own error weighted by its responsibility %2.")
                          .arg(o_i, h_i);
            break;
    }

    QString html = QStringLiteral("<h3 style=\"margin-bottom:2px;\">%1</h3>").arg(title);
    html += QStringLiteral("<p style=\"color:#555;\">%1</p>")
                .arg(tr("For one case: %1 is the target (one-hot), %2 expert i's output "
                        "(class probabilities), %3 the gate's probability for expert i, %4 its "
                        "logit.")
                         .arg(var(QStringLiteral("d")), o_i, p_i, s_i));
    return html +
           loss_body(loss, expert_gradient(config_.loss, true), responsibility, gate, meaning);
}

QString EquationPanel::routingNotes() const {
    QStringList notes;
    if (config_.model_kind == ModelKind::Network) {
        notes << tr("A network has no gate: N = 1 and %1 = 1, so the loss is the network's own.")
                     .arg(var(QStringLiteral("p"), QStringLiteral("1")));
    }
    const int k = config_.top_k;
    if (config_.model_kind == ModelKind::Mixture && k > 0 && k < config_.experts) {
        notes << tr("Top-%1 routing: the sums run over the %1 experts the gate picks for this "
                    "case, %2 is renormalised over them, and the other %3 experts get no "
                    "gradient from it.")
                     .arg(k)
                     .arg(var(QStringLiteral("p"), QStringLiteral("i")))
                     .arg(config_.experts - k);
    }
    if (config_.shared_expert) {
        notes << tr(
            "A shared expert takes a fixed weight of every case beside the routed "
            "ones.");
    }
    if (config_.balance_weight > 0) {
        notes << tr("Plus %1 &middot; N %2%3 %4 (load balancing, Switch Transformer): %3 is "
                    "the share of the batch routed to expert i, %4 its mean gate probability.")
                     .arg(config_.balance_weight)
                     .arg(sum_i, var(QStringLiteral("f"), QStringLiteral("i")),
                          var(QStringLiteral("P"), QStringLiteral("i")));
    }
    if (config_.importance_weight > 0) {
        notes << tr("Plus %1 &middot; CV(%2%3)<sup>2</sup> (importance, Shazeer et al. 2017).")
                     .arg(config_.importance_weight)
                     .arg(QStringLiteral("&Sigma;<sub><i>x</i></sub>&nbsp;"),
                          var(QStringLiteral("p"), QStringLiteral("i")) + "(<i>x</i>)");
    }
    if (config_.noisy_gate && config_.load_weight > 0) {
        notes << tr("Plus %1 &middot; CV(load)<sup>2</sup> (load, Shazeer et al. 2017), through "
                    "which the noise learns.")
                     .arg(config_.load_weight);
    }
    if (config_.similarity_weight > 0) {
        notes << tr("Plus %1 &middot; the sample-similarity term (Krishnamurthy et al. 2023).")
                     .arg(config_.similarity_weight);
    }
    QString html;
    for (const QString& note : notes)
        html += QStringLiteral("<p style=\"color:#444;\">%1</p>").arg(note);
    return html;
}

QString EquationPanel::comparisonTable() const {
    struct Row {
        LossType loss;
        QString name, says;
    };
    const Row rows[] = {
        {LossType::Cooperative, tr("eq. 1"), tr("the blend's error: experts compensate")},
        {LossType::Competitive, tr("eq. 2"), tr("its own error, times the gate's weight")},
        {LossType::CompetitiveLog, tr("eq. 3"), tr("its own error, times its responsibility")},
        {LossType::MixtureNll, tr("NLL"), tr("as eq. 3, through the softmax")},
    };
    // Regression trains with eq. 1 to 3 only (the NLL is the loss of classes: eq. 3 stands in).
    const LossType in_use = regression_ && config_.loss == LossType::MixtureNll
                                ? LossType::CompetitiveLog
                                : config_.loss;
    QString html = QStringLiteral("<p><b>%1</b></p>").arg(tr("What expert i learns from"));
    html += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"3\" width=\"100%\">");
    for (const Row& row : rows) {
        if (regression_ && row.loss == LossType::MixtureNll) continue;
        const bool current = row.loss == in_use;
        const QString style =
            current ? QStringLiteral(" style=\"background-color:#eef3fb; font-weight:bold;\"")
                    : QString();
        html += QStringLiteral(
                    "<tr%1><td>%2%3</td><td style=\"font-family:'DejaVu Serif',serif;\">%4</td>"
                    "<td>%5</td></tr>")
                    .arg(style, current ? QStringLiteral("&#9656; ") : QString(), row.name,
                         expert_gradient(row.loss, true, regression_), row.says);
    }
    html += QStringLiteral("</table>");
    return html;
}

void EquationPanel::render() {
    html_ = lossSection() + routingNotes() + comparisonTable();
    view_->setHtml(html_);
}

}  // namespace moelab
