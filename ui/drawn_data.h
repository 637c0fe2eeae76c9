#pragma once
// The points a person draws on the plane, with undo and redo: each add, removal and move is one
// command on a QUndoStack (Ctrl+Z, Ctrl+Shift+Z). changed() follows every edit, undo and redo;
// dataset() is the drawing as an ordinary Dataset for the worker (and sessions).
#include <QObject>
#include <QPointF>
#include <QUndoStack>
#include <memory>
#include <string>
#include <vector>

#include "data/drawn_dataset.h"

namespace moelab {

class DrawnData : public QObject {
    Q_OBJECT
  public:
    explicit DrawnData(QObject* parent = nullptr);

    // Starts a drawing: `points` (may be empty) in `class_names` (2 to 6 for a new one) over
    // `feature_names`; forgets the undo history.
    void reset(std::vector<DrawnPoint> points, std::vector<std::string> class_names,
               std::vector<std::string> feature_names);

    const std::vector<DrawnPoint>& points() const { return points_; }
    int size() const { return int(points_.size()); }
    int classes() const { return int(class_names_.size()); }
    const std::vector<std::string>& classNames() const { return class_names_; }
    const std::vector<std::string>& featureNames() const { return feature_names_; }
    QUndoStack* undoStack() const { return undo_; }

    // Edits, each one undoable command.
    void add(const DrawnPoint& point);
    void remove(int index);
    // Moves point `index` from `from` to where it is now (after previews) or to `to`.
    void move(int index, QPointF from, QPointF to);
    // Shows point `index` at `at` while it is dragged: no command, no changed() (move() ends it).
    void preview(int index, QPointF at);

    // The drawing as a Dataset (data/drawn_dataset.h).
    std::shared_ptr<const Dataset> dataset() const;

  signals:
    // The points changed by an edit, undo or redo (not by a preview).
    void changed();
    // A preview moved a point (repaint only).
    void previewed();

  private:
    friend class DrawnEdit;
    std::vector<DrawnPoint> points_;
    std::vector<std::string> class_names_;
    std::vector<std::string> feature_names_;
    QUndoStack* undo_;
};

}  // namespace moelab
