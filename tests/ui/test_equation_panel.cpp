// The equation panel: each loss shows its own equation, the factor that differs between the
// losses is highlighted in expert i's gradient, the comparison table marks the loss in use, the
// routing and batch terms add their notes, and in the real window the panel follows the loss
// control through the worker's snapshots.
#include <QComboBox>
#include <QDockWidget>
#include <QRegularExpression>
#include <QTest>
#include <QTextBrowser>

#include "control_panel.h"
#include "equation_panel.h"
#include "main_window.h"

using moelab::Config;
using moelab::EquationPanel;
using moelab::LossType;
using moelab::MainWindow;

namespace {

const LossType all_losses[] = {LossType::Cooperative, LossType::Competitive,
                               LossType::CompetitiveLog, LossType::MixtureNll};

// The rich text inside every highlighted span, in order.
QStringList highlighted(const QString& html) {
    static const QRegularExpression span(
        QStringLiteral("<span style=\"background-color:#ffe08a;\">(.*?)</span>"));
    QStringList parts;
    for (auto it = span.globalMatch(html); it.hasNext();) parts << it.next().captured(1);
    return parts;
}

// The row of the comparison table that is marked as the loss in use.
QString markedRow(const QString& html) {
    static const QRegularExpression row(QStringLiteral("<tr style=[^>]*>(.*?)</tr>"));
    const auto match = row.match(html);
    return match.hasMatch() ? match.captured(1) : QString();
}

}  // namespace

class TestEquationPanel : public QObject {
    Q_OBJECT
  private slots:
    void eachLossShowsItsEquationAndFactor() {
        EquationPanel panel;
        const QString titles[] = {QStringLiteral("(eq. 1)"), QStringLiteral("(eq. 2)"),
                                  QStringLiteral("(eq. 3)"),
                                  QStringLiteral("categorical form of eq. 3")};
        QSet<QString> seen;
        for (int i = 0; i < 4; ++i) {
            Config config;
            config.loss = all_losses[i];
            panel.setConfig(config);
            QCOMPARE(panel.loss(), all_losses[i]);
            const QString html = panel.html();
            QVERIFY2(html.contains(titles[i]), qPrintable(html.left(200)));
            // The same factor is highlighted in the gradient and in the table's row of this loss.
            const QString factor = EquationPanel::distinctFactor(all_losses[i]);
            const QStringList marks = highlighted(html);
            QVERIFY2(marks.size() >= 5, qPrintable(QString::number(marks.size())));
            QCOMPARE(marks.first(), factor);
            QVERIFY(markedRow(html).contains(factor));
            // The table sets all four side by side: eq. 1, 2, 3 and the NLL.
            for (const char* name : {"eq. 1", "eq. 2", "eq. 3", "NLL"})
                QVERIFY(html.contains(QLatin1String(name)));
            // What the panel shows on screen is the same text.
            const auto* view = panel.findChild<QTextBrowser*>(QStringLiteral("equations"));
            QVERIFY(view);
            QVERIFY(view->toPlainText().contains(titles[i]));
            seen.insert(html);
        }
        QCOMPARE(seen.size(), 4);  // four different pictures
        // The factors themselves tell the lessons apart: eq. 1 the blend's residual, eq. 2 the
        // gate's p_i, eq. 3 and the NLL the responsibility h_i.
        QVERIFY(EquationPanel::distinctFactor(LossType::Cooperative).contains("&Sigma;"));
        QVERIFY(EquationPanel::distinctFactor(LossType::Competitive).contains("<i>p</i>"));
        QCOMPARE(EquationPanel::distinctFactor(LossType::CompetitiveLog),
                 EquationPanel::distinctFactor(LossType::MixtureNll));
        QVERIFY(EquationPanel::distinctFactor(LossType::CompetitiveLog).contains("<i>h</i>"));
    }

    void responsibilityIsDefinedOnlyWhereItIsUsed() {
        EquationPanel panel;
        Config config;
        config.loss = LossType::CompetitiveLog;
        panel.setConfig(config);
        QVERIFY(panel.html().contains(QStringLiteral("with the responsibility")));
        config.loss = LossType::Cooperative;
        panel.setConfig(config);
        QVERIFY(!panel.html().contains(QStringLiteral("with the responsibility")));
    }

    void routingAndBatchTermsAddTheirNotes() {
        EquationPanel panel;
        Config config;
        config.experts = 6;
        config.top_k = 2;
        config.balance_weight = 0.01;
        panel.setConfig(config);
        const QString html = panel.html();
        QVERIFY(html.contains(QStringLiteral("Top-2 routing")));
        QVERIFY(html.contains(QStringLiteral("other 4 experts")));
        QVERIFY(html.contains(QStringLiteral("load balancing")));
        QVERIFY(!html.contains(QStringLiteral("importance")));
        config.top_k = 0;  // dense: no top-K note
        config.balance_weight = 0;
        panel.setConfig(config);
        QVERIFY(!panel.html().contains(QStringLiteral("routing:")));
        QVERIFY(!panel.html().contains(QStringLiteral("load balancing")));
    }

    void followsTheLossControlInTheWindow() {
        Config config;
        config.dataset.name = "vowels";
        config.loss = LossType::CompetitiveLog;
        MainWindow window(config);
        window.setDialogsSuppressed(true);
        window.resize(1280, 720);
        window.show();
        QVERIFY(window.equations());
        auto* dock = window.findChild<QDockWidget*>(QStringLiteral("equations"));
        QVERIFY(dock);
        QTRY_VERIFY_WITH_TIMEOUT(window.lastSnapshot() != nullptr, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(window.equations()->loss(), LossType::CompetitiveLog, 30000);

        auto* loss = window.controlPanel()->findChild<QComboBox*>(
            moelab::ControlPanel::objectNameFor("loss"));
        QVERIFY(loss);
        const int cooperative =
            loss->findData(QVariant::fromValue(static_cast<long long>(LossType::Cooperative)));
        QVERIFY(cooperative >= 0);
        loss->setCurrentIndex(cooperative);
        // Through the config, the worker and its next snapshot.
        QTRY_COMPARE_WITH_TIMEOUT(window.equations()->loss(), LossType::Cooperative, 30000);
        QVERIFY(window.equations()->html().contains(QStringLiteral("(eq. 1)")));
        window.shutdown();
    }
};

QTEST_MAIN(TestEquationPanel)
#include "test_equation_panel.moc"
