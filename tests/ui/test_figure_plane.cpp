// What the figure draws on the plane besides regions and lines: cases an expert at capacity turned
// away (a red ring, and a legend entry only when there are some), the striped tint of top-K
// routing, and data of more features at its projection on two principal components.
#include <QImage>
#include <QPainter>
#include <QTest>
#include <array>

#include "data/registry.h"
#include "expert_colors.h"
#include "figure_legend.h"
#include "figure_painter.h"
#include "model/gate_noise.h"
#include "model/parameter_layout.h"
#include "snapshot_builder.h"
#include "training/trainer.h"
#include "ui_test_support.h"

using moelab::Snapshot;

namespace {

// Twelve points of two classes on a 4 x 3 lattice in [0, 3] x [0, 2], no test split.
std::shared_ptr<Snapshot> latticeSnapshot() {
    auto dataset = std::make_shared<moelab::Dataset>();
    dataset->name = "lattice";
    dataset->class_names = {"left", "right"};
    dataset->features.resize(12, 2);
    for (int r = 0; r < 12; ++r) {
        dataset->features(r, 0) = float(r % 4);
        dataset->features(r, 1) = float(r / 4);
        dataset->labels.push_back(r % 4 < 2 ? 0 : 1);
    }
    dataset->is_test.assign(12, false);
    auto snapshot = std::make_shared<Snapshot>();
    snapshot->dataset = dataset;
    snapshot->config.experts = 2;
    snapshot->latest = moelab::test::epochMetrics(3, 2);
    return snapshot;
}

struct Drawn {
    QImage image;
    std::optional<moelab::FigureGeometry> geometry;
};

Drawn draw(const Snapshot& snapshot, const moelab::FigureOptions& options = {}) {
    Drawn drawn;
    drawn.image = QImage(800, 600, QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&drawn.image);
    drawn.geometry = moelab::paint_figure(painter, QRectF(0, 0, 800, 600), snapshot, options);
    return drawn;
}

bool isRed(QRgb pixel) {
    const QColor c(pixel);
    return c.red() > 170 && c.green() < 90 && c.blue() < 90;
}

// Whether a red pixel lies on the circle of `radius` around `centre` (checked in eight
// directions).
bool redRingAround(const QImage& image, QPointF centre, double radius) {
    int red = 0;
    for (int k = 0; k < 8; ++k) {
        const double angle = k * M_PI / 4;
        const QPoint at = (centre + radius * QPointF(std::cos(angle), std::sin(angle))).toPoint();
        red += isRed(image.pixel(at));
    }
    return red >= 6;
}

bool hasLegendRow(const std::vector<moelab::LegendRow>& rows, moelab::LegendRow::Kind kind) {
    return std::any_of(rows.begin(), rows.end(),
                       [&](const moelab::LegendRow& row) { return row.kind == kind; });
}

}  // namespace

class FigurePlaneTest : public QObject {
    Q_OBJECT

  private slots:
    void theLegendKeepsItsCornerWhileTheBoundariesMove() {
        // Points only in the lower left: the legend's corner follows the points, not the
        // boundaries, which move while training.
        auto snapshot = latticeSnapshot();
        auto& features = const_cast<moelab::Dataset&>(*snapshot->dataset).features;
        for (int r = 0; r < 12; ++r) {
            features(r, 0) = float(r % 4) * 0.2f;
            features(r, 1) = float(r / 4) * 0.2f;
        }
        // The plot spans [0, 3] x [0, 2] whatever the points.
        const moelab::FigureGeometry geometry(QRectF(0, 0, 600, 600), QRectF(0, 0, 3, 2), false, 12,
                                              true);
        const QSizeF size(150, 100);
        const auto first = moelab::emptiest_corner(geometry, *snapshot, size, 4);
        QCOMPARE(first.hidden_points, 0);
        // A gate boundary drawn right through that corner changes nothing.
        moelab::Boundary boundary;
        const QPointF inside = geometry.toScreen().inverted().map(first.box.center());
        boundary.lines.push_back({{inside.x() - 0.1, inside.y()}, {inside.x() + 0.1, inside.y()}});
        snapshot->gate_boundaries.push_back(boundary);
        const auto second = moelab::emptiest_corner(geometry, *snapshot, size, 4);
        QCOMPARE(second.box, first.box);
    }

