// The routing table: what it shows of a snapshot (the class x expert counts as shares, the class
// names, the entropies), and the pictures of each expert's strongest cases below its column.
#include <QImage>
#include <QTest>

#include "routing_view.h"
#include "snapshot_builder.h"
#include "ui_test_support.h"

using moelab::RoutingView;
using moelab::Snapshot;

namespace {

// Three classes, four experts; the routing of 100 + 40 + 60 training cases.
std::shared_ptr<Snapshot> routedSnapshot() {
    auto snapshot = std::make_shared<Snapshot>();
    auto dataset = std::make_shared<moelab::Dataset>();
    dataset->name = "three";
    dataset->class_names = {"alpha", "beta", "gamma"};
    dataset->features = moelab::FeatureMatrix::Zero(3, 2);
    dataset->labels = {0, 1, 2};
    snapshot->dataset = dataset;
    snapshot->config.experts = 4;
    snapshot->latest = moelab::test::epochMetrics(5, 4);
    Eigen::MatrixXd routing(3, 4);
    routing << 50, 50, 0, 0,  //
        0, 0, 40, 0,          //
        3, 0, 0, 57;
    snapshot->latest.routing = routing;
    snapshot->latest.expert_given_class_entropy = 0.5;
    snapshot->latest.class_given_expert_entropy = 0.25;
    snapshot->latest.expert_class_information = 1.25;
    snapshot->latest.dropped_cases = 7;
    snapshot->latest.balance_loss = 1.125;
    return snapshot;
}

// A data set of `rows` 8 x 8 images, row r a uniform grey of level (r + 1) / (rows + 1), and one
// white pixel at its top-left corner, so no two rows look alike.
std::shared_ptr<moelab::Dataset> imageDataset(int rows) {
    auto dataset = std::make_shared<moelab::Dataset>();
    dataset->name = "squares";
    dataset->class_names = {"dark", "light"};
    dataset->features.resize(rows, 64);
    for (int r = 0; r < rows; ++r) {
        dataset->features.row(r).setConstant(float(r + 1) / float(rows + 1));
        dataset->features(r, 0) = 1.0f;
        dataset->labels.push_back(r % 2);
    }
    return dataset;
}

}  // namespace

class RoutingViewTest : public QObject {
    Q_OBJECT

  private slots:
    void showsTheTableOfASnapshot() {
        RoutingView view;
        view.resize(640, 420);
        view.showSnapshot(routedSnapshot());
        QCOMPARE(view.classCount(), 3);
        QCOMPARE(view.expertCount(), 4);
        QCOMPARE(view.classLabel(0), QStringLiteral("alpha"));
        QCOMPARE(view.classLabel(2), QStringLiteral("gamma"));
        QCOMPARE(view.classLabel(3), QStringLiteral("All classes"));
        // Each cell: the share of its class's cases whose first choice is that expert.
        QCOMPARE(view.count(0, 1), 50.0);
        QCOMPARE(view.share(0, 1), 0.5);
        QCOMPARE(view.share(1, 2), 1.0);
        QCOMPARE(view.share(2, 3), 0.95);
        QCOMPARE(view.cellText(0, 0), QStringLiteral("50%"));
        QCOMPARE(view.cellText(1, 2), QStringLiteral("100%"));
        QCOMPARE(view.cellText(2, 0), QStringLiteral("5.0%"));
        QCOMPARE(view.cellText(2, 3), QStringLiteral("95%"));
        QCOMPARE(view.cellText(1, 0), QString());  // nobody: an empty cell
        // The last row: each expert's share of all 200 cases.
        QCOMPARE(view.count(3, 0), 53.0);
        QCOMPARE(view.share(3, 2), 0.2);
        const QStringList summary = view.summary();
        QVERIFY(summary.contains(QStringLiteral("H(expert | class) = 0.50 bits")));
        QVERIFY(summary.contains(QStringLiteral("H(class | expert) = 0.25 bits")));
        QVERIFY(summary.contains(QStringLiteral("I(expert; class) = 1.25 bits")));
        QVERIFY(summary.contains(QStringLiteral("Dropped cases: 7")));
        QVERIFY(summary.contains(QStringLiteral("Load-balancing loss: 1.125")));
        QVERIFY(summary.contains(QStringLiteral("Dead experts: none")));

        // Painted: a full share dark, an empty cell white, and the cells in class order.
        const QImage image = view.grab().toImage();
        const QRect full = view.cellRect(1, 2), empty = view.cellRect(1, 0);
        QVERIFY(!full.isEmpty());
        QVERIFY(full.top() > view.cellRect(0, 2).top());
        QVERIFY(full.left() > view.cellRect(1, 1).left());
        auto lightness = [&](QPoint at) { return QColor(image.pixel(at)).lightness(); };
        QVERIFY(lightness(full.topLeft() + QPoint(2, 2)) < 80);
        QVERIFY(lightness(empty.center()) > 240);
        QVERIFY(lightness(view.cellRect(0, 0).topLeft() + QPoint(2, 2)) <
                lightness(view.cellRect(2, 0).topLeft() + QPoint(2, 2)));
    }

