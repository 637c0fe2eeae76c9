#pragma once
// The Inspector panel: the mixture at one point of the plane, explained with the paper's terms.
// Rows are the experts (colour swatch); columns the gate probability p_i, the expert's probability
// o_i[c] of the target class c, its posterior responsibility h_i, the factor that weights its
// error in the gradient under the current loss, and the push -dE/do_i[c] that gradient gives its
// output for class c. One line under the table says what the factor is for the loss in use. It
// computes from the current snapshot's copy of the weights only (analysis/point_probe.h).
#include <QPointF>
#include <QWidget>
#include <optional>

#include "analysis/point_probe.h"
#include "snapshot.h"

class QComboBox;
class QLabel;
class QTableWidget;

namespace moelab {

class PointInspector : public QWidget {
    Q_OBJECT
  public:
    // The table's columns.
    enum Column {
        ExpertColumn,
        GateColumn,
        OutputColumn,
        ResponsibilityColumn,
        FactorColumn,
        PushColumn,
        ColumnCount
    };

    explicit PointInspector(QWidget* parent = nullptr);

    // The numbers shown (empty: no point, no model, or data of more than two features).
    const std::optional<PointProbe>& probe() const { return probe_; }
    std::optional<QPointF> point() const { return point_; }
    // The target class c in use (the chosen one, or the nearest data point's).
    int targetClass() const;
    QTableWidget* table() const { return table_; }
    // Chooses the target class c; -1: the class of the data point nearest to the inspected point.
    void setChosenClass(int target);

  public slots:
    void showSnapshot(moelab::SnapshotPtr snapshot);
    void setPoint(std::optional<QPointF> point, bool pinned);

  private:
    void rebuildClassChoices();
    void refresh();
    int nearestClass() const;

    SnapshotPtr snapshot_;
    std::optional<QPointF> point_;
    bool pinned_ = false;
    std::optional<PointProbe> probe_;
    const Dataset* listed_dataset_ = nullptr;  // identity of the data the class list names
    QLabel* where_ = nullptr;
    QComboBox* classes_ = nullptr;
    QTableWidget* table_ = nullptr;
    QLabel* explanation_ = nullptr;
    QLabel* summary_ = nullptr;
};

}  // namespace moelab
