// The worker's renderer: the pictures of render_snapshot from buffers it reuses, never changing a
// buffer a snapshot still shows, and the previous pictures again when nothing they depend on
// changed.
#include <QTest>
#include <memory>

#include "snapshot_builder.h"
#include "ui_test_support.h"

using moelab::GridRenderer;
using moelab::GridSpec;
using moelab::Mixture;
using moelab::Snapshot;

namespace {

// A snapshot of a random mixture (4 MLP experts, three classes) over [-1, 1]^2, its weights
// scaled so that every picture has lines.
Snapshot modelSnapshot(std::uint64_t seed, int top_k = 0) {
    moelab::ModelSpec spec;
    spec.inputs = 2;
    spec.classes = 3;
    spec.experts = 4;
    spec.expert_hidden = {6};
    Mixture<float> model(spec);
    model.initialize(seed);
    model.parameters() *= 3.0f;
    Snapshot snapshot;
    snapshot.config.experts = 4;
    snapshot.config.top_k = top_k;
    snapshot.model = std::make_shared<const Mixture<float>>(std::move(model));
    snapshot.standardization.mean = Eigen::Vector2d::Zero();
    snapshot.standardization.std = Eigen::Vector2d::Ones();
    return snapshot;
}

GridSpec square(int cells, double half = 1.0) {
    return GridSpec{-half, half, -half, half, cells, cells};
}

bool sameLines(const std::vector<moelab::Polyline>& a, const std::vector<moelab::Polyline>& b) {
    if (a.size() != b.size()) return false;
    for (size_t k = 0; k < a.size(); ++k) {
        if (a[k].size() != b[k].size()) return false;
        for (size_t p = 0; p < a[k].size(); ++p)
            if (a[k][p].x != b[k][p].x || a[k][p].y != b[k][p].y) return false;
    }
    return true;
}

bool samePictures(const Snapshot& a, const Snapshot& b) {
    if (!a.grid || !b.grid) return false;
    if (a.gate_tint != b.gate_tint || a.class_tint != b.class_tint) return false;
    if (a.gate_boundaries.size() != b.gate_boundaries.size() ||
        a.mixture_boundaries.size() != b.mixture_boundaries.size() ||
        a.expert_boundaries.size() != b.expert_boundaries.size())
        return false;
    for (size_t k = 0; k < a.gate_boundaries.size(); ++k)
        if (!sameLines(a.gate_boundaries[k].lines, b.gate_boundaries[k].lines)) return false;
    for (size_t k = 0; k < a.mixture_boundaries.size(); ++k)
        if (!sameLines(a.mixture_boundaries[k].lines, b.mixture_boundaries[k].lines)) return false;
    for (size_t k = 0; k < a.expert_boundaries.size(); ++k) {
        const auto &x = a.expert_boundaries[k], &y = b.expert_boundaries[k];
        if (x.used != y.used || !sameLines(x.owned, y.owned) ||
            !sameLines(x.elsewhere, y.elsewhere))
            return false;
    }
    return a.grid->gate.label == b.grid->gate.label &&
           a.grid->mixture.margin == b.grid->mixture.margin &&
           a.grid->gate_probabilities == b.grid->gate_probabilities;
}

}  // namespace

class GridRendererTest : public QObject {
    Q_OBJECT

  private slots:
    void drawsWhatRenderSnapshotDraws() {
        for (int top_k : {0, 2}) {
            Snapshot expected = modelSnapshot(1, top_k), drawn = modelSnapshot(1, top_k);
            moelab::render_snapshot(expected, square(70), 1);
            GridRenderer renderer;
            renderer.render(drawn, square(70), 2);
            QVERIFY(!drawn.gate_boundaries.empty());
            QVERIFY(!drawn.mixture_boundaries.empty());
            QCOMPARE(drawn.expert_boundaries.size(), size_t(4));
            QCOMPARE(drawn.gate_tint.size(), QSize(70, 70));
            QVERIFY(samePictures(expected, drawn));
        }
    }

