// The box plot of epochs to criterion: what it reads of a runs.csv of moelab-cli reproduce (systems
// in order, empty cells as runs that never got there) and that it draws a box per system.
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

#include "box_plot.h"

class BoxPlotTest : public QObject {
    Q_OBJECT

  private slots:
    void readsTheSystemsAndTheirRuns() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("runs.csv"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Text));
        file.write(
            "system,seed,lr,optimizer,first_crossing,stable_crossing,final_train_accuracy\n"
            "ME 4,1,5,sgd,30,40,0.9\n"
            "BP 6,1,1,sgd,90,100,0.9\n"
            "ME 4,2,5,sgd,20,,0.8\n"
            "ME 4,3,5,sgd,35,50,0.9\n"
            "BP 6,2,1,sgd,80,120,0.9\n");
        file.close();
        const auto series = moelab::read_runs_csv(path, QStringLiteral("stable_crossing"));
        QCOMPARE(series.size(), size_t(2));
        QCOMPARE(series[0].name, QStringLiteral("ME 4"));
        QCOMPARE(series[0].values, (std::vector<double>{40, 50}));
        QCOMPARE(series[0].missing, 1);
        QCOMPARE(series[1].name, QStringLiteral("BP 6"));
        QCOMPARE(series[1].values, (std::vector<double>{100, 120}));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                                 moelab::read_runs_csv(path, QStringLiteral("no_such_column")));

        // The PNG: one grey box per system, at the left and at the right half.
        const QString png = dir.filePath(QStringLiteral("box.png"));
        QCOMPARE(moelab::export_box_plot(path, png, QSize(600, 400)), 0);
        const QImage image(png);
        QCOMPARE(image.size(), QSize(600, 400));
        auto grey_columns = [&](int from, int to) {
            int count = 0;
            for (int x = from; x < to; ++x)
                for (int y = 0; y < image.height(); ++y)
                    if (image.pixel(x, y) == qRgb(225, 225, 225)) {
                        ++count;
                        break;
                    }
            return count;
        };
        QVERIFY(grey_columns(0, 300) > 10);
        QVERIFY(grey_columns(300, 600) > 10);
        QCOMPARE(moelab::export_box_plot(dir.filePath(QStringLiteral("missing.csv")), png,
                                         QSize(600, 400)),
                 1);
    }
};

QTEST_MAIN(BoxPlotTest)
#include "test_box_plot.moc"
