// The desktop app's command line (QCommandLineParser, generated from the knob table): every knob's
// flag, the app's own options, the old --size in both meanings, Qt's own options, and the built
// program's exit codes and messages.
#include <QProcess>
#include <QTest>

#include <QDir>
#include <QFile>
#include <QImage>

#include "app_options.h"
#include "app_process_support.h"
#include "knob_examples.h"
#include "training/knobs.h"

using moelab::AppOptions;
using moelab::AppUsageError;

namespace {

AppOptions parse(const QStringList& arguments) {
    return moelab::parse_app_arguments(arguments);
}

QString usageMessage(const QStringList& arguments) {
    try {
        parse(arguments);
    } catch (const AppUsageError& error) {
        return QString::fromStdString(error.what());
    }
    return QStringLiteral("(no error)");
}

using Run = moelab::test::AppRun;

Run runApp(const QStringList& arguments) {
    return moelab::test::run_app(arguments, 120000);
}

}  // namespace

class AppOptionsTest : public QObject {
    Q_OBJECT

  private slots:
    void everyKnobHasItsFlag() {
        for (const moelab::Knob& knob : moelab::knobs()) {
            // A value other than the app's default, written as the table writes it.
            const auto value =
                moelab::test::find_non_default_value(knob, AppOptions::app_defaults());
            QVERIFY2(value, knob.key.data());
            const QString flag = QString::fromUtf8(knob.flag.data());
            // A switch is on by itself; a value would follow '='.
            const AppOptions options =
                knob.type == moelab::KnobType::Toggle
                    ? parse({flag})
                    : parse({flag, QString::fromStdString(knob.format(*value))});
            QVERIFY2(knob.get(options.config) == *value, knob.key.data());
            // --label alone is for a CSV file, not the default data set: the one warning.
            QCOMPARE(options.warnings.size(), knob.key == "dataset.label_column" ? 1 : 0);
            // --flag=value reads the same.
            const AppOptions inline_options =
                parse({flag + '=' + QString::fromStdString(knob.format(*value))});
            QVERIFY2(knob.get(inline_options.config) == *value, knob.key.data());
        }
    }

    void switchesAreFlagsWithAnOptionalValueAfterEquals() {
        QVERIFY(parse({"--noisy-gate"}).config.noisy_gate);
        QVERIFY(!parse({}).config.noisy_gate);
        for (const char* on : {"on", "true", "1"})
            QVERIFY2(parse({QStringLiteral("--shared-expert=") + on}).config.shared_expert, on);
        for (const char* off : {"off", "false", "0"})
            QVERIFY2(!parse({QStringLiteral("--noisy-gate=") + off}).config.noisy_gate, off);
        // The last one counts, whichever form it has.
        QVERIFY(parse({"--noisy-gate=off", "--noisy-gate"}).config.noisy_gate);
        QVERIFY(!parse({"--noisy-gate", "--noisy-gate=off"}).config.noisy_gate);
        // A bare switch takes nothing after it, and an option's value is never a switch.
        const AppOptions both = parse({"--noisy-gate", "--shared-expert", "--lr", "0.25"});
        QVERIFY(both.config.noisy_gate);
        QVERIFY(both.config.shared_expert);
        QCOMPARE(both.config.learning_rate, 0.25);
        const AppOptions label = parse({"--label", "--noisy-gate"});
        QCOMPARE(label.config.dataset.label_column, std::string("--noisy-gate"));
        QVERIFY(!label.config.noisy_gate);
        QCOMPARE(usageMessage({"--noisy-gate=maybe"}),
                 QStringLiteral("--noisy-gate expects on or off, got 'maybe'"));
        QCOMPARE(usageMessage({"--shared-expert="}),
                 QStringLiteral("--shared-expert expects on or off, got ''"));
        QCOMPARE(usageMessage({"--noisy-gate", "off"}),
                 QStringLiteral("--noisy-gate takes its value after '=' (--noisy-gate=off), not "
                                "as the next argument"));
        QCOMPARE(usageMessage({"--noisy-gat"}),
                 QStringLiteral("unknown option '--noisy-gat' (did you mean --noisy-gate?); see "
                                "'moelab --help'"));
        // Qt's own options after a switch still go to Qt.
        const auto split = moelab::split_qt_arguments(
            {"--noisy-gate", "-platform", "offscreen", "--experts", "3"});
        QCOMPARE(split.qt, (QStringList{"-platform", "offscreen"}));
        QCOMPARE(split.app, (QStringList{"--noisy-gate", "--experts", "3"}));
    }

    void issue8Knobs() {
        const AppOptions options =
            parse({"--routing", "expert-choice", "--capacity=1.5", "--gate", "attentive",
                   "--hidden", "8", "--load", "0.5", "--similarity", "0.25"});
        QCOMPARE(options.config.routing, moelab::RoutingType::ExpertChoice);
        QCOMPARE(options.config.capacity_factor, 1.5);
        QCOMPARE(options.config.gate, moelab::GateType::Attentive);
        QCOMPARE(options.config.load_weight, 0.5);
        QCOMPARE(options.config.similarity_weight, 0.25);
        QCOMPARE(usageMessage({"--gate", "attentive"}),
                 QStringLiteral("--hidden expects at least one hidden layer, since the attentive "
                                "gate needs experts with hidden layers (widths from 1 to 256 "
                                "separated by commas, e.g. 16), got '0'"));
        QCOMPARE(usageMessage({"--capacity", "17"}),
                 QStringLiteral("--capacity expects a number from 0 to 16, got '17'"));
        QCOMPARE(usageMessage({"--routing", "random"}),
                 QStringLiteral("--routing expects one of top-k, expert-choice, got 'random'"));
    }

