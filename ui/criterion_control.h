#pragma once
// The criterion of the Table 1 runs as one row of controls: its kind (training accuracy at least,
// or training error at most: analysis/criterion.h) and its threshold, with the same choices,
// default and ranges as `moelab-cli reproduce --criterion-kind accuracy|error --criterion X`.
// Choosing a kind puts its default threshold in, as the CLI does when --criterion is not given.
#include <QWidget>

#include "analysis/criterion.h"

class QComboBox;
class QDoubleSpinBox;

namespace moelab {

class CriterionControl : public QWidget {
    Q_OBJECT
  public:
    explicit CriterionControl(QWidget* parent = nullptr);

    Criterion criterion() const;
    void setCriterion(const Criterion& criterion);

    QComboBox* kindBox() const { return kind_; }
    QDoubleSpinBox* thresholdBox() const { return threshold_; }

  private:
    // The threshold's range and step for `kind` (the CLI's: an accuracy from 0 to 1, an error
    // above 0 and at most 2).
    void fitThresholdTo(CriterionKind kind);

    QComboBox* kind_ = nullptr;
    QDoubleSpinBox* threshold_ = nullptr;
};

}  // namespace moelab
