#include "regression_headless.h"

#include <iostream>

#include "data/registry.h"
#include "errors.h"
#include "headless_support.h"
#include "main_window.h"
#include "regression_figure.h"
#include "regression_mode.h"
#include "thread_handoff.h"

namespace moelab {

bool is_regression_config(const Config& config) {
    const DatasetInfo* info = find_dataset(config.dataset.name);
    return info && info->regression;
}

int export_regression_figure_headless(const Config& config, const FigureRequest& request) {
    RegressionPicturePtr picture;
    try {
        RegressionTrainer trainer(config,
                                  std::make_shared<const Dataset>(load_dataset(config.dataset)));
        try {
            while (trainer.epoch() < config.epochs) trainer.train_epoch();
        } catch (const DivergenceError& error) {
            std::cerr << "moelab: training diverged at epoch " << error.epoch() << " ("
                      << error.what() << "); drawing the last good model\n";
        }
        picture = picture_of(trainer, config);
    } catch (const std::exception& error) {
        headless::complain(QString::fromUtf8(error.what()));
        return 1;
    }
    return write_regression_figure(*picture, request);
}

int write_regression_figure(const RegressionPicture& picture, const FigureRequest& request) {
    QString error;
    if (!export_regression_figure(request.path, picture, request.size, request.scale, &error)) {
        headless::complain(error);
        return 1;
    }
    return 0;
}

int screenshot_regression_window(const Config& config, long epochs, const QString& path,
                                 QSize window_size) {
    MainWindow window(config);
    window.setDialogsSuppressed(true);
    window.resize(window_size);
    window.show();
    RegressionMode* mode = window.regressionMode();
    RegressionWorker* worker = mode->worker();
    bool done = false;
    QString failure;
    QObject::connect(worker, &RegressionWorker::targetReached, &window, [&] { done = true; });
    QObject::connect(mode, &RegressionMode::failed, &window, [&](const QString& message) {
        failure = message;
        done = true;
    });
    QObject::connect(mode, &RegressionMode::diverged, &window, [&](const QString& message) {
        headless::complain(message);
        done = true;
    });
    // Queued after the config the window sent when it opened.
    post_to(
        worker, [worker, epochs] { worker->trainFor(epochs); }, Qt::QueuedConnection);
    if (!headless::wait_until([&] { return done; }, 10 * 60 * 1000))
        failure = QStringLiteral("training did not finish in ten minutes");
    if (!failure.isEmpty()) {
        headless::complain(failure);
        window.shutdown();
        return 1;
    }
    // Let the last picture reach the view before the picture is taken.
    headless::settle(300);
    const QImage shot = window.grab().toImage();
    window.shutdown();
    return headless::save_png(shot, path) ? 0 : 1;
}

}  // namespace moelab
