#pragma once
// The mouse tools of the plane and what goes with them: Inspect (the default: hover or click a
// point and the Inspector panel explains the mixture there) and Draw (draw your own data, which
// trains live), the toolbar that switches between them, the Inspector dock and the Data menu
// (Draw your own data..., Save drawn data as CSV..., undo and redo). The main window creates one
// and hands it its view, panel and worker; everything else lives here.
#include <QObject>
#include <QPointer>
#include <memory>

#include "data/dataset.h"
#include "snapshot.h"

class QAction;
class QComboBox;
class QDockWidget;
class QMenu;
class QMenuBar;
class QToolBar;

namespace moelab {

class DrawTool;
class DrawnData;
class InspectTool;
class MainWindow;
class PointInspector;

class PlaneTools : public QObject {
    Q_OBJECT
  public:
    // Adds the Inspector dock (a tab beside the experts) and the toolbar to `window`.
    explicit PlaneTools(MainWindow* window);

    // The Data menu, inserted into `bar` before `before` (null: at the end).
    void buildMenu(QMenuBar* bar, QAction* before);

    InspectTool* inspectTool() const { return inspect_; }
    DrawTool* drawTool() const { return draw_; }
    DrawnData* drawnData() const { return drawn_; }
    PointInspector* inspector() const { return inspector_; }
    QDockWidget* inspectorDock() const { return dock_; }
    QAction* inspectAction() const { return inspect_action_; }
    QAction* drawAction() const { return draw_action_; }
    bool drawing() const;

    // Starts drawing on the plane of the current (2-D) data: from its points, or from an empty
    // plane with `classes` classes (2 to 6). False, with the reason in `error`, when the current
    // data cannot be drawn on (more than two features, no data yet).
    bool startDrawing(bool from_current_data, int classes, QString* error = nullptr);
    // Back to the Inspect tool; the drawn data stays the training data.
    void stopDrawing();
    // Writes the drawn data as CSV (atomically, QSaveFile) that File > Open CSV reads back.
    bool saveDrawnCsv(const QString& path, QString* error);

  public slots:
    void showSnapshot(moelab::SnapshotPtr snapshot);
    // Asks empty plane or current data, and the number of classes.
    void startDrawingInteractively();
    void saveDrawnCsvInteractively();

  private:
    void useInspect();
    void sendDrawing();
    void updateClassChoices();

    MainWindow* window_;
    DrawnData* drawn_;
    InspectTool* inspect_;
    DrawTool* draw_;
    PointInspector* inspector_;
    QDockWidget* dock_;
    QToolBar* toolbar_;
    QComboBox* draw_class_ = nullptr;
    QAction* draw_class_action_ = nullptr;
    QAction* inspect_action_ = nullptr;
    QAction* draw_action_ = nullptr;
    QAction* save_action_ = nullptr;
    QAction* undo_action_ = nullptr;
    QAction* redo_action_ = nullptr;
    SnapshotPtr last_;
    Standardization frame_;         // the drawing's standardisation, fixed when it starts
    bool has_drawing_ = false;      // a drawing was started (Save and Draw continue it)
    bool drawn_data_seen_ = false;  // the worker has shown the drawn data since it was sent
};

}  // namespace moelab
