#include "regression_headless.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSaveFile>
#include <QTimer>
#include <iostream>

#include "data/registry.h"
#include "errors.h"
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
        std::cerr << "moelab: " << error.what() << '\n';
        return 1;
    }
    QString error;
    if (!export_regression_figure(request.path, *picture, request.size, request.scale, &error)) {
        std::cerr << "moelab: " << error.toStdString() << '\n';
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
        std::cerr << "moelab: " << message.toStdString() << '\n';
        done = true;
    });
    // Queued after the config the window sent when it opened.
    post_to(
        worker, [worker, epochs] { worker->trainFor(epochs); }, Qt::QueuedConnection);
    QElapsedTimer clock;
    clock.start();
    while (!done && clock.elapsed() < 10 * 60 * 1000)
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 50);
    if (!failure.isEmpty() || !done) {
        std::cerr << "moelab: "
                  << (failure.isEmpty() ? std::string("training did not finish in ten minutes")
                                        : failure.toStdString())
                  << '\n';
        window.shutdown();
        return 1;
    }
    // Let the last picture reach the view before the picture is taken.
    QEventLoop loop;
    QTimer::singleShot(300, &loop, &QEventLoop::quit);
    loop.exec();
    const QImage shot = window.grab().toImage();
    window.shutdown();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !shot.save(&file, "PNG") || !file.commit()) {
        std::cerr << "moelab: cannot write " << path.toStdString() << ": "
                  << file.errorString().toStdString() << '\n';
        return 1;
    }
    return 0;
}

}  // namespace moelab
