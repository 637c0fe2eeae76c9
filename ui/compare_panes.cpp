#include "compare_panes.h"

#include <QCoreApplication>
#include <algorithm>

namespace moelab {

namespace {

struct CompareText {
    Q_DECLARE_TR_FUNCTIONS(CompareText)
};

}  // namespace

bool pane_may_differ(const Knob& knob) {
    return !knob.key.starts_with("dataset.") && knob.key != "seed" && knob.key != "epochs" &&
           knob.key != "threads";
}

std::vector<Config> default_compare_configs(const Config& base, int panes) {
    // The comparison of the paper's section 2: eq. 1 keeps the experts entangled, eq. 3 lets
    // them decouple; eq. 2 and the modern NLL follow when more panes are asked for.
    static constexpr LossType order[] = {LossType::Cooperative, LossType::CompetitiveLog,
                                         LossType::Competitive, LossType::MixtureNll};
    const int count = std::clamp(panes, kMinComparePanes, kMaxComparePanes);
    std::vector<Config> configs;
    for (int i = 0; i < count; ++i) {
        Config config = base;
        config.loss = order[i];
        configs.push_back(config);
    }
    return configs;
}

std::vector<const Knob*> differing_knobs(const std::vector<Config>& panes) {
    std::vector<const Knob*> differing;
    if (panes.empty()) return differing;
    for (const Knob& knob : knobs()) {
        const KnobValue first = knob.get(panes.front());
        const bool same = std::all_of(panes.begin() + 1, panes.end(), [&](const Config& config) {
            return knob.get(config) == first;
        });
        if (!same) differing.push_back(&knob);
    }
    // The loss leads: it is what compare mode is about.
    std::stable_partition(differing.begin(), differing.end(),
                          [](const Knob* knob) { return knob->key == "loss"; });
    return differing;
}

QString compare_loss_name(LossType loss) {
    switch (loss) {
        case LossType::Cooperative:
            return CompareText::tr("eq. 1 cooperative");
        case LossType::Competitive:
            return CompareText::tr("eq. 2 competitive");
        case LossType::CompetitiveLog:
            return CompareText::tr("eq. 3 competitive log-likelihood");
        case LossType::MixtureNll:
            return CompareText::tr("mixture NLL");
    }
    return {};
}

QString knob_setting_text(const Knob& knob, const Config& config) {
    if (knob.key == "loss") return compare_loss_name(config.loss);
    const KnobValue value = knob.get(config);
    QString text;
    if (knob.type == KnobType::Choice) {
        const auto* number = std::get_if<long long>(&value);
        const KnobChoice* choice = number ? knob.find_choice(*number) : nullptr;
        text = choice ? QCoreApplication::translate(kKnobsContext, choice->label)
                      : QString::fromStdString(knob.format(value));
    } else if (knob.zero && knob.is_zero(value)) {
        text = QCoreApplication::translate(kKnobsContext, knob.zero);
    } else {
        text = QString::fromStdString(knob.format(value));
    }
    return CompareText::tr("%1 %2").arg(QCoreApplication::translate(kKnobsContext, knob.label),
                                        text);
}

QString pane_title(const std::vector<Config>& panes, size_t index) {
    if (index >= panes.size()) return {};
    QStringList parts;
    for (const Knob* knob : differing_knobs(panes)) parts << knob_setting_text(*knob, panes[index]);
    if (parts.isEmpty()) return CompareText::tr("Pane %1").arg(index + 1);
    return parts.join(QStringLiteral(" · "));
}

}  // namespace moelab
