#include "session_figure.h"

#include <optional>

#include "data/registry.h"
#include "figure_export.h"
#include "headless_support.h"
#include "io/session_file.h"
#include "main_window.h"
#include "metrics_charts.h"
#include "regression_figure.h"
#include "regression_headless.h"
#include "session_controller.h"
#include "session_training.h"
#include "session_view.h"
#include "snapshot_builder.h"

namespace moelab {

namespace {

// A regression session's curve figure, from its saved weights (no training).
int export_regression_session_figure(const Session& session, const FigureRequest& request) {
    std::shared_ptr<RegressionPicture> picture;
    try {
        const RegressionTrainingState& state = *session.regression;
        const RegressionTrainer trainer(
            state, std::make_shared<const Dataset>(load_dataset(state.config.dataset)));
        picture = picture_of(trainer, state.config);
    } catch (const std::exception& error) {
        headless::complain(QString::fromUtf8(error.what()));
        return 1;
    }
    return write_regression_figure(*picture, request);
}

}  // namespace

int export_session_figure_headless(const QString& session_path, const FigureRequest& request) {
    auto complain = [](const QString& message) {
        headless::complain(message);
        return 1;
    };
    std::shared_ptr<Snapshot> snapshot;
    SessionView view;
    try {
        const Session session = load_session_file(session_path.toStdString());
        if (session.kind == SessionKind::Regression)
            return export_regression_session_figure(session, request);
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

int screenshot_session(const QString& session_path, const QString& path, QSize window_size) {
    MainWindow window;
    window.setDialogsSuppressed(true);
    window.resize(window_size);
    window.show();
    bool done = false;
    QString failure;
    QObject::connect(window.sessions(), &SessionController::sessionOpened, &window,
                     [&] { done = true; });
    QObject::connect(window.sessions(), &SessionController::failed, &window,
                     [&](const QString& message) {
                         failure = message;
                         done = true;
                     });
    window.sessions()->openFile(session_path);
    if (!headless::wait_until([&] { return done; }, 5 * 60 * 1000))
        failure = QStringLiteral("the session did not open in five minutes");
    if (!failure.isEmpty()) {
        headless::complain(failure);
        return 1;
    }
    // Let the view's own window of the plane be drawn and the charts catch up.
    headless::settle(500);
    window.charts()->refreshNow();
    headless::settle(100);
    const QImage shot = window.grab().toImage();
    window.shutdown();
    return headless::save_png(shot, path) ? 0 : 1;
}

}  // namespace moelab
