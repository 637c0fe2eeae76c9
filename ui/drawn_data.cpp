#include "drawn_data.h"

#include <QUndoCommand>

namespace moelab {

// One edit of the drawing: the point list before and after. Drawn sets are small (tens to a few
// hundred points), so keeping both lists is simpler than inverting each kind of edit, and
// exactly restores order and values on undo.
class DrawnEdit : public QUndoCommand {
  public:
    DrawnEdit(DrawnData* data, std::vector<DrawnPoint> after, const QString& text)
        : QUndoCommand(text), data_(data), before_(data->points_), after_(std::move(after)) {}
    void redo() override { set(after_); }
    void undo() override { set(before_); }

  private:
    void set(const std::vector<DrawnPoint>& points) {
        data_->points_ = points;
        emit data_->changed();
    }
    DrawnData* data_;
    std::vector<DrawnPoint> before_, after_;
};

DrawnData::DrawnData(QObject* parent) : QObject(parent), undo_(new QUndoStack(this)) {}

void DrawnData::reset(std::vector<DrawnPoint> points, std::vector<std::string> class_names,
                      std::vector<std::string> feature_names) {
    undo_->clear();
    points_ = std::move(points);
    class_names_ = std::move(class_names);
    feature_names_ = std::move(feature_names);
    emit changed();
}

void DrawnData::add(const DrawnPoint& point) {
    std::vector<DrawnPoint> after = points_;
    after.push_back(point);
    undo_->push(new DrawnEdit(this, std::move(after), tr("Add point")));
}

void DrawnData::remove(int index) {
    if (index < 0 || index >= size()) return;
    std::vector<DrawnPoint> after = points_;
    after.erase(after.begin() + index);
    undo_->push(new DrawnEdit(this, std::move(after), tr("Remove point")));
}

void DrawnData::move(int index, QPointF from, QPointF to) {
    if (index < 0 || index >= size()) return;
    // The command's "before" is the point where the drag started, not the last preview.
    points_[size_t(index)].x = from.x();
    points_[size_t(index)].y = from.y();
    std::vector<DrawnPoint> after = points_;
    after[size_t(index)].x = to.x();
    after[size_t(index)].y = to.y();
    undo_->push(new DrawnEdit(this, std::move(after), tr("Move point")));
}

void DrawnData::preview(int index, QPointF at) {
    if (index < 0 || index >= size()) return;
    points_[size_t(index)].x = at.x();
    points_[size_t(index)].y = at.y();
    emit previewed();
}

std::shared_ptr<const Dataset> DrawnData::dataset() const {
    return std::make_shared<const Dataset>(
        make_drawn_dataset(points_, class_names_, feature_names_));
}

}  // namespace moelab