    void aDeadExpertIsNamed() {
        auto snapshot = routedSnapshot();
        snapshot->latest.utilisation = {0.5, 0.3, 0.195, 0.005};
        RoutingView view;
        view.resize(640, 420);
        view.showSnapshot(snapshot);
        QVERIFY(view.summary().contains(QStringLiteral("Dead experts: E3")));
    }

    void nothingToShowBeforeTheFirstEvaluation() {
        auto snapshot = routedSnapshot();
        snapshot->latest.routing = Eigen::MatrixXd();
        RoutingView view;
        view.resize(400, 300);
        view.showSnapshot(snapshot);
        QCOMPARE(view.classCount(), 0);
        QVERIFY(view.summary().isEmpty());
        QVERIFY(!view.grab().toImage().isNull());
        view.setLoadingMessage(QStringLiteral("Loading"));
        QCOMPARE(view.loadingMessage(), QStringLiteral("Loading"));
    }

    void imageStripsComeFromTheStrongestCases() {
        auto snapshot = routedSnapshot();
        const auto dataset = imageDataset(20);
        dataset->class_names = {"alpha", "beta", "gamma"};
        for (int& label : dataset->labels) label %= 3;
        snapshot->dataset = dataset;
        snapshot->latest.strongest_cases = {{5, 2, 11}, {7}, {}, {19, 0}};
        // As the worker makes them.
        QCOMPARE(moelab::image_side(*dataset), 8);
        snapshot->case_images = moelab::case_images(*dataset, snapshot->latest.strongest_cases);
        QCOMPARE(snapshot->case_images.size(), size_t(4));
        QCOMPARE(snapshot->case_images[0].size(), size_t(3));
        const QImage five = snapshot->case_images[0][0];
        QCOMPARE(five.size(), QSize(8, 8));
        QCOMPARE(qGray(five.pixel(0, 0)), 255);  // the white corner
        QCOMPARE(qGray(five.pixel(4, 4)), qRound(255.0 * 6 / 21));

        RoutingView view;
        view.resize(700, 600);
        view.showSnapshot(snapshot);
        QCOMPARE(view.shownCases(0), (std::vector<int>{5, 2, 11}));
        QCOMPARE(view.shownCases(1), (std::vector<int>{7}));
        QVERIFY(view.shownCases(2).empty());
        QCOMPARE(view.shownCases(3), (std::vector<int>{19, 0}));
        // Under each expert's column, strongest first, top down.
        const QRect first = view.caseRect(0, 0), second = view.caseRect(0, 1);
        QVERIFY(!first.isEmpty());
        QVERIFY(first.top() > view.cellRect(3, 0).bottom());
        QVERIFY(first.left() >= view.cellRect(0, 0).left());
        QVERIFY(first.right() <= view.cellRect(0, 0).right());
        QVERIFY(second.top() > first.top() || second.left() > first.left());
        QVERIFY(view.caseRect(3, 0).left() >= view.cellRect(0, 3).left());
        // The picture is the case's: its grey in the middle.
        const QImage shown = view.grab().toImage();
        for (auto [expert, row] : {std::pair{0, 5}, {1, 7}, {3, 19}}) {
            const QRect rect = view.caseRect(expert, 0);
            const int grey = qGray(shown.pixel(rect.center()));
            QVERIFY2(std::abs(grey - qRound(255.0 * (row + 1) / 21)) <= 3,
                     qPrintable(QStringLiteral("expert %1: %2").arg(expert).arg(grey)));
        }
        // The compact panel beside the plane leaves them out.
        view.setShowImages(false);
        QVERIFY(view.shownCases(0).empty());
    }

    void casesThatAreNotImagesHaveNoPictures() {
        moelab::Dataset dataset;
        dataset.features = moelab::FeatureMatrix::Zero(4, 5);
        dataset.labels = {0, 0, 1, 1};
        dataset.class_names = {"a", "b"};
        QCOMPARE(moelab::image_side(dataset), 0);
        QVERIFY(moelab::case_images(dataset, {{0, 1}}).empty());
        QVERIFY(moelab::case_image(dataset, 0).isNull());
    }
};

QTEST_MAIN(RoutingViewTest)
#include "test_routing_view.moc"
