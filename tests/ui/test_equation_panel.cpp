// The equation panel: each loss shows its own equation, the factor that differs between the
// losses is highlighted in expert i's gradient, the comparison table marks the loss in use, the
// routing and batch terms add their notes, and in the real window the panel follows the loss
// control through the worker's snapshots.
#include <QComboBox>
#include <QDockWidget>
#include <QRegularExpression>
#include <QTest>
#include <QTextBrowser>
#include <QTextDocument>

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

// The rich text as a reader sees it, without markup (subscripts and powers run on).
QString plainText(const QString& html) {
    QTextDocument document;
    document.setHtml(html);
    return document.toPlainText();
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

    void regressionSetsShowTheGaussianForms() {
        // The forms core/training/regression_loss.cpp computes, with a real target y, as text.
        struct Expected {
            LossType loss;
            QString title;
            QStringList lines;  // loss, expert gradient, (responsibility,) gate gradient
        };
        const QString m = QStringLiteral("\u2212"), sigma = QStringLiteral("\u03a3"),
                      half = QStringLiteral("\u00bd"), yhat = QStringLiteral("\u0177");
        const QString blend = sigma + QStringLiteral("j pj oj");
        const Expected expected[] = {
            {LossType::Cooperative,
             QStringLiteral("Cooperative loss (eq. 1), regression"),
             {QStringLiteral("E = %1 (y %2 %3)2").arg(half, m, blend),
              QStringLiteral("\u2202E / \u2202oi = %1pi (y %1 %2)").arg(m, blend),
              QStringLiteral("\u2202E / \u2202si = %1pi (y %1 %2) \u00b7 (oi %1 %2)")
                  .arg(m, yhat)}},
            {LossType::Competitive,
             QStringLiteral("Competitive loss (eq. 2), regression"),
             {QStringLiteral("E = %1i pi %2 (y %3 oi)2").arg(sigma, half, m),
              QStringLiteral("\u2202E / \u2202oi = %1pi (y %1 oi)").arg(m),
              QStringLiteral("\u2202E / \u2202si = pi (ei %1 %2j pj ej)").arg(m, sigma)}},
            {LossType::CompetitiveLog,
             QStringLiteral("Competitive log-likelihood (eq. 3), regression"),
             {QStringLiteral("E = %1log %2i pi e%1%3 (y %1 oi)2").arg(m, sigma, half),
              QStringLiteral("\u2202E / \u2202oi = %1hi (y %1 oi)").arg(m),
              QStringLiteral("hi = pi e%1%2 (y %1 oi)2 / %3j pj e%1%2 (y %1 oj)2")
                  .arg(m, half, sigma),
              QStringLiteral("\u2202E / \u2202si = pi %1 hi").arg(m)}},
        };
        EquationPanel panel;
        for (const Expected& each : expected) {
            Config config;
            config.dataset.name = "sine";
            config.loss = each.loss;
            panel.setConfig(config);
            QVERIFY(panel.showsRegression());
            const QString text = plainText(panel.html());
            QVERIFY2(text.contains(each.title), qPrintable(text));
            for (const QString& line : each.lines)
                QVERIFY2(text.contains(line), qPrintable(line + QStringLiteral("\n in:\n") + text));
            // No classification left: no one-hot target, no class probabilities, no norms.
            QVERIFY2(!text.contains(QStringLiteral("one-hot")), qPrintable(text));
            QVERIFY2(!text.contains(QStringLiteral("class probabilities")), qPrintable(text));
            QVERIFY2(!text.contains(QStringLiteral("\u2016")), qPrintable(text));
            QVERIFY(!text.contains(QStringLiteral("NLL")));
            // The factor that differs is highlighted, in the regression's terms.
            QVERIFY(
                highlighted(panel.html()).contains(EquationPanel::distinctFactor(each.loss, true)));
            // The comparison table marks this equation's row.
            QVERIFY(
                markedRow(panel.html()).contains(each.title.mid(each.title.indexOf('(') + 1, 5)));
        }
        // The mixture NLL, which regression refuses: said so, with eq. 3, its Gaussian form.
        Config nll;
        nll.dataset.name = "step";
        nll.loss = LossType::MixtureNll;
        panel.setConfig(nll);
        QVERIFY(panel.showsRegression());
        const QString refused = plainText(panel.html());
        QVERIFY2(refused.contains(QStringLiteral("does not train with it")), qPrintable(refused));
        QVERIFY(refused.contains(expected[2].title));
        QVERIFY(markedRow(panel.html()).contains(QStringLiteral("eq. 3")));
        // The same loss on the vowels: the classification forms again.
        Config vowels;
        vowels.dataset.name = "vowels";
        vowels.loss = LossType::CompetitiveLog;
        panel.setConfig(vowels);
        QVERIFY(!panel.showsRegression());
        const QString text = plainText(panel.html());
        QVERIFY2(text.contains(QStringLiteral("one-hot")), qPrintable(text));
        QVERIFY(!text.contains(QStringLiteral("regression")));
        QVERIFY(text.contains(QStringLiteral("\u2016d ") + m + QStringLiteral(" oi\u20162")));
    }

    void followsARegressionSetAndBack() {
        Config config;
        config.dataset.name = "vowels";
        config.loss = LossType::Competitive;
        MainWindow window(config);
        window.setDialogsSuppressed(true);
        window.resize(1280, 720);
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(window.lastSnapshot() != nullptr, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(window.equations()->loss(), LossType::Competitive, 30000);
        QVERIFY(!window.equations()->showsRegression());
        auto* datasets =
            window.controlPanel()->findChild<QComboBox*>(QStringLiteral("knob_dataset_name"));
        QVERIFY(datasets);
        const int sine = datasets->findData(QStringLiteral("sine"));
        const int vowels = datasets->findData(QStringLiteral("vowels"));
        QVERIFY(sine >= 0 && vowels >= 0);
        datasets->setCurrentIndex(sine);
        QTRY_VERIFY_WITH_TIMEOUT(window.equations()->showsRegression(), 30000);
        QVERIFY(plainText(window.equations()->html())
                    .contains(QStringLiteral("Competitive loss (eq. 2), regression")));
        // A while in regression mode: the classification training's snapshots do not turn it
        // back.
        QTest::qWait(300);
        QVERIFY(window.equations()->showsRegression());
        const QString shots = qEnvironmentVariable("MOELAB_SHOTS");
        auto* dock = window.findChild<QDockWidget*>(QStringLiteral("equations"));
        QVERIFY(dock);
        if (!shots.isEmpty()) {
            dock->raise();
            QTest::qWait(100);
            window.grab().save(shots +
                               QStringLiteral("/figuregaps-equations-regression-1280x720.png"));
            window.resize(1920, 1080);
            QTest::qWait(200);
            window.grab().save(shots +
                               QStringLiteral("/figuregaps-equations-regression-1920x1080.png"));
        }
        datasets->setCurrentIndex(vowels);
        QTRY_VERIFY_WITH_TIMEOUT(!window.equations()->showsRegression(), 30000);
        QVERIFY(plainText(window.equations()->html()).contains(QStringLiteral("one-hot")));
        window.shutdown();
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
