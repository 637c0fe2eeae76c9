// Experiments > Reproduce the paper: the dialog trains the Table 1 runs side by side on its own
// thread while the window keeps handling events, shows the table and the Qt Charts box plot,
// exports the plot and every run, and cancels promptly.
#include <QBoxPlotSeries>
#include <QBoxSet>
#include <QChart>
#include <QComboBox>
#include <QDoubleSpinBox>
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
#include <string>

#include "data/registry.h"
#include "main_window.h"
#include "reproduce_dialog.h"

using moelab::ReproduceDialog;
using moelab::Table1Settings;

namespace {

// The runs CSV without its seconds column (wall-clock time, different on every run).
QStringList withoutSeconds(const QString& csv) {
    QStringList rows = csv.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const int seconds = rows.value(0).split(QLatin1Char(',')).indexOf(QStringLiteral("seconds"));
    for (QString& row : rows) {
        QStringList cells = row.split(QLatin1Char(','));
        if (seconds >= 0 && seconds < cells.size()) cells.removeAt(seconds);
        row = cells.join(QLatin1Char(','));
    }
    return rows;
}

// What the core trains for `settings` (what moelab-cli reproduce runs): every run's CSV row.
QStringList coreRuns(const Table1Settings& settings) {
    const auto trials = moelab::table1_trials(settings);
    const auto data =
        std::make_shared<const moelab::Dataset>(moelab::load_dataset(moelab::DatasetConfig{}));
    const auto outcomes = moelab::run_side_by_side(
        moelab::table1_runs(settings, trials), data, settings.stopping_criterion(),
        settings.max_epochs, settings.patience, settings.threads);
    return withoutSeconds(
        QString::fromStdString(moelab::table1_runs_csv(settings, trials, outcomes)));
}

}  // namespace

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

    // The criterion control: the CLI's choices and defaults (--criterion-kind accuracy|error,
    // --criterion), and the kind chosen in the dialog is the one its runs are judged by: they
    // are exactly the runs the core trains for the CLI's settings.
    void theCriterionChosenIsTheOneTheRunsUse() {
        ReproduceDialog dialog;
        dialog.show();
        auto* kind = dialog.findChild<QComboBox*>(QStringLiteral("criterionKind"));
        auto* threshold = dialog.findChild<QDoubleSpinBox*>(QStringLiteral("criterion"));
        QVERIFY(kind && threshold);
        QCOMPARE(kind->count(), 2);
        QVERIFY(kind->toolTip().contains(QStringLiteral("--criterion-kind")));
        QCOMPARE(dialog.settings().criterion_kind, moelab::CriterionKind::Accuracy);
        QCOMPARE(dialog.settings().criterion, moelab::kDefaultAccuracyCriterion);

        Table1Settings small;
        small.runs = 2;
        small.max_epochs = 120;
        small.threads = 2;
        dialog.setSettings(small);
        // Chosen as a person would: the error criterion, at its default threshold (the CLI's
        // when --criterion is not given).
        kind->setCurrentIndex(kind->findData(int(moelab::CriterionKind::Error)));
        Table1Settings cli = small;  // moelab-cli reproduce --criterion-kind error
        cli.criterion_kind = moelab::CriterionKind::Error;
        cli.criterion = moelab::default_threshold(moelab::CriterionKind::Error);
        QCOMPARE(dialog.settings().criterion_kind, cli.criterion_kind);
        QCOMPARE(dialog.settings().criterion, cli.criterion);
        QCOMPARE(threshold->value(), moelab::kDefaultErrorCriterion);
        QCOMPARE(dialog.settings().runs, cli.runs);
        QCOMPARE(dialog.settings().max_epochs, cli.max_epochs);
        // An error threshold above 1 is allowed (the CLI's range: above 0, at most 2).
        threshold->setValue(1.5);
        QCOMPARE(dialog.settings().criterion, 1.5);
        threshold->setValue(cli.criterion);
        // setSettings shows a settings' criterion, and back to accuracy brings 0.88 back.
        Table1Settings other = small;
        other.criterion_kind = moelab::CriterionKind::Error;
        other.criterion = 0.35;
        dialog.setSettings(other);
        QCOMPARE(dialog.settings().criterion_kind, moelab::CriterionKind::Error);
        QCOMPARE(dialog.settings().criterion, 0.35);
        kind->setCurrentIndex(kind->findData(int(moelab::CriterionKind::Accuracy)));
        QCOMPARE(dialog.settings().criterion, moelab::kDefaultAccuracyCriterion);
        kind->setCurrentIndex(kind->findData(int(moelab::CriterionKind::Error)));
        QCOMPARE(dialog.settings().criterion, moelab::kDefaultErrorCriterion);

        QSignalSpy finished(&dialog, &ReproduceDialog::finished);
        dialog.start();
        QVERIFY(finished.wait(120000));
        QCOMPARE(dialog.runsDone(), 8);
        QVERIFY(dialog.boxPlot()->title().contains(QStringLiteral("error")));
        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("runs.csv"));
        QString error;
        QVERIFY2(dialog.exportCsv(csv, &error), qPrintable(error));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList trained = withoutSeconds(QString::fromUtf8(file.readAll()));
        QCOMPARE(trained, coreRuns(cli));
        // And the criterion mattered: under the accuracy criterion the same runs cross at
        // other epochs.
        Table1Settings accuracy = cli;
        accuracy.criterion_kind = moelab::CriterionKind::Accuracy;
        accuracy.criterion = moelab::kDefaultAccuracyCriterion;
        QVERIFY(trained != coreRuns(accuracy));

        const QString shots = qEnvironmentVariable("MOELAB_SHOTS_DIR");
        if (!shots.isEmpty()) {
            dialog.resize(1280, 720);
            QTest::qWait(200);
            QVERIFY(dialog.grab().save(shots + QStringLiteral("/reproduce-error-1280x720.png")));
            dialog.resize(1920, 1080);
            QTest::qWait(200);
            QVERIFY(dialog.grab().save(shots + QStringLiteral("/reproduce-error-1920x1080.png")));
        }
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
