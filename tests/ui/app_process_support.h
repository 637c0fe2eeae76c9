#pragma once
// The built desktop app (MOELAB_APP_PATH, set by the test's target) run as a process on the
// offscreen platform: its exit code and what it printed.
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace moelab::test {

struct AppRun {
    int exit_code = -1;  // -1 as well when it crashed or did not finish in time
    QString out, err;
};

inline AppRun run_app(const QStringList& arguments, int timeout_ms) {
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(MOELAB_APP_PATH), arguments);
    if (!process.waitForFinished(timeout_ms)) return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

}  // namespace moelab::test