    void defaultsAreTheAppsOwn() {
        const AppOptions options = parse({});
        const moelab::Config defaults;
        QCOMPARE(options.config.epochs, 300L);
        QCOMPARE(options.config.experts, defaults.experts);
        QVERIFY(!options.figure_size);
        QVERIFY(!options.help);
        QVERIFY(!options.export_figure);
    }

    void ownOptions() {
        const AppOptions options =
            parse({"--export-figure", "out.svg", "--figure-size", "800x600", "--scale=2", "--style",
                   "paper", "--tint", "class", "--highlight", "3", "--phonetic", "--lang", "zh_CN",
                   "--epochs", "5"});
        QCOMPARE(*options.export_figure, QStringLiteral("out.svg"));
        QCOMPARE(*options.figure_size, QSize(800, 600));
        QCOMPARE(options.scale, 2.0);
        QVERIFY(options.paper_style);
        QVERIFY(options.tint_by_class);
        QCOMPARE(options.highlighted_expert, 3);
        QVERIFY(options.phonetic);
        QCOMPARE(options.language, QStringLiteral("zh_CN"));
        QCOMPARE(options.config.epochs, 5L);
        QCOMPARE(*parse({"--bench-fps", "1.5"}).bench_fps_seconds, 1.5);
        QVERIFY(parse({"--help"}).help);
        QVERIFY(parse({"-h"}).help);
        QVERIFY(parse({"--version"}).version);
    }

    void slidePresetsNameTheirSizes() {
        // 16:9 slides by name (issue 10); an unknown name is a usage error that names the presets.
        QCOMPARE(*parse({"--figure-size", "slide"}).figure_size, QSize(1920, 1080));
        QCOMPARE(*parse({"--figure-size=slide-4k"}).figure_size, QSize(3840, 2160));
        QCOMPARE(*parse({"--figure-size", "Slide"}).figure_size, QSize(1920, 1080));
        const QString message = usageMessage({"--figure-size", "slide-8k"});
        QVERIFY2(message.contains(QStringLiteral("slide-4k (3840x2160)")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("'slide-8k'")), qPrintable(message));
    }

    void oldSizeMeansFigureSizeOrCases() {
        AppOptions options = parse({"--size", "1280x720"});
        QCOMPARE(*options.figure_size, QSize(1280, 720));
        QCOMPARE(options.warnings,
                 QStringList{QStringLiteral("--size WxH is deprecated; use --figure-size")});
        options = parse({"--size=300", "--dataset", "moons"});
        QCOMPARE(options.config.dataset.cases, 300);
        QVERIFY(!options.figure_size);
        QCOMPARE(options.warnings,
                 QStringList{QStringLiteral("--size N is deprecated; use --cases")});
        QVERIFY(usageMessage({"--size", "1x1"}).startsWith(QStringLiteral("--size expects")));
        QVERIFY(usageMessage({"--size", "2"}).startsWith(QStringLiteral("--size expects")));
    }

    void kFollowsN() {
        QCOMPARE(parse({"--experts", "7"}).config.top_k, 0);
        QCOMPARE(parse({"--experts", "7", "--top-k", "3"}).config.top_k, 3);
        QCOMPARE(usageMessage({"--experts", "2", "--top-k", "3"}),
                 QStringLiteral("--top-k expects an integer from 1 to the number of experts (2), "
                                "or 0 for dense, got '3'"));
    }

    void errorsAreOneLine() {
        QCOMPARE(usageMessage({"--experts", "x"}),
                 QStringLiteral("--experts expects an integer from 1 to 32, got 'x'"));
        QCOMPARE(usageMessage({"--lr", "-1"}),
                 QStringLiteral("--lr expects a number above 0 and below 1e6, got '-1'"));
        QCOMPARE(usageMessage({"--expert", "4"}),
                 QStringLiteral("unknown option '--expert' (did you mean --experts?); see "
                                "'moelab --help'"));
        QCOMPARE(usageMessage({"--figure-sise", "4x4"}),
                 QStringLiteral("unknown option '--figure-sise' (did you mean --figure-size?); "
                                "see 'moelab --help'"));
        QCOMPARE(usageMessage({"lesson.moelab", "stray"}),
                 QStringLiteral("unexpected argument 'stray' after the session file "
                                "'lesson.moelab'; see 'moelab --help'"));
        QCOMPARE(usageMessage({"lesson.moelab", "--experts", "3"}),
                 QStringLiteral("a session file brings its own training; training options cannot "
                                "be given with lesson.moelab"));
        QCOMPARE(usageMessage({"lesson.moelab", "--bench-fps", "2"}),
                 QStringLiteral("a session file opens in the window, with --export-figure or with "
                                "--screenshot, not with --bench-fps or --box-plot"));
        for (const QStringList& arguments : {QStringList{"--style", "sepia"},
                                             {"--tint", "x"},
                                             {"--highlight", "32"},
                                             {"--scale", "0"},
                                             {"--bench-fps", "nan"},
                                             {"--figure-size", "12"},
                                             {"--screenshot", "a.png", "--export-figure", "b.png"},
                                             {"--epochs"},
                                             {"--loss", "hinge"},
                                             {"--gate", "mlp", "--gate-hidden", "0"}}) {
            const QString message = usageMessage(arguments);
            QVERIFY2(message != QStringLiteral("(no error)"), qPrintable(arguments.join(' ')));
            QVERIFY2(!message.contains('\n'), qPrintable(message));
        }
    }

