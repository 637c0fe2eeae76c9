#include "export_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>

namespace moelab {

ExportDialog::ExportDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Export figure"));
    auto* form = new QFormLayout;

    width_ = new QSpinBox;
    height_ = new QSpinBox;
    for (QSpinBox* box : {width_, height_}) {
        box->setRange(200, 8000);
        box->setSuffix(tr(" px"));
    }
    width_->setValue(1600);
    height_->setValue(1000);
    // 16:9 slide sizes (issue 10), also `--figure-size slide` and `slide-4k` on the command line.
    preset_ = new QComboBox;
    preset_->setObjectName(QStringLiteral("sizePreset"));
    preset_->addItem(tr("Custom size"), QSize());
    preset_->addItem(tr("Slide 16:9 (1920 × 1080)"), QSize(1920, 1080));
    preset_->addItem(tr("Slide 16:9, 4K (3840 × 2160)"), QSize(3840, 2160));
    form->addRow(tr("Preset:"), preset_);
    connect(preset_, &QComboBox::activated, this, [this](int index) {
        const QSize size = preset_->itemData(index).toSize();
        if (size.isValid()) setSize(size);
    });
    // Typing a size of no preset shows "Custom size".
    for (QSpinBox* box : {width_, height_})
        connect(box, &QSpinBox::valueChanged, this, [this] { showPresetOfSize(); });
    auto* size_row = new QHBoxLayout;
    size_row->addWidget(width_);
    size_row->addWidget(new QLabel(QStringLiteral("×")));
    size_row->addWidget(height_);
    form->addRow(tr("Size:"), size_row);

    scale_ = new QComboBox;
    scale_->addItem(tr("1× (screen)"), 1.0);
    scale_->addItem(tr("2× (slides)"), 2.0);
    scale_->addItem(tr("3× (print)"), 3.0);
    scale_->addItem(tr("4× (poster)"), 4.0);
    scale_->setToolTip(tr("PNG pixels per figure pixel. SVG is resolution-independent."));
    form->addRow(tr("Scale:"), scale_);

    format_ = new QComboBox;
    format_->addItem(tr("PNG image"));
    format_->addItem(tr("SVG vector drawing"));
    form->addRow(tr("Format:"), format_);
    connect(format_, &QComboBox::currentIndexChanged, this,
            [this](int index) { scale_->setEnabled(index == 0); });

    paper_ = new QCheckBox(tr("Paper style (black on white, like the 1991 figure)"));
    gallery_ = new QCheckBox(tr("Include the expert gallery"));
    charts_ = new QCheckBox(tr("Include the metric charts"));
    form->addRow(paper_);
    form->addRow(gallery_);
    form->addRow(charts_);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Choose file..."));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
    setLayout(form);
}

void ExportDialog::setSize(QSize size) {
    width_->setValue(size.width());
    height_->setValue(size.height());
    showPresetOfSize();
}

void ExportDialog::showPresetOfSize() {
    const int index = preset_->findData(figureSize());
    preset_->setCurrentIndex(index >= 0 ? index : 0);
}

QSize ExportDialog::figureSize() const {
    return {width_->value(), height_->value()};
}
double ExportDialog::scale() const {
    return svg() ? 1.0 : scale_->currentData().toDouble();
}
bool ExportDialog::paperStyle() const {
    return paper_->isChecked();
}
bool ExportDialog::includeGallery() const {
    return gallery_->isChecked();
}
bool ExportDialog::includeCharts() const {
    return charts_->isChecked();
}
bool ExportDialog::svg() const {
    return format_->currentIndex() == 1;
}

}  // namespace moelab
