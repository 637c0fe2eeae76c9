#include "point_inspector.h"

#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>
#include <limits>

#include "class_names.h"
#include "expert_colors.h"

namespace moelab {

namespace {

QString number(double value) {
    return QString::number(value, 'f', 3);
}

// A colour swatch for the expert column.
QIcon swatch(const QColor& color) {
    QPixmap pixmap(12, 12);
    pixmap.fill(color);
    return QIcon(pixmap);
}

}  // namespace

PointInspector::PointInspector(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    where_ = new QLabel;
    where_->setObjectName(QStringLiteral("inspectorWhere"));
    where_->setWordWrap(true);
    layout->addWidget(where_);

    auto* class_row = new QHBoxLayout;
    auto* class_label = new QLabel(tr("Target class c:"));
    classes_ = new QComboBox;
    classes_->setObjectName(QStringLiteral("inspectorClass"));
    classes_->setToolTip(tr("The class d = one-hot(c) stands for in the loss at this point."));
    class_label->setBuddy(classes_);
    class_row->addWidget(class_label);
    class_row->addWidget(classes_, 1);
    layout->addLayout(class_row);
    connect(classes_, &QComboBox::currentIndexChanged, this, [this] { refresh(); });

    table_ = new QTableWidget(0, ColumnCount);
    table_->setObjectName(QStringLiteral("inspectorTable"));
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionMode(QAbstractItemView::NoSelection);
    table_->verticalHeader()->setVisible(false);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table_->horizontalHeader()->setSectionResizeMode(ExpertColumn, QHeaderView::ResizeToContents);
    const std::pair<QString, QString> headers[ColumnCount] = {
        {tr("Expert"), tr("The expert i (its colour on the plane).")},
        {tr("p_i"), tr("The gate's probability of expert i at this point (top K: 0 for an "
                       "expert that is not routed).")},
        {tr("o_i[c]"), tr("Expert i's probability of the target class c.")},
        {tr("h_i"), tr("The posterior responsibility of expert i for class c: how much of the "
                       "evidence for c it accounts for. Sums to 1.")},
        {tr("weight"), tr("The factor that weights expert i's error in the gradient under the "
                          "current loss: p_i for eq. 1 and eq. 2, h_i for eq. 3, h_i / o_i[c] for "
                          "the mixture NLL.")},
        {tr("push"), tr("-dE/do_i[c]: how hard this case's gradient pushes expert i's "
                        "probability of class c up (negative: down).")},
    };
    for (int c = 0; c < ColumnCount; ++c) {
        auto* item = new QTableWidgetItem(headers[c].first);
        item->setToolTip(headers[c].second);
        table_->setHorizontalHeaderItem(c, item);
    }
    layout->addWidget(table_, 1);

    explanation_ = new QLabel;
    explanation_->setObjectName(QStringLiteral("inspectorExplanation"));
    explanation_->setWordWrap(true);
    layout->addWidget(explanation_);
    summary_ = new QLabel;
    summary_->setObjectName(QStringLiteral("inspectorSummary"));
    summary_->setWordWrap(true);
    layout->addWidget(summary_);
    refresh();
}

int PointInspector::targetClass() const {
    const int chosen = classes_->currentData().isValid() ? classes_->currentData().toInt() : -1;
    return chosen >= 0 ? chosen : nearestClass();
}

void PointInspector::setChosenClass(int target) {
    const int index = classes_->findData(target);
    if (index >= 0) classes_->setCurrentIndex(index);
}

void PointInspector::showSnapshot(SnapshotPtr snapshot) {
    snapshot_ = std::move(snapshot);
    if (snapshot_ && snapshot_->dataset.get() != listed_dataset_) rebuildClassChoices();
    refresh();
}

void PointInspector::setPoint(std::optional<QPointF> point, bool pinned) {
    point_ = point;
    pinned_ = pinned;
    refresh();
}

void PointInspector::rebuildClassChoices() {
    const Dataset& data = *snapshot_->dataset;
    listed_dataset_ = &data;
    const int chosen = classes_->currentData().isValid() ? classes_->currentData().toInt() : -1;
    const QSignalBlocker blocker(classes_);
    classes_->clear();
    classes_->addItem(tr("Nearest point's class"), -1);
    for (int c = 0; c < data.classes(); ++c)
        classes_->addItem(swatch(classColor(c)), class_label(data, c), c);
    const int index = classes_->findData(chosen < data.classes() ? chosen : -1);
    classes_->setCurrentIndex(std::max(0, index));
}

int PointInspector::nearestClass() const {
    if (!snapshot_ || !snapshot_->dataset || !point_) return 0;
    const Dataset& data = *snapshot_->dataset;
    if (data.size() == 0 || data.dimensions() != 2) return 0;
    // In standard units, so neither feature's scale decides.
    const Standardization& s = snapshot_->standardization;
    const double sx = s.std.size() == 2 ? s.std(0) : 1.0, sy = s.std.size() == 2 ? s.std(1) : 1.0;
    double best = std::numeric_limits<double>::infinity();
    int label = 0;
    for (int i = 0; i < data.size(); ++i) {
        const double dx = (data.features(i, 0) - point_->x()) / sx;
        const double dy = (data.features(i, 1) - point_->y()) / sy;
        if (dx * dx + dy * dy < best) {
            best = dx * dx + dy * dy;
            label = data.labels[size_t(i)];
        }
    }
    return label;
}

void PointInspector::refresh() {
    probe_.reset();
    const bool plane = snapshot_ && snapshot_->model && snapshot_->dataset &&
                       snapshot_->dataset->dimensions() == 2;
    if (!plane) {
        where_->setText(snapshot_ && snapshot_->dataset
                            ? tr("The inspector explains points of data with two features.")
                            : tr("No model yet."));
    } else if (!point_) {
        where_->setText(tr("Move the mouse over the plane; click to pin a point."));
    } else {
        const int target = std::clamp(targetClass(), 0, snapshot_->model->spec().classes - 1);
        probe_ =
            probe_point(*snapshot_->model, snapshot_->standardization, point_->x(), point_->y(),
                        target, snapshot_->config.loss, snapshot_->config.routed_experts());
        const QString at =
            QStringLiteral("(%1, %2)").arg(point_->x(), 0, 'g', 4).arg(point_->y(), 0, 'g', 4);
        where_->setText(pinned_
                            ? tr("Pinned at %1. Right-click the plane to follow the mouse.").arg(at)
                            : tr("At %1. Click to pin.").arg(at));
    }
    if (!probe_) {
        table_->setRowCount(0);
        explanation_->clear();
        summary_->clear();
        return;
    }
    const PointProbe& p = *probe_;
    const int c = p.target;
    // The automatic choice says which class it took.
    classes_->setItemText(0, tr("Nearest point's: %1").arg(class_label(*snapshot_->dataset, c)));
    const int experts = int(p.gate.size()), rows = int(p.weight.size());
    table_->setRowCount(rows);
    for (int m = 0; m < rows; ++m) {
        const bool shared = m >= experts;
        const bool routed = shared || p.routed[size_t(m)];
        auto set = [&](int column, const QString& text, const QString& tip = {}) {
            QTableWidgetItem* item = table_->item(m, column);
            if (!item) {
                item = new QTableWidgetItem;
                table_->setItem(m, column, item);
            }
            item->setText(text);
            item->setToolTip(tip);
            item->setTextAlignment(column == ExpertColumn
                                       ? Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter)
                                       : Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
            item->setForeground(routed ? palette().text() : palette().placeholderText());
            return item;
        };
        QTableWidgetItem* name = set(ExpertColumn, shared ? tr("Shared") : tr("Expert %1").arg(m));
        name->setIcon(swatch(shared ? QColor(120, 120, 120) : expertColor(m)));
        QStringList outputs;
        for (int k = 0; k < p.expert_outputs.cols(); ++k)
            outputs << QStringLiteral("%1: %2").arg(class_label(*snapshot_->dataset, k),
                                                    number(p.expert_outputs(m, k)));
        if (!routed) {
            set(GateColumn, tr("not routed"),
                tr("Outside the top K at this point: weight 0, no gradient."));
        } else {
            set(GateColumn, number(shared ? p.weight(m) : p.gate(m)),
                shared ? tr("The shared expert's fixed weight in the mixture.") : QString());
        }
        set(OutputColumn, number(p.expert_outputs(m, c)), outputs.join(QLatin1Char('\n')));
        set(ResponsibilityColumn, routed ? number(p.responsibility(m)) : tr("-"));
        set(FactorColumn, routed ? number(p.gradient_factor(m)) : tr("-"));
        set(PushColumn, routed ? number(-p.output_gradient(m, c)) : tr("-"));
    }
    switch (p.loss) {
        case LossType::Cooperative:
            explanation_->setText(
                tr("eq. 1: every expert is pushed by the mixture's shared error d - y, weighted "
                   "by its gate probability p_i (dE/do_i = -p_i (d - y))."));
            break;
        case LossType::Competitive:
            explanation_->setText(
                tr("eq. 2: each expert's own error d - o_i is weighted by its gate probability "
                   "p_i (dE/do_i = -p_i (d - o_i))."));
            break;
        case LossType::CompetitiveLog:
            explanation_->setText(
                tr("eq. 3: each expert's error is weighted by its responsibility h_i "
                   "(dE/do_i = -h_i (d - o_i))."));
            break;
        case LossType::MixtureNll:
            explanation_->setText(
                tr("Mixture NLL: only class c is pushed, by the responsibility over the expert's "
                   "own probability (dE/do_i[c] = -h_i / o_i[c])."));
            break;
    }
    summary_->setText(tr("Mixture: y[c] = %1, loss E = %2 at this point.")
                          .arg(number(p.mixture(c)), number(p.loss_value)));
}

}  // namespace moelab
