#pragma once
// The routing table: how the gate divides the classes among the experts. One row per class (its
// name), one column per expert (its number and colour); each cell is shaded by the share of that
// class's training cases whose first choice is that expert and says the share where it fits, and a
// last row gives each expert's share of all cases. Above it, the specialisation in numbers:
// H(expert | class), H(class | expert), I(expert; class), dead experts, dropped cases and the
// load-balancing loss. Where the cases are images (Fashion-MNIST), each expert's column goes on
// below the table with the training images that expert weighs most, so a class reads down a
// column: this expert, these classes, these garments.
//
// It only paints the latest snapshot (EpochMetrics::routing and its companions, and the images the
// worker made of EpochMetrics::strongest_cases); it computes nothing from the model or the data.
#include <QImage>
#include <QWidget>
#include <vector>

#include "snapshot.h"

namespace moelab {

class RoutingView : public QWidget {
    Q_OBJECT
  public:
    explicit RoutingView(QWidget* parent = nullptr);

    // Whether the images go below the table (the central view: yes; the compact dock: no).
    void setShowImages(bool show);
    bool showsImages() const { return show_images_; }
    // A message drawn instead of the table while a data set loads; empty: the table.
    void setLoadingMessage(const QString& message);
    QString loadingMessage() const { return loading_; }
    // How much larger than for its size the text, rows and images are drawn (presentation mode:
    // its scale; 1 otherwise). The text still shrinks where the table would not fit at that size.
    void setFontScale(double scale);
    double fontScale() const { return font_scale_; }
    // The pixel size of the table's text as laid out for the current size and snapshot.
    int fontPixels() const;

    // What the table shows, for tests and tooltips.
    int classCount() const;
    int expertCount() const;
    QString classLabel(int class_index) const;
    // Training cases of class c whose first choice is expert i (class = classCount(): all).
    double count(int class_index, int expert) const;
    // That count as a share of the class's cases (of all cases for class = classCount()).
    double share(int class_index, int expert) const;
    // The text the cell shows ("87%"); empty where it does not fit or the share is below 0.5%.
    QString cellText(int class_index, int expert) const;
    QRect cellRect(int class_index, int expert) const;
    // The numbers above the table, one piece per quantity.
    QStringList summary() const;
    // Per expert, the dataset rows whose images are drawn below its column (strongest first), and
    // where the k-th of them is drawn.
    std::vector<int> shownCases(int expert) const;
    QRect caseRect(int expert, int k) const;
    QImage caseImage(int expert, int k) const;

    QSize sizeHint() const override { return {560, 420}; }
    QSize minimumSizeHint() const override { return {200, 140}; }

  public slots:
    void showSnapshot(moelab::SnapshotPtr snapshot);

  protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    bool event(QEvent* event) override;

  private:
    struct Layout {
        QFont font, bold, small;
        int margin = 8;
        std::vector<QRect> summary_pieces;      // one per summary() entry
        QRect corner;                           // the header cell over the class names
        std::vector<QRect> headers;             // per expert
        std::vector<QRect> row_labels;          // per class, then "All classes"
        std::vector<std::vector<QRect>> cells;  // [class][expert], then the "All classes" row
        QRect note;                             // what the shading means
        QRect images_title;
        std::vector<std::vector<QRect>> images;  // [expert][k]
    };
    // Lays the view out for its size and the snapshot's shape (again only when they changed).
    void computeLayout() const;
    bool hasTable() const;

    SnapshotPtr snapshot_;
    bool show_images_ = true;
    double font_scale_ = 1.0;
    QString loading_;
    QStringList class_labels_;
    mutable Layout layout_;
    mutable QSize laid_out_for_;
    long generation_ = 0;  // snapshots shown: the summary's text, and so the layout, may change
    mutable long laid_out_generation_ = -1;
};

}  // namespace moelab