    void aLegendThatWouldHidePointsLeavesThePlot() {
        // The lattice has points in all four corners of its plot: the legend leaves the plot
        // (beside or below it, whichever keeps the plot larger) rather than cover points, and the
        // plot gives it room; without a legend the plot takes the whole figure.
        auto snapshot = latticeSnapshot();
        auto plot_area = [&](bool legend) {
            QImage image(900, 800, QImage::Format_ARGB32_Premultiplied);
            QPainter painter(&image);
            moelab::FigureOptions options;
            options.show_legend = legend;
            const QRectF plot =
                moelab::paint_figure(painter, QRectF(0, 0, 900, 800), *snapshot, options).plot();
            return plot.width() * plot.height();
        };
        QVERIFY2(plot_area(true) < plot_area(false) * 0.95,
                 qPrintable(QStringLiteral("%1 vs %2").arg(plot_area(true)).arg(plot_area(false))));
    }

    void theLossIsNamedAboveThePlaneAtEverySize() {
        // A narrow figure has no room for the model's description beside the numbers: it goes
        // on a second line, so two figures that differ only in the loss differ above the plot.
        auto first = latticeSnapshot();
        auto second = latticeSnapshot();
        first->config.loss = moelab::LossType::Cooperative;
        second->config.loss = moelab::LossType::CompetitiveLog;
        for (int width : {360, 800}) {
            std::optional<moelab::FigureGeometry> geometry;
            auto render = [&](const Snapshot& snapshot) {
                QImage image(width, 600, QImage::Format_ARGB32_Premultiplied);
                QPainter painter(&image);
                geometry = moelab::paint_figure(painter, QRectF(0, 0, width, 600), snapshot, {});
                return image;
            };
            const QImage a = render(*first);
            const QImage b = render(*second);
            QVERIFY(geometry.has_value());
            const int caption_bottom = int(geometry->plot().top()) - 1;
            QVERIFY(caption_bottom > 4);
            QVERIFY2(a.copy(0, 0, width, caption_bottom) != b.copy(0, 0, width, caption_bottom),
                     qPrintable(
                         QStringLiteral("at %1 px the caption does not name the loss").arg(width)));
        }
    }

    void droppedCasesAreRingedAndListed() {
        auto snapshot = latticeSnapshot();
        moelab::FigureOptions options;
        const Drawn plain = draw(*snapshot, options);
        QVERIFY(!hasLegendRow(moelab::legend_rows(*snapshot, options), moelab::LegendRow::Dropped));

        snapshot->latest.dropped_rows = {5, 10};
        const auto rows = moelab::legend_rows(*snapshot, options);
        QVERIFY(hasLegendRow(rows, moelab::LegendRow::Dropped));
        const auto dropped = std::find_if(rows.begin(), rows.end(), [](const auto& row) {
            return row.kind == moelab::LegendRow::Dropped;
        });
        QVERIFY(dropped->text.contains(QStringLiteral("(2)")));
        const Drawn marked = draw(*snapshot, options);
        const double radius = moelab::dropped_marker_radius(marked.geometry->fontPixels()) + 0.0;
        for (int row : {5, 10}) {
            const QPointF at = marked.geometry->toScreen().map(moelab::plane_point(*snapshot, row));
            QVERIFY2(redRingAround(marked.image, at, radius), qPrintable(QString::number(row)));
            QVERIFY(!redRingAround(plain.image, at, radius));
        }
        // A case not dropped has no ring.
        const QPointF other = marked.geometry->toScreen().map(moelab::plane_point(*snapshot, 6));
        QVERIFY(!redRingAround(marked.image, other, radius));
    }

