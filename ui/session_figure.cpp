#include "session_figure.h"

#include <iostream>
#include <optional>

#include "figure_export.h"
#include "io/session_file.h"
#include "session_training.h"
#include "session_view.h"
#include "snapshot_builder.h"

namespace moelab {

int export_session_figure_headless(const QString& session_path, const FigureRequest& request) {
    auto complain = [](const QString& message) {
        std::cerr << "moelab: " << message.toStdString() << '\n';
        return 1;
    };
    std::shared_ptr<Snapshot> snapshot;
    SessionView view;
    try {
        const Session session = load_session_file(session_path.toStdString());
        try {
            view = view_from_json(session.view);
        } catch (const SessionError& error) {
            throw SessionError("Cannot open the session '" + session_path.toStdString() +
                               "': " + error.what());
        }
        auto trainer = trainer_from_session(session, session_data(session, nullptr, {}), 0);
        snapshot = snapshot_of(*trainer);
        const QRectF shown = view.zoom.value_or(QRectF());
        std::optional<GridSpec> spec;
        if (trainer->dataset().dimensions() == 2) {
            spec = grid_for_view(trainer->dataset(), shown, request.size, 1.5, 768);
        } else {
            snapshot->projection = project_dataset(trainer->dataset(), trainer->split());
            spec = grid_for_view(snapshot->projection->bounds, shown, request.size, 1.5, 768);
        }
        render_snapshot(*snapshot, *spec, trainer->threads(),
                        double(request.size.width()) / spec->width);
    } catch (const std::exception& error) {
        return complain(QString::fromUtf8(error.what()));
    }
    ExportSettings settings;
    settings.size = request.size;
    settings.scale = request.scale;
    settings.figure = view.figure;
    settings.figure.data_rect = view.zoom.value_or(QRectF());
    settings.figure.phonetic_orientation |= request.phonetic;
    settings.figure.tint_by_class |= request.tint_by_class;
    if (request.highlighted_expert >= 0)
        settings.figure.highlighted_expert = request.highlighted_expert;
    if (request.paper_style) settings.figure = paper_style(settings.figure);
    QString error;
    if (!export_figure(request.path, *snapshot, settings, &error)) return complain(error);
    return 0;
}

}  // namespace moelab
