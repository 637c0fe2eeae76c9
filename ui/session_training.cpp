#include "session_training.h"

#include "data/registry.h"
#include "training_worker.h"

namespace moelab {

Session session_of_training(const Trainer& trainer, const std::vector<KnobChange>& marks,
                            const std::vector<std::pair<Config, Config>>& mark_configs,
                            const nlohmann::json& view) {
    Session session;
    session.model = saved_model_of(trainer, true);
    if (should_embed_dataset(trainer.config().dataset)) session.embedded_data = trainer.dataset();
    const bool with_configs = mark_configs.size() == marks.size();
    for (size_t i = 0; i < marks.size(); ++i) {
        ChangeMark mark{marks[i].epoch, marks[i].label.toStdString(), std::nullopt, std::nullopt};
        if (with_configs) {
            mark.before = mark_configs[i].first;
            mark.after = mark_configs[i].second;
        }
        session.marks.push_back(std::move(mark));
    }
    session.view = view;
    return session;
}

std::vector<KnobChange> knob_changes_of(const Session& session) {
    std::vector<KnobChange> changes;
    for (const ChangeMark& mark : session.marks) {
        QString label;
        if (mark.before && mark.after)
            label = TrainingWorker::changeLabel(*mark.before, *mark.after);
        if (label.isEmpty()) label = QString::fromStdString(mark.label);
        changes.push_back(KnobChange{mark.epoch, label});
    }
    return changes;
}

std::shared_ptr<const Dataset> session_data(const Session& session,
                                            const std::shared_ptr<const Dataset>& current,
                                            const DatasetConfig& current_config) {
    if (session.embedded_data) return std::make_shared<const Dataset>(*session.embedded_data);
    const DatasetConfig& wanted = session.model.config.dataset;
    if (current && current_config == wanted) return current;
    return std::make_shared<const Dataset>(load_dataset(wanted));
}

std::unique_ptr<Trainer> trainer_from_session(const Session& session,
                                              std::shared_ptr<const Dataset> data,
                                              int reserved_threads) {
    auto trainer =
        std::make_unique<Trainer>(session.model.config, std::move(data), reserved_threads);
    trainer->restore(*session.model.training);
    return trainer;
}

}  // namespace moelab