    void topKRoutingStripesTheRegionsInTheRoutedExpertsColours() {
        // A real model of four experts with top-2 routing, rendered as the worker does.
        moelab::ModelSpec spec;
        spec.inputs = 2;
        spec.classes = 2;
        spec.experts = 4;
        moelab::Mixture<float> model(spec);
        model.initialize(3);
        model.parameters() *= 3.0f;
        auto snapshot = latticeSnapshot();
        snapshot->config.experts = 4;
        snapshot->config.top_k = 2;
        snapshot->model = std::make_shared<const moelab::Mixture<float>>(model);
        snapshot->standardization.mean = Eigen::VectorXd::Constant(2, 1.0);
        snapshot->standardization.mean[0] = 1.5;
        snapshot->standardization.std = Eigen::VectorXd::Ones(2);
        moelab::render_snapshot(*snapshot, moelab::GridSpec{-1, 4, -1, 3, 100, 80}, 2, 2.0);
        const moelab::GridEvaluation& grid = *snapshot->grid;
        QCOMPARE(grid.routed, 2);
        const QImage& tint = snapshot->gate_tint;
        QCOMPARE(tint.size(), QSize(100, 80));
        // Every cell's colour mixes the colours of exactly its two routed experts: the same
        // alpha everywhere, and a point on the line between the two colours.
        int mixed = 0, pure = 0;
        for (int row = 0; row < 80; ++row)
            for (int col = 0; col < 100; ++col) {
                const size_t cell = size_t(row) * 100 + size_t(col);
                const QRgb pixel = reinterpret_cast<const QRgb*>(tint.constScanLine(row))[col];
                QVERIFY(std::abs(qAlpha(pixel) - 117) <= 1);
                auto colour = [&](int expert) {
                    const QColor c = moelab::expertColor(expert);
                    const double luminance =
                        0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF();
                    return luminance < 0.3 ? moelab::lightened(c, 0.35) : c;
                };
                const QColor a = colour(grid.gate_routed[cell * 2]),
                             b = colour(grid.gate_routed[cell * 2 + 1]);
                // The pixel's channels (un-premultiplied): t a + (1 - t) b for one t in [0, 1].
                const QColor p = QColor::fromRgba(qUnpremultiply(pixel));
                double t = -1;
                const std::array<std::array<int, 3>, 3> channels{{{a.red(), b.red(), p.red()},
                                                                  {a.green(), b.green(), p.green()},
                                                                  {a.blue(), b.blue(), p.blue()}}};
                for (const auto& [pa, pb, pp] : channels) {
                    if (std::abs(pa - pb) < 30) {
                        QVERIFY(std::abs(pp - pa) <= 4 + std::abs(pa - pb));
                        continue;
                    }
                    const double s = double(pp - pb) / double(pa - pb);
                    QVERIFY(s > -0.05 && s < 1.05);
                    if (t < 0) t = s;
                    QVERIFY2(std::abs(s - t) < 0.08, qPrintable(QString::number(cell)));
                }
                if (t > 0.05 && t < 0.95) ++mixed;
                if (t >= 0.95 || (t >= 0 && t <= 0.05)) ++pure;
            }
        // Stripes: most cells lie within one stripe, some on an edge between two.
        QVERIFY(pure > 1000);
        QVERIFY(mixed > 100);
        QVERIFY(hasLegendRow(moelab::legend_rows(*snapshot, {}), moelab::LegendRow::Stripes));

        // The dense gate (K = N) keeps the plain tint of the first choice.
        snapshot->config.top_k = 0;
        moelab::render_snapshot(*snapshot, moelab::GridSpec{-1, 4, -1, 3, 100, 80}, 2, 2.0);
        QCOMPARE(snapshot->grid->routed, 0);
        QVERIFY(!hasLegendRow(moelab::legend_rows(*snapshot, {}), moelab::LegendRow::Stripes));
    }

