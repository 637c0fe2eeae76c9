#include "criterion_control.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>

namespace moelab {

CriterionControl::CriterionControl(QWidget* parent) : QWidget(parent) {
    kind_ = new QComboBox;
    kind_->setObjectName(QStringLiteral("criterionKind"));
    kind_->addItem(tr("training accuracy at least"), int(CriterionKind::Accuracy));
    kind_->addItem(tr("training error at most"), int(CriterionKind::Error));
    kind_->setToolTip(
        tr("When a run counts as having learnt the vowels (moelab-cli reproduce "
           "--criterion-kind). Accuracy: its training accuracy is at or above the threshold "
           "(default 0.88). Error: the mean squared error of its output on the training set "
           "(eq. 1's |d - o|\u00b2 per case, summed over the four outputs) is at or below the "
           "threshold (default 0.2), an error criterion of the kind the paper names; it is "
           "stricter, so the runs need more epochs."));
    threshold_ = new QDoubleSpinBox;
    threshold_->setObjectName(QStringLiteral("criterion"));
    threshold_->setDecimals(3);
    threshold_->setToolTip(
        tr("The threshold: a training accuracy from 0 to 1, or a mean squared error above 0 and "
           "at most 2 (moelab-cli reproduce --criterion)."));
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(kind_, 1);
    row->addWidget(threshold_);
    connect(kind_, &QComboBox::currentIndexChanged, this, [this] {
        const Criterion chosen = criterion();
        fitThresholdTo(chosen.kind);
        threshold_->setValue(default_threshold(chosen.kind));
    });
    setCriterion(Criterion{});
}

Criterion CriterionControl::criterion() const {
    return {static_cast<CriterionKind>(kind_->currentData().toInt()), threshold_->value()};
}

void CriterionControl::setCriterion(const Criterion& criterion) {
    kind_->setCurrentIndex(std::max(0, kind_->findData(int(criterion.kind))));
    fitThresholdTo(criterion.kind);
    threshold_->setValue(criterion.threshold);
}

void CriterionControl::fitThresholdTo(CriterionKind kind) {
    if (kind == CriterionKind::Accuracy) {
        threshold_->setRange(0.05, 1.0);
        threshold_->setSingleStep(0.01);
    } else {
        threshold_->setRange(0.001, 2.0);
        threshold_->setSingleStep(0.01);
    }
}

}  // namespace moelab
