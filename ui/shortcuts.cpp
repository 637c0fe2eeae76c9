#include "shortcuts.h"

#include <QAction>
#include <QCoreApplication>
#include <QMenu>
#include <QWidget>
#include <algorithm>
#include <cmath>

#include "control_panel.h"
#include "training/knobs.h"

namespace moelab {

namespace {

struct ShortcutText {
    Q_DECLARE_TR_FUNCTIONS(ShortcutText)
};

// The loss of each number key, in the paper's order.
constexpr LossType loss_keys[] = {LossType::Cooperative, LossType::Competitive,
                                  LossType::CompetitiveLog, LossType::MixtureNll};

// Hands `next` to the panel knob by knob, as its controls would: N first, so K follows N's rule.
void apply_through_panel(ControlPanel* panel, const Config& next) {
    const Config now = panel->config();
    if (next.loss != now.loss)
        panel->setKnobValue("loss", KnobValue{static_cast<long long>(next.loss)});
    if (next.experts != now.experts)
        panel->setKnobValue("experts", KnobValue{static_cast<long long>(next.experts)});
    if (next.top_k != panel->config().top_k)
        panel->setKnobValue("top_k", KnobValue{static_cast<long long>(next.top_k)});
}

int panel_max_experts() {
    const Knob& experts = knob("experts");
    // The panel's slider ends at control.high (16); the knob itself allows more from the CLI.
    const double high = std::isfinite(experts.control.high)
                            ? experts.control.high
                            : static_cast<double>(experts.integers.high);
    return static_cast<int>(std::min(high, 64.0));
}

}  // namespace

Config with_loss_key(Config config, int digit) {
    if (digit >= 1 && digit <= 4) config.loss = loss_keys[digit - 1];
    return config;
}

Config with_expert_step(Config config, int step, int max_experts) {
    const bool dense = config.dense();
    config.experts = std::clamp(config.experts + step, 1, std::max(1, max_experts));
    // A dense gate stays dense (K = N is stored as 0); a sparse K stays within N.
    if (!dense && config.top_k >= config.experts) config.top_k = 0;
    return config;
}

Config with_top_k_step(Config config, int step) {
    const int k = std::clamp(config.routed_experts() + step, 1, config.experts);
    config.top_k = k >= config.experts ? 0 : k;
    return config;
}

QList<QAction*> install_model_shortcuts(QWidget* window, ControlPanel* panel, QMenu* menu) {
    QList<QAction*> actions;
    auto add = [&](const QString& text, const char* name, QList<QKeySequence> keys, auto change) {
        QAction* action = menu->addAction(text);
        action->setObjectName(QLatin1String(name));
        action->setShortcuts(keys);
        action->setShortcutContext(Qt::WindowShortcut);
        QObject::connect(action, &QAction::triggered, panel,
                         [panel, change] { apply_through_panel(panel, change(panel->config())); });
        window->addAction(action);
        actions << action;
    };
    menu->addSeparator();
    const QString loss_texts[] = {ShortcutText::tr("Loss: &cooperative (eq. 1)"),
                                  ShortcutText::tr("Loss: c&ompetitive (eq. 2)"),
                                  ShortcutText::tr("Loss: competitive &log-likelihood (eq. 3)"),
                                  ShortcutText::tr("Loss: &mixture NLL")};
    const char* loss_names[] = {"lossKey1", "lossKey2", "lossKey3", "lossKey4"};
    const Qt::Key digits[] = {Qt::Key_1, Qt::Key_2, Qt::Key_3, Qt::Key_4};
    for (int i = 0; i < 4; ++i) {
        const int digit = i + 1;
        add(loss_texts[i], loss_names[i],
            {QKeySequence(digits[i]), QKeySequence(Qt::KeypadModifier | digits[i])},
            [digit](const Config& c) { return with_loss_key(c, digit); });
    }
    menu->addSeparator();
    const int most = panel_max_experts();
    // "+" is Shift+= on most keyboards; "=" and the keypad's + do the same.
    add(ShortcutText::tr("&More experts"), "moreExpertsAction",
        {QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal),
         QKeySequence(Qt::KeypadModifier | Qt::Key_Plus)},
        [most](const Config& c) { return with_expert_step(c, +1, most); });
    add(ShortcutText::tr("&Fewer experts"), "fewerExpertsAction",
        {QKeySequence(Qt::Key_Minus), QKeySequence(Qt::KeypadModifier | Qt::Key_Minus)},
        [most](const Config& c) { return with_expert_step(c, -1, most); });
    add(ShortcutText::tr("Larger &K"), "largerKAction", {QKeySequence(Qt::Key_BracketRight)},
        [](const Config& c) { return with_top_k_step(c, +1); });
    add(ShortcutText::tr("Smaller K"), "smallerKAction", {QKeySequence(Qt::Key_BracketLeft)},
        [](const Config& c) { return with_top_k_step(c, -1); });
    return actions;
}

}  // namespace moelab