    void unchangedInputsGiveThePreviousPictures() {
        GridRenderer renderer;
        Snapshot first = modelSnapshot(2), second = modelSnapshot(2);
        renderer.render(first, square(64), 2);
        renderer.render(second, square(64), 2);
        QCOMPARE(renderer.evaluations(), 1L);
        QCOMPARE(renderer.reuses(), 1L);
        QCOMPARE(second.grid.get(), first.grid.get());
        QVERIFY(samePictures(first, second));
        // The same window a little finer or coarser (a legend shown or hidden): stretched.
        Snapshot resized = modelSnapshot(2);
        renderer.render(resized, square(72), 2);
        QCOMPARE(renderer.evaluations(), 1L);
        QCOMPARE(resized.grid->spec.width, 64);
        // Twice as fine, another window, other weights or another routing: evaluated anew.
        Snapshot finer = modelSnapshot(2);
        renderer.render(finer, square(128), 2);
        QCOMPARE(renderer.evaluations(), 2L);
        QCOMPARE(finer.grid->spec.width, 128);
        Snapshot zoomed = modelSnapshot(2);
        renderer.render(zoomed, square(128, 0.5), 2);
        QCOMPARE(renderer.evaluations(), 3L);
        Snapshot trained = modelSnapshot(3);
        renderer.render(trained, square(128, 0.5), 2);
        QCOMPARE(renderer.evaluations(), 4L);
        Snapshot sparse = modelSnapshot(3, 1);
        renderer.render(sparse, square(128, 0.5), 2);
        QCOMPARE(renderer.evaluations(), 5L);
    }

    void aHeldSnapshotNeverChangesAndFramesAreRecycled() {
        GridRenderer renderer;
        auto held = std::make_shared<Snapshot>(modelSnapshot(4));
        renderer.render(*held, square(48), 2);
        const moelab::GridEvaluation grid_copy = *held->grid;
        const QImage tint_copy = held->gate_tint.copy();
        // Frames of other weights while the UI still shows `held`: as while training.
        for (std::uint64_t seed = 5; seed < 25; ++seed) {
            Snapshot frame = modelSnapshot(seed);
            renderer.render(frame, square(48), 2);
        }
        QVERIFY(held->gate_tint == tint_copy);
        QVERIFY(held->grid->gate.label == grid_copy.gate.label);
        QVERIFY(held->grid->mixture.margin == grid_copy.mixture.margin);
        QVERIFY(held->grid->gate_probabilities == grid_copy.gate_probabilities);
        // One frame held by the UI, one by the renderer's previous pictures, one being drawn.
        QVERIFY2(renderer.frames_allocated() <= 3,
                 qPrintable(QString::number(renderer.frames_allocated())));
    }

    void aSnapshotOutlivesItsRenderer() {
        Snapshot kept = modelSnapshot(6);
        {
            GridRenderer renderer;
            renderer.render(kept, square(40), 1);
        }
        QVERIFY(kept.grid);
        QCOMPARE(kept.grid->gate.label.size(), size_t(40 * 40));
        QVERIFY(!kept.gate_tint.isNull());
    }

    void threadsDoNotChangeThePictures() {
        Snapshot one = modelSnapshot(7, 2), two = modelSnapshot(7, 2);
        GridRenderer a, b;
        a.render(one, square(90), 1);
        b.render(two, square(90), 2);
        QVERIFY(samePictures(one, two));
    }

    void dataThatIsNotTwoDimensionalHasNoPictures() {
        moelab::ModelSpec spec;
        spec.inputs = 3;
        Snapshot snapshot;
        snapshot.model = std::make_shared<const Mixture<float>>(Mixture<float>(spec));
        GridRenderer renderer;
        renderer.render(snapshot, square(16), 2);
        QVERIFY(!snapshot.grid);
        QVERIFY(snapshot.gate_tint.isNull());
        QCOMPARE(renderer.evaluations(), 0L);
    }
};

QTEST_MAIN(GridRendererTest)
#include "test_grid_renderer.moc"