    void eachFrameDrawsTheGateUnderItsOwnNoise() {
        // A noisy gate with non-zero noise weights (a new noise layer starts at zero).
        moelab::ModelSpec spec;
        spec.inputs = 2;
        spec.classes = 2;
        spec.experts = 4;
        spec.noisy_gate = true;
        moelab::Mixture<float> model(spec);
        model.initialize(3);
        model.parameters() *= 3.0f;
        const moelab::DenseSlice& noise = *model.structure().noise_layer();
        moelab::weights_of<float>(model.parameters(), noise).setConstant(0.8f);
        moelab::biases_of<float>(model.parameters(), noise).setConstant(0.5f);
        for (int top_k : {1, 2}) {
            auto snapshot = latticeSnapshot();
            snapshot->config.experts = 4;
            snapshot->config.top_k = top_k;
            snapshot->config.noisy_gate = true;
            snapshot->model = std::make_shared<const moelab::Mixture<float>>(model);
            snapshot->standardization.mean = Eigen::VectorXd::Constant(2, 1.0);
            snapshot->standardization.mean[0] = 1.5;
            snapshot->standardization.std = Eigen::VectorXd::Ones(2);
            snapshot->latest.noise_first_choice_flips = 0.125;
            snapshot->latest.noise_routed_set_flips = 0.07;
            const moelab::GridSpec raster{-1, 4, -1, 3, 100, 80};
            moelab::render_snapshot(*snapshot, raster, 2, 2.0);
            const Snapshot clean = *snapshot;
            QVERIFY(!clean.grid->noisy);
            auto frame = [&](long epoch) {
                Snapshot drawn = clean;
                drawn.epoch = epoch;
                drawn.gate_noise = moelab::frame_noise(moelab::frame_noise_key(1, epoch), 4);
                moelab::render_snapshot(drawn, raster, 2, 2.0);
                return drawn;
            };
            const Snapshot first = frame(1), second = frame(2);
            QVERIFY(first.grid->noisy && second.grid->noisy);
            // Two draws, two tints; the gate's lines stay the clean gate's.
            QVERIFY(first.gate_tint != second.gate_tint);
            QVERIFY(first.gate_tint != clean.gate_tint);
            QVERIFY(first.grid->gate.label == clean.grid->gate.label);
            QCOMPARE(first.gate_boundaries.size(), clean.gate_boundaries.size());
            // The same draw again: the same picture.
            QVERIFY(frame(1).gate_tint == first.gate_tint);

            // The legend names the noise and the share of cases it re-routes.
            QStringList texts;
            for (const auto& row : moelab::legend_rows(first, {})) texts << row.text;
            const QString legend = texts.join(QLatin1Char('|'));
            QVERIFY2(legend.contains(QStringLiteral("Noisy gate")), qPrintable(legend));
            QVERIFY2(legend.contains(QStringLiteral("this frame's noise draw")),
                     qPrintable(legend));
            QVERIFY2(legend.contains(QStringLiteral("of 12.5% of cases")), qPrintable(legend));
            QCOMPARE(legend.contains(QStringLiteral("top-2 set of 7.0%")), top_k == 2);
            QVERIFY(!legend.contains(QStringLiteral("shade: the gate's first choice")));
            // Without a draw the legend says nothing of a tint under noise.
            texts.clear();
            moelab::Snapshot without = clean;
            without.latest.noise_first_choice_flips = std::numeric_limits<double>::quiet_NaN();
            for (const auto& row : moelab::legend_rows(without, {})) texts << row.text;
            QVERIFY(!texts.join(QLatin1Char('|')).contains(QStringLiteral("noise")));
            const Drawn picture = draw(first);
            QVERIFY(!picture.image.isNull());
        }
    }

