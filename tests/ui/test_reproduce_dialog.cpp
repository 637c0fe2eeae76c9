// Experiments > Reproduce the paper: the dialog trains the Table 1 runs side by side on its own
// thread while the window keeps handling events, shows the table and the Qt Charts box plot,
// exports the plot and every run, and cancels promptly.
#include <QBoxPlotSeries>
#include <QBoxSet>
#include <QChart>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <cmath>

#include "main_window.h"
#include "reproduce_dialog.h"

using moelab::ReproduceDialog;
using moelab::Table1Settings;

class TestReproduceDialog : public QObject {
    Q_OBJECT
  private slots:
    void trainsTheTableAndExportsIt() {
        ReproduceDialog dialog;
        dialog.show();
        Table1Settings small;
        small.runs = 3;
        small.max_epochs = 150;
        small.threads = 2;
        dialog.setSettings(small);
        QCOMPARE(dialog.settings().runs, 3);
        QCOMPARE(dialog.settings().max_epochs, 150L);

        // The event loop turns while the runs train: a timer keeps firing.
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, [&] { ++ticks; });
        ticker.start(10);
        QSignalSpy finished(&dialog, &ReproduceDialog::finished);
        dialog.findChild<QPushButton*>(QStringLiteral("startButton"))->click();
        QVERIFY(dialog.isRunning());
        QCOMPARE(dialog.runsTotal(), 12);
        QVERIFY(finished.wait(120000));
        QVERIFY(!dialog.isRunning());
        QVERIFY2(ticks > 5, qPrintable(QString::number(ticks)));
        QCOMPARE(dialog.runsDone(), 12);
        auto* progress = dialog.findChild<QProgressBar*>(QStringLiteral("progress"));
        QCOMPARE(progress->value(), progress->maximum());

        // The table: four systems, finite accuracies in range, the paper beside ours.
        QTableWidget* table = dialog.table();
        QCOMPARE(table->rowCount(), 4);
        const QStringList systems{"ME 4", "ME 8", "BP 6", "BP 12"};
        for (int row = 0; row < 4; ++row) {
            QCOMPARE(table->item(row, 0)->text(), systems[row]);
            for (int column : {2, 3}) {
                bool ok = false;
                const double percent = QLocale().toDouble(table->item(row, column)->text(), &ok);
                QVERIFY2(ok && percent >= 0 && percent <= 100,
                         qPrintable(table->item(row, column)->text()));
            }
            QVERIFY(table->item(row, 7)->text().contains(QStringLiteral("SD")));
        }
        QCOMPARE(dialog.summaries().size(), size_t(4));
        for (const auto& summary : dialog.summaries()) {
            QCOMPARE(summary.runs, 3);
            QVERIFY(std::isfinite(summary.final_train));
            if (summary.stable.count > 0) {
                QVERIFY(summary.stable.mean >= 1 && summary.stable.mean <= 150);
            }
        }

        // The box plot: one box per system, its quartiles in order.
        const auto series = dialog.boxPlot()->series();
        QCOMPARE(series.size(), 1);
        auto* boxes = qobject_cast<QBoxPlotSeries*>(series.first());
        QVERIFY(boxes);
        QCOMPARE(boxes->count(), 4);
        for (QBoxSet* box : boxes->boxSets()) {
            if (box->at(QBoxSet::UpperExtreme) == 0) continue;  // no run stayed
            QVERIFY(box->at(QBoxSet::LowerExtreme) <= box->at(QBoxSet::LowerQuartile));
            QVERIFY(box->at(QBoxSet::LowerQuartile) <= box->at(QBoxSet::Median));
            QVERIFY(box->at(QBoxSet::Median) <= box->at(QBoxSet::UpperQuartile));
            QVERIFY(box->at(QBoxSet::UpperQuartile) <= box->at(QBoxSet::UpperExtreme));
        }

        // Exports: every run as CSV, the plot as a PNG of the asked size.
        QTemporaryDir dir;
        QString error;
        const QString csv = dir.filePath(QStringLiteral("runs.csv"));
        QVERIFY2(dialog.exportCsv(csv, &error), qPrintable(error));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines =
            QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 13);
        QVERIFY(lines.first().startsWith(QStringLiteral("system,seed,lr")));
        const QString png = dir.filePath(QStringLiteral("box.png"));
        QVERIFY2(dialog.exportPng(png, QSize(1200, 800), &error), qPrintable(error));
        const QImage image(png);
        QCOMPARE(image.size(), QSize(1200, 800));
        // Not a blank page: the boxes and text leave dark pixels.
        int dark = 0;
        for (int y = 0; y < image.height(); y += 4)
            for (int x = 0; x < image.width(); x += 4) dark += qGray(image.pixel(x, y)) < 128;
        QVERIFY2(dark > 100, qPrintable(QString::number(dark)));
        // The dialog's own chart still shows its plot after the export.
        QCOMPARE(dialog.boxPlot()->series().size(), 1);
    }

    void cancelStopsPromptly() {
        ReproduceDialog dialog;
        Table1Settings big;
        big.runs = 25;
        big.max_epochs = 100000;
        big.threads = 2;
        dialog.setSettings(big);
        QSignalSpy finished(&dialog, &ReproduceDialog::finished);
        dialog.start();
        QTest::qWait(300);
        QElapsedTimer clock;
        clock.start();
        dialog.cancel();
        QVERIFY(finished.wait(30000));
        QVERIFY(!dialog.isRunning());
        QVERIFY(dialog.summaries().empty());  // no table from a cut-short experiment
        QVERIFY(dialog.runsDone() < dialog.runsTotal());
        QString error;
        QVERIFY(!dialog.exportCsv(QStringLiteral("/tmp/never-written.csv"), &error));
        QVERIFY(!error.isEmpty());
        qInfo("cancel took %lld ms, status: %s", static_cast<long long>(clock.elapsed()),
              qPrintable(dialog.findChild<QLabel*>(QStringLiteral("status"))->text()));
    }

    void closingWhileRunningJoinsCleanly() {
        auto* dialog = new ReproduceDialog;
        Table1Settings big;
        big.runs = 10;
        big.max_epochs = 100000;
        big.threads = 2;
        dialog->setSettings(big);
        dialog->start();
        QTest::qWait(100);
        delete dialog;  // cancels and joins; nothing is called on it afterwards
        QTest::qWait(100);
    }

    void theMenuOpensIt() {
        moelab::Config config;
        config.dataset.name = "vowels";
        moelab::MainWindow window(config);
        window.setDialogsSuppressed(true);
        QVERIFY(!window.reproduceDialog());
        auto* action = window.findChild<QAction*>(QStringLiteral("reproduceAction"));
        QVERIFY(action);
        action->trigger();
        QVERIFY(window.reproduceDialog());
        QVERIFY(window.reproduceDialog()->isVisible());
        window.shutdown();
    }
};

QTEST_MAIN(TestReproduceDialog)
#include "test_reproduce_dialog.moc"
