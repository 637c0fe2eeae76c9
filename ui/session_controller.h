#pragma once
// File > Open session, Save session, Save session as and Open recent for the main window. Saving
// asks the worker of the training on screen (the classification's, or the regression's while the
// curve view shows one) to write its whole training (it owns the model) with the view this
// controller describes; opening reads and checks the file here, hands the training to the worker
// and, once the worker runs it, puts the config in the controls and the view back as it was. A
// file that cannot be read or does not fit changes nothing on screen. The recent files live in
// QSettings.
#include <QObject>
#include <QString>
#include <QStringList>

#include "session_view.h"
#include "training/config.h"

class QMenu;

namespace moelab {

class MainWindow;

class SessionController : public QObject {
    Q_OBJECT
  public:
    static constexpr int kMaxRecentFiles = 8;

    explicit SessionController(MainWindow* window);

    // Adds Open session (Ctrl+O), Open recent, Save session (Ctrl+S) and Save session as.
    void addActions(QMenu* file_menu);

    // The file the session was last opened from or saved to; empty for a new one.
    QString currentPath() const { return current_path_; }
    // Most recent first; kept in QSettings ("sessions/recent").
    QStringList recentFiles() const;
    // What the window shows now, as a session's "view".
    SessionView currentView() const;

  public slots:
    void save();    // to the current file, else asks for one
    void saveAs();  // asks for a file
    void open();    // asks for a file
    // Without dialogs. Saving and opening finish asynchronously: sessionSaved or sessionOpened,
    // or failed (also shown in a message box unless the window suppresses dialogs).
    void saveTo(const QString& path);
    void openFile(const QString& path);

  signals:
    void sessionSaved(QString path);
    void sessionOpened(QString path);
    void failed(QString message);

  private:
    void onSaved(const QString& path);
    void onRestored(const QString& path);
    void fail(const QString& title, const QString& message);
    void remember(const QString& path);
    void forget(const QString& path);
    void fillRecentMenu();
    void applyView(const SessionView& view);

    MainWindow* window_;
    QMenu* recent_menu_ = nullptr;
    QString current_path_;
    QString pending_open_;  // the file whose training the worker is restoring
    SessionView pending_view_;
    Config pending_config_;
};

}  // namespace moelab