    void aSnapshotCarriesItsEpochsDraw() {
        moelab::Config config;
        config.experts = 3;
        config.top_k = 2;
        config.noisy_gate = true;
        config.threads = 1;
        auto dataset =
            std::make_shared<const moelab::Dataset>(moelab::load_dataset(config.dataset));
        moelab::Trainer trainer(config, dataset);
        trainer.train(2);
        const auto first = moelab::snapshot_of(trainer);
        QCOMPARE(first->gate_noise,
                 moelab::frame_noise(moelab::frame_noise_key(config.seed, 2), 3));
        trainer.train(1);
        QVERIFY(moelab::snapshot_of(trainer)->gate_noise != first->gate_noise);
        config.noisy_gate = false;
        moelab::Trainer quiet(config, dataset);
        QVERIFY(moelab::snapshot_of(quiet)->gate_noise.empty());
    }

    void dataOfMoreFeaturesIsDrawnAtItsProjection() {
        // Six features, most of the variance in the first two.
        auto dataset = std::make_shared<moelab::Dataset>();
        dataset->name = "six";
        dataset->class_names = {"a", "b", "c"};
        dataset->features.resize(90, 6);
        for (int r = 0; r < 90; ++r) {
            for (int k = 0; k < 6; ++k)
                dataset->features(r, k) =
                    float(std::sin(r * (k + 1) * 0.7) * (k < 2 ? 5.0 : 0.3) + k);
            dataset->labels.push_back(r % 3);
        }
        moelab::assign_split(*dataset, 0.25, 1);
        const moelab::Split split = moelab::make_split(*dataset);
        moelab::ModelSpec spec;
        spec.inputs = 6;
        spec.classes = 3;
        spec.experts = 3;
        spec.expert_hidden = {4};
        moelab::Mixture<float> model(spec);
        model.initialize(2);
        auto snapshot = std::make_shared<Snapshot>();
        snapshot->dataset = dataset;
        snapshot->standardization = split.standardization;
        snapshot->config.experts = 3;
        snapshot->model = std::make_shared<const moelab::Mixture<float>>(model);
        snapshot->latest = moelab::test::epochMetrics(1, 3);
        QVERIFY(!moelab::has_plane(*snapshot));  // no projection yet: a message, no plane

        snapshot->projection = moelab::project_dataset(*dataset, split);
        QVERIFY(moelab::has_plane(*snapshot));
        const moelab::PlaneProjection& projection = *snapshot->projection;
        QCOMPARE(projection.points.rows(), Eigen::Index(90));
        for (int r = 0; r < 90; ++r)
            QVERIFY(projection.bounds.contains(moelab::plane_point(*snapshot, r)));
        QCOMPARE(moelab::default_data_rect(*snapshot), projection.bounds);
        moelab::render_snapshot(
            *snapshot, moelab::grid_for_view(projection.bounds, QRectF(), QSize(400, 300)), 2);
        QVERIFY(snapshot->grid);
        QCOMPARE(snapshot->grid->spec.x_min, projection.bounds.left());
        // The grid is the plane model's.
        const moelab::GridEvaluation direct =
            moelab::evaluate_grid(moelab::plane_model(model, projection.pca),
                                  moelab::plane_standardization(), 3, snapshot->grid->spec, 1);
        QVERIFY(direct.gate.label == snapshot->grid->gate.label);

        // Drawn: a dropped case is ringed where its projection lies.
        snapshot->latest.dropped_rows = {4};
        moelab::FigureOptions options;
        options.show_regions = false;
        options.show_expert_lines = options.show_gate_lines = false;
        options.show_legend = false;
        const Drawn drawn = draw(*snapshot, options);
        const QPointF at = drawn.geometry->toScreen().map(moelab::plane_point(*snapshot, 4));
        QVERIFY(redRingAround(drawn.image, at,
                              moelab::dropped_marker_radius(drawn.geometry->fontPixels())));
        QVERIFY(moelab::legend_rows(*snapshot, {}).front().text == QStringLiteral("Classes"));
    }
};

QTEST_MAIN(FigurePlaneTest)
#include "test_figure_plane.moc"
