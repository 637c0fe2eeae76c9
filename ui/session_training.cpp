#include "session_training.h"

#include "data/registry.h"

namespace moelab {

Session session_of_training(const Trainer& trainer, const std::vector<KnobChange>& marks,
                            const nlohmann::json& view) {
    Session session;
    session.model = saved_model_of(trainer, true);
    if (should_embed_dataset(trainer.config().dataset)) session.embedded_data = trainer.dataset();
    for (const KnobChange& mark : marks)
        session.marks.push_back(ChangeMark{mark.epoch, mark.label.toStdString()});
    session.view = view;
    return session;
}

std::vector<KnobChange> knob_changes_of(const Session& session) {
    std::vector<KnobChange> changes;
    for (const ChangeMark& mark : session.marks)
        changes.push_back(KnobChange{mark.epoch, QString::fromStdString(mark.label)});
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
