#pragma once
// Small multiples: one panel per expert showing the classes that expert alone would predict over
// the input plane, darkened where the gate gives it little weight, with its utilisation in percent.
// A class sees at a glance which expert owns which part of the plane.
#include <QImage>
#include <QWidget>
#include <limits>
#include <vector>

#include "snapshot.h"

class QPainter;

namespace moelab {

class ExpertGallery : public QWidget {
    Q_OBJECT
  public:
    explicit ExpertGallery(QWidget* parent = nullptr);

    int expertCount() const { return static_cast<int>(tiles_.size()); }
    int selectedExpert() const { return selected_; }
    // Where expert `expert`'s panel lies in widget coordinates (empty if there is none).
    QRect tileRect(int expert) const;
    // The panel image of one expert as last built (for tests and figure export).
    QImage tileImage(int expert) const;
    // Expert `expert` alone on the cases whose first choice it is, as its panel shows it (NaN:
    // it is no case's first choice, and the panel shows no number).
    double ownAccuracy(int expert) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

  public slots:
    void showSnapshot(moelab::SnapshotPtr snapshot);
    // Highlights `expert` (-1 = none) without emitting expertClicked, e.g. when the main view
    // selects an expert itself.
    void setSelectedExpert(int expert);
    // Draws the panels as the boundary view draws vowel data in the phonetic orientation (second
    // feature across, decreasing; first feature down). The window sets it with the view's option.
    void setPhoneticOrientation(bool phonetic);

  signals:
    void expertClicked(int expert);  // -1 = deselected

  protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    bool event(QEvent* event) override;

  private:
    struct Tile {
        QImage image;            // null when the data is not 2-D
        double utilisation = 0;  // mean gate probability over the training cases
        double top_share = 0;    // share of training cases it is the gate's first choice
        // Accuracy of the expert alone on the cases whose first choice it is (NaN: none).
        double own_accuracy = std::numeric_limits<double>::quiet_NaN();
    };

    void rebuildImages();
    void computeLayout();
    int tileAt(const QPoint& position) const;
    // Paints the expert's strongest training images into `inner`; false when there are none.
    bool drawStrongestCases(QPainter& painter, int expert, const QRect& inner) const;
    int imageResolution() const;

    SnapshotPtr snapshot_;
    const GridEvaluation* imaged_grid_ = nullptr;  // the grid the images show (skip repeats)
    int imaged_resolution_ = 0;
    std::vector<Tile> tiles_;
    std::vector<QRect> tile_rects_;
    int selected_ = -1;
    bool phonetic_ = false;
};

}  // namespace moelab
