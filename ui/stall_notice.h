#pragma once
// Watches the accuracy curve of the snapshots a window shows and says when a training of linear
// experts has stalled well short of a good accuracy (the spiral at about 57%), suggesting hidden
// units. The rule is core's (analysis/plateau.h); this only collects the curve and words it.
#include <QCoreApplication>
#include <QString>
#include <vector>

#include "analysis/plateau.h"
#include "snapshot.h"

namespace moelab {

class StallNotice {
    Q_DECLARE_TR_FUNCTIONS(StallNotice)
  public:
    // By default a plateau counts below halfway from chance to perfect for the data's classes
    // (halfway_from_chance); a rule given here applies as it is.
    StallNotice() = default;
    explicit StallNotice(PlateauRule rule) : rule_(rule), rule_given_(true) {}

    // Takes the snapshot's new metrics (a re-initialised model starts a new curve) and returns
    // the notice now in effect: empty, or the sentence for the caption and status bar.
    const QString& update(const Snapshot& snapshot);
    const QString& text() const { return text_; }

    // The sentence for a plateau of linear experts on `dataset_title`.
    static QString describe(const Plateau& plateau, const QString& dataset_title);

  private:
    PlateauRule rule_;
    bool rule_given_ = false;
    std::vector<AccuracyPoint> curve_;
    QString text_;
};

}  // namespace moelab