    void qtOptionsGoToQt() {
        const auto split =
            moelab::split_qt_arguments({"-platform", "offscreen", "--experts", "3", "--lr", "-1",
                                        "-style", "fusion", "--style", "paper", "-h", "--lang=en"});
        QCOMPARE(split.qt, (QStringList{"-platform", "offscreen", "-style", "fusion"}));
        QCOMPARE(split.app, (QStringList{"--experts", "3", "--lr", "-1", "--style", "paper", "-h",
                                         "--lang=en"}));
    }

    void helpListsEveryOption() {
        const QString help = moelab::app_help_text();
        for (const moelab::Knob& knob : moelab::knobs()) {
            QVERIFY2(
                help.contains(QStringLiteral("  ") + QString::fromUtf8(knob.flag.data()) + ' '),
                knob.flag.data());
            for (std::string_view old : knob.old_flags)
                QVERIFY(!help.contains(QString::fromUtf8(old.data(), old.size()) + ' '));
        }
        for (const char* own : {"--export-figure FILE", "--screenshot FILE", "--figure-size WxH",
                                "--lang", "--version", "--help", "--phonetic"})
            QVERIFY2(help.contains(QLatin1String(own)), own);
        QVERIFY(help.contains(QStringLiteral("(default: 300)")));
        // A switch shows no value name; its default reads as the flag's value would.
        QVERIFY(!help.contains(QStringLiteral("--noisy-gate X")));
        QVERIFY(help.contains(QStringLiteral("--noisy-gate=off")));
        QVERIFY(help.contains(QStringLiteral("  --capacity F ")));
        for (const QString& line : help.split('\n')) QVERIFY2(line.size() <= 100, qPrintable(line));
    }

    // The built program: exit codes and what it prints.
    void aSessionFileIsThePositionalArgument() {
        QVERIFY(!parse({}).session);
        QCOMPARE(*parse({"lesson.moelab"}).session, QStringLiteral("lesson.moelab"));
        const AppOptions figure =
            parse({"--export-figure", "out.png", "lesson.moelab", "--style", "paper"});
        QCOMPARE(*figure.session, QStringLiteral("lesson.moelab"));
        QCOMPARE(*figure.export_figure, QStringLiteral("out.png"));
        QVERIFY(figure.paper_style);
    }

    void theProgram() {
        Run run = runApp({"--version"});
        QCOMPARE(run.exit_code, 0);
        QCOMPARE(run.out, QStringLiteral("moelab " MOELAB_VERSION "\n"));
        run = runApp({"--help"});
        QCOMPARE(run.exit_code, 0);
        QVERIFY(run.out.startsWith(QStringLiteral("Usage: moelab")));
        QVERIFY(run.out.contains(QStringLiteral("--experts N")));
        run = runApp({"--experts", "x"});
        QCOMPARE(run.exit_code, 2);
        QCOMPARE(run.err,
                 QStringLiteral("moelab: --experts expects an integer from 1 to 32, got 'x'\n"));
        run = runApp({"--noisy-gate=maybe"});
        QCOMPARE(run.exit_code, 2);
        QCOMPARE(run.err, QStringLiteral("moelab: --noisy-gate expects on or off, got 'maybe'\n"));
        run = runApp({"--expert", "4"});
        QCOMPARE(run.exit_code, 2);
        QVERIFY2(run.err.contains(QStringLiteral("did you mean --experts?")), qPrintable(run.err));
        QCOMPARE(run.err.count('\n'), 1);
        // Qt's own options still reach Qt; the old --size still sizes the figure, with a warning.
        const QString figure = QDir::temp().filePath(QStringLiteral("moelab_app_options.png"));
        QFile::remove(figure);
        run = runApp({"-platform", "offscreen", "--export-figure", figure, "--size", "320x200",
                      "--epochs", "2"});
        QCOMPARE(run.exit_code, 0);
        QVERIFY2(run.err.contains(QStringLiteral(
                     "moelab: warning: --size WxH is deprecated; use --figure-size")),
                 qPrintable(run.err));
        QCOMPARE(QImage(figure).size(), QSize(320, 200));
        QFile::remove(figure);
    }
};

QTEST_GUILESS_MAIN(AppOptionsTest)
#include "test_app_options.moc"
