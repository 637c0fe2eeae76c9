#pragma once
// The key under a small chart: a sample of each curve's pen and its name, side by side, wrapped
// onto a second line where the chart is too narrow for all of them (issue 10: Qt's own chart
// legend cut the names to "Tr…" and "E…" in a 1280 x 720 window). A name is never shortened.
#include <QPen>
#include <QString>
#include <QWidget>
#include <vector>

namespace moelab {

class ChartKey : public QWidget {
    Q_OBJECT
  public:
    struct Entry {
        QString text;
        QPen pen;
    };

    explicit ChartKey(QWidget* parent = nullptr);

    void setEntries(std::vector<Entry> entries);
    const std::vector<Entry>& entries() const { return entries_; }

    // Where each entry's name is drawn at `width`: one rectangle per entry, as wide as its text.
    std::vector<QRectF> textRects(int width) const;

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

  protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

  private:
    double swatchWidth() const;
    double lineHeight() const;
    std::vector<Entry> entries_;
    int laid_out_height_ = 0;
};

}  // namespace moelab
