#include "replay_export_dialog.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QProgressDialog>
#include <QThread>
#include <QTimer>
#include <atomic>

#include "replay_export.h"

namespace moelab {

namespace {

struct ReplayDialogText {
    Q_DECLARE_TR_FUNCTIONS(ReplayDialogText)
};

}  // namespace

bool export_replay_with_progress(QWidget* parent, const QString& path, const SnapshotPtr& live,
                                 const FigureOptions& figure, QString* error) {
    if (!live) return false;
    ReplaySettings settings;
    settings.figure = figure;
    const TimelineEntries entries = replay_timeline(*live);
    std::atomic<int> done{0}, total{0};
    std::atomic<bool> cancel{false};
    ReplayResult result;
    QThread* thread = QThread::create([&] {
        result = export_replay(path, *live, entries, settings, [&](int frames, int all) {
            done.store(frames);
            total.store(all);
            return !cancel.load();
        });
    });
    QProgressDialog dialog(ReplayDialogText::tr("Drawing the replay's frames..."),
                           ReplayDialogText::tr("Cancel"), 0, 1, parent);
    dialog.setObjectName(QStringLiteral("replayProgress"));
    dialog.setWindowTitle(ReplayDialogText::tr("Export replay"));
    dialog.setWindowModality(Qt::WindowModal);
    dialog.setMinimumDuration(0);
    dialog.setAutoClose(false);
    dialog.setAutoReset(false);
    QTimer poll;
    poll.setInterval(50);
    QObject::connect(&poll, &QTimer::timeout, &dialog, [&] {
        if (total.load() > 0) {
            dialog.setMaximum(total.load());
            dialog.setValue(done.load());
            dialog.setLabelText(
                ReplayDialogText::tr("Frame %1 of %2").arg(done.load()).arg(total.load()));
        }
    });
    QObject::connect(&dialog, &QProgressDialog::canceled, &dialog, [&] { cancel.store(true); });
    QEventLoop loop;
    QObject::connect(thread, &QThread::finished, &loop, &QEventLoop::quit);
    poll.start();
    dialog.show();
    thread->start();
    loop.exec();
    thread->wait();
    delete thread;
    poll.stop();
    dialog.close();
    if (error) *error = result.error;
    return result.ok;
}

QString export_replay_interactively(QWidget* parent, const SnapshotPtr& live,
                                    const FigureOptions& figure) {
    if (!live) return {};
    const QString gif_filter = ReplayDialogText::tr("Animated GIF (*.gif)");
    const QString png_filter = ReplayDialogText::tr("PNG frames in a folder (*)");
    QString chosen_filter = gif_filter;
    QString path = QFileDialog::getSaveFileName(
        parent, ReplayDialogText::tr("Export replay"),
        QStringLiteral("moelab-replay-epoch-%1.gif").arg(live->epoch),
        gif_filter + QStringLiteral(";;") + png_filter, &chosen_filter);
    if (path.isEmpty()) return {};
    if (chosen_filter == gif_filter && !is_gif_path(path)) path += QStringLiteral(".gif");
    // A folder for the PNG frames: the name chosen, without a suffix it may have brought along.
    if (chosen_filter == png_filter && is_gif_path(path))
        path =
            QFileInfo(path).absolutePath() + QLatin1Char('/') + QFileInfo(path).completeBaseName();
    QString error;
    if (!export_replay_with_progress(parent, path, live, figure, &error)) {
        if (!error.isEmpty())
            QMessageBox::warning(parent, ReplayDialogText::tr("Export replay"), error);
        return {};
    }
    return path;
}

}  // namespace moelab
