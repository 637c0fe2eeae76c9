#pragma once
// File > Export figure...: size, scale, style and what to include, then where to write it.
#include <QDialog>

#include "figure_export.h"

class QCheckBox;
class QComboBox;
class QSpinBox;

namespace moelab {

class ExportDialog : public QDialog {
    Q_OBJECT
  public:
    explicit ExportDialog(QWidget* parent = nullptr);

    void setSize(QSize size);
    // The size, scale, style and inclusions chosen (widgets are filled in by the caller).
    QSize figureSize() const;
    double scale() const;
    bool paperStyle() const;
    bool includeGallery() const;
    bool includeCharts() const;
    bool svg() const;

  private:
    void showPresetOfSize();
    QComboBox* preset_ = nullptr;
    QSpinBox* width_ = nullptr;
    QSpinBox* height_ = nullptr;
    QComboBox* scale_ = nullptr;
    QComboBox* format_ = nullptr;
    QCheckBox* paper_ = nullptr;
    QCheckBox* gallery_ = nullptr;
    QCheckBox* charts_ = nullptr;
};

}  // namespace moelab
