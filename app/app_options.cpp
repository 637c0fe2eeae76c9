#include "app_options.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <algorithm>
#include <cmath>
#include <vector>

#include "data/registry.h"
#include "errors.h"
#include "training/knobs.h"
#include "training/scenarios.h"

#ifndef MOELAB_VERSION
#define MOELAB_VERSION "unknown"
#endif

namespace moelab {

namespace {

constexpr const char* kContext = "moelab::AppOptions";

// The translation of a text marked with QT_TRANSLATE_NOOP("moelab::AppOptions", ...).
QString translated(const char* text) {
    return QCoreApplication::translate(kContext, text);
}

QString knob_text(const char* text) {
    return QCoreApplication::translate(kKnobsContext, text);
}

// "--experts" -> "experts"
QString option_name(std::string_view flag) {
    return QString::fromUtf8(flag.data(), qsizetype(flag.size())).mid(2);
}

// The app's own options, in help order. `value` is empty for a switch.
struct OwnOption {
    const char* name;
    const char* value;
    const char* help;  // marked for translation below
};

const std::vector<OwnOption>& own_options() {
    static const std::vector<OwnOption> options{
        {"export-figure", "FILE",
         QT_TRANSLATE_NOOP("moelab::AppOptions",
                           "Train, then write the figure (.png or .svg) without opening a window")},
        {"export-replay", "FILE",
         QT_TRANSLATE_NOOP("moelab::AppOptions",
                           "Train, keeping the weights at log-spaced epochs, then write the "
                           "training's replay as an animated GIF (FILE.gif) or as numbered PNG "
                           "frames in the folder FILE, without opening a window (frame size: "
                           "--figure-size, default 960x600)")},
        {"replay-frames", "N",
         QT_TRANSLATE_NOOP("moelab::AppOptions",
                           "Frames of --export-replay, 2 to 500, spread evenly over the kept "
                           "epochs (default: 60)")},
        {"box-plot", "RUNS.csv",
         QT_TRANSLATE_NOOP("moelab::AppOptions",
                           "With --export-figure: instead of training, draw the box plot of epochs "
                           "to criterion per system from the runs.csv of moelab-cli reproduce")},
        {"screenshot", "FILE",
         QT_TRANSLATE_NOOP("moelab::AppOptions", "Train, then save a picture of the whole window")},
        {"bench-fps", "SECONDS",
         QT_TRANSLATE_NOOP("moelab::AppOptions",
                           "Train as fast as possible and print how many frames per second the "
                           "view paints")},
        {"compare", "PANES",
         QT_TRANSLATE_NOOP("moelab::AppOptions",
                           "Compare 2 to 4 trainings side by side on the same data, weights and "
                           "seed: losses or knob settings per pane, separated by ',' "
                           "(cooperative,competitive-log or loss=cooperative;experts=6,...). "
                           "With --export-figure: the whole compare view in one PNG")},
        {"scenario", "NAME",
         QT_TRANSLATE_NOOP("moelab::AppOptions",
                           "Open a guided scenario: cooperation-entangles, logarithm-speeds-up, "
                           "one-expert-per-region, vowel-figure, sparse-routing or dead-experts "
                           "(also the Scenarios menu); with --export-figure, its figure")},
        {"figure-size", "WxH",
         QT_TRANSLATE_NOOP("moelab::AppOptions",
                           "Size of the figure, or of the window, in pixels, or slide (1920x1080) "
                           "or slide-4k (3840x2160) (default: 1600x1000)")},
        {"scale", "S",
         QT_TRANSLATE_NOOP("moelab::AppOptions",
                           "PNG pixels per figure pixel, above 0 and at most 8 (default: 1)")},
        {"style", "paper|color",
         QT_TRANSLATE_NOOP("moelab::AppOptions",
                           "The figure in colour or in the paper's black and white (default: "
                           "color)")},
        {"tint", "gate|class",
         QT_TRANSLATE_NOOP("moelab::AppOptions",
                           "Shade the plane by the gate's first choice or by the predicted class "
                           "(default: gate)")},
        {"highlight", "N",
         QT_TRANSLATE_NOOP("moelab::AppOptions", "Draw expert N (0 to 31) bold in figures")},
        {"phonetic", "",
         QT_TRANSLATE_NOOP("moelab::AppOptions",
                           "Vowels: F2 across (decreasing) and F1 down, as phoneticians draw")},
        {"lang", "zh_CN|en",
         QT_TRANSLATE_NOOP("moelab::AppOptions",
                           "Language of the window for this run (default: the one chosen in "
                           "File > Settings, else the system's)")},
        {"version", "", QT_TRANSLATE_NOOP("moelab::AppOptions", "Print the version and exit")},
    };
    return options;
}

// Every long option that takes a value: the app's, the knobs' and their old spellings. A switch
// (--noisy-gate) takes one only after '='.
QStringList options_with_values() {
    QStringList names;
    for (const OwnOption& option : own_options())
        if (*option.value) names << QString::fromLatin1(option.name);
    names << QStringLiteral("size");
    for (const Knob& knob : knobs()) {
        if (knob.type == KnobType::Toggle) continue;
        names << option_name(knob.flag);
        for (std::string_view old : knob.old_flags) names << option_name(old);
    }
    return names;
}

// The switch a long option names ("--noisy-gate", "--noisy-gate=off"), or null.
const Knob* switch_named(const QString& argument) {
    if (!argument.startsWith(QStringLiteral("--"))) return nullptr;
    const Knob* knob = find_knob_by_flag(argument.section(QLatin1Char('='), 0, 0).toStdString());
    return knob && knob->type == KnobType::Toggle ? knob : nullptr;
}

// The switches given (--noisy-gate alone is on, --noisy-gate=off gives a value), taken out of
// the arguments before QCommandLineParser, which has no options whose value is optional.
struct Switches {
    QStringList rest;                                  // the other arguments, in order
    std::vector<std::pair<const Knob*, QString>> set;  // (switch, value as given), in order
};

Switches take_switches(const QStringList& arguments) {
    const QStringList with_values = options_with_values();
    Switches switches;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& argument = arguments[i];
        if (argument == QStringLiteral("--")) {  // the end of the options
            switches.rest << arguments.mid(i);
            break;
        }
        if (const Knob* knob = switch_named(argument)) {
            const bool inline_value = argument.contains(QLatin1Char('='));
            switches.set.emplace_back(
                knob, inline_value ? argument.section(QLatin1Char('='), 1) : QStringLiteral("on"));
            // "--noisy-gate off": the app takes no other arguments, so this is a mistake.
            if (!inline_value && i + 1 < arguments.size() &&
                !arguments[i + 1].startsWith(QLatin1Char('-')))
                throw AppUsageError(std::string(knob->flag) + " takes its value after '=' (" +
                                    std::string(knob->flag) + "=" + arguments[i + 1].toStdString() +
                                    "), not as the next argument");
            continue;
        }
        switches.rest << argument;
        // "--lr -1", "--label --noisy-gate": a value stays with its option whatever it looks like.
        if (argument.startsWith(QStringLiteral("--")) && !argument.contains(QLatin1Char('=')) &&
            with_values.contains(argument.mid(2)) && i + 1 < arguments.size())
            switches.rest << arguments[++i];
    }
    return switches;
}

// Qt's own options that take a value (QGuiApplication reads and removes them).
bool qt_option_with_value(const QString& argument) {
    static const QStringList names{
        QStringLiteral("-platform"),        QStringLiteral("-platformpluginpath"),
        QStringLiteral("-platformtheme"),   QStringLiteral("-plugin"),
        QStringLiteral("-qwindowgeometry"), QStringLiteral("-qwindowicon"),
        QStringLiteral("-qwindowtitle"),    QStringLiteral("-display"),
        QStringLiteral("-style"),           QStringLiteral("-stylesheet"),
        QStringLiteral("-session"),         QStringLiteral("-geometry"),
        QStringLiteral("-title"),           QStringLiteral("-name")};
    return names.contains(argument);
}

size_t edit_distance(const QString& a, const QString& b) {
    std::vector<size_t> row(size_t(b.size()) + 1);
    for (size_t j = 0; j < row.size(); ++j) row[j] = j;
    for (qsizetype i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = size_t(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const size_t above = row[size_t(j)];
            row[size_t(j)] = std::min({row[size_t(j)] + 1, row[size_t(j - 1)] + 1,
                                       diagonal + (a[i - 1] != b[j - 1] ? 1u : 0u)});
            diagonal = above;
        }
    }
    return row.back();
}

QString nearest(const QString& typed, const QStringList& candidates) {
    QString best;
    size_t best_distance = 3;  // more than two edits away is another word, not a typo
    for (const QString& candidate : candidates) {
        const size_t distance = edit_distance(typed, candidate);
        if (distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best;
}

[[noreturn]] void usage(const QString& message) {
    throw AppUsageError(message.toStdString());
}

QSize parse_size(const QString& flag, const QString& text) {
    // 16:9 slide presets (the export dialog offers the same, ui/figure_export.cpp).
    if (text.compare(QStringLiteral("slide"), Qt::CaseInsensitive) == 0) return {1920, 1080};
    if (text.compare(QStringLiteral("slide-4k"), Qt::CaseInsensitive) == 0) return {3840, 2160};
    const QStringList parts = text.split(QLatin1Char('x'), Qt::KeepEmptyParts, Qt::CaseInsensitive);
    bool width_ok = false, height_ok = false;
    const int width = parts.size() == 2 ? parts[0].toInt(&width_ok) : 0;
    const int height = parts.size() == 2 ? parts[1].toInt(&height_ok) : 0;
    if (!width_ok || !height_ok || width < 100 || height < 100 || width > 10000 || height > 10000)
        usage(flag +
              QStringLiteral(" expects WIDTHxHEIGHT in pixels, 100 to 10000 each (e.g. "
                             "1600x1000), or slide (1920x1080) or slide-4k (3840x2160), got '") +
              text + QLatin1Char('\''));
    return {width, height};
}

double parse_positive(const QString& flag, const QString& text, double max) {
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || !(value > 0) || value > max)
        usage(flag + QStringLiteral(" expects a number above 0 and at most ") +
              QString::number(max) + QStringLiteral(", got '") + text + QLatin1Char('\''));
    return value;
}

// The default of a knob as the app's help shows it: "4", "0 (dense)".
QString default_text(const Knob& knob, const Config& defaults) {
    const KnobValue value = knob.get(defaults);
    QString text = QString::fromStdString(knob.format(value));
    if (const auto* real = std::get_if<double>(&value))  // six digits are enough to read
        text = QString::fromStdString(format_number(QString::number(*real, 'g', 6).toDouble()));
    if (knob.zero && knob.is_zero(value)) {
        const QString zero = knob_text(knob.zero);
        return knob.type == KnobType::Text ? zero : text + QStringLiteral(" (") + zero + ')';
    }
    return text;
}

// Terminal columns of a text: wide (CJK) characters take two.
int columns(const QString& text) {
    int width = 0;
    for (QChar c : text) width += c.unicode() >= 0x1100 ? 2 : 1;
    return width;
}

// Breaks `text` into lines of at most `width` columns, at spaces where there are any (Chinese
// has none: it breaks between characters), every line after the first indented by `indent`.
QString wrap(const QString& text, int width, int indent) {
    QString out;
    int line = 0;
    const QString padding(indent, QLatin1Char(' '));
    for (const QString& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const int word_width = columns(word);
        if (line > 0 && line + 1 + word_width > width) {
            out += QLatin1Char('\n') + padding;
            line = 0;
        } else if (line > 0) {
            out += QLatin1Char(' ');
            ++line;
        }
        for (QChar c : word) {
            const int w = c.unicode() >= 0x1100 ? 2 : 1;
            if (line + w > width) {
                out += QLatin1Char('\n') + padding;
                line = 0;
            }
            out += c;
            line += w;
        }
    }
    return out;
}

// A pane's knob named as in a config file ("learning_rate") or as its flag ("lr").
const Knob* pane_knob(const QString& name) {
    const std::string text = name.trimmed().toStdString();
    if (const Knob* found = find_knob(text)) return found;
    return find_knob_by_flag("--" + text);
}

}  // namespace

std::vector<Config> parse_compare_panes(const Config& base, const QString& spec) {
    // Panes at ',', except a number after a widths setting, which continues its list.
    QStringList panes;
    for (const QString& token : spec.split(QLatin1Char(','))) {
        const QString trimmed = token.trimmed();
        // "8" or "8;top-k=2" after "hidden=16": more widths of that list.
        bool is_number = false;
        trimmed.section(QLatin1Char(';'), 0, 0).toInt(&is_number);
        const QString previous_key =
            panes.isEmpty()
                ? QString()
                : panes.constLast().section(QLatin1Char(';'), -1).section(QLatin1Char('='), 0, 0);
        const Knob* previous = previous_key.isEmpty() || !panes.constLast().contains('=')
                                   ? nullptr
                                   : pane_knob(previous_key);
        if (is_number && previous && previous->type == KnobType::Widths)
            panes.last() += QLatin1Char(',') + trimmed;
        else
            panes << trimmed;
    }
    if (panes.size() < 2 || panes.size() > 4)
        usage(QStringLiteral("--compare expects 2 to 4 panes separated by ',', got %1 in '%2'")
                  .arg(panes.size())
                  .arg(spec));
    std::vector<Config> configs;
    for (qsizetype index = 0; index < panes.size(); ++index) {
        const QString& pane = panes[index];
        const QString where = QStringLiteral("--compare pane %1 ('%2')").arg(index + 1).arg(pane);
        std::vector<KnobSetting> settings;
        try {
            if (!pane.contains(QLatin1Char('='))) {
                if (pane.isEmpty()) usage(where + QStringLiteral(": empty"));
                const Knob& loss = knob("loss");
                settings.push_back({&loss, loss.parse(pane.toStdString(), "loss")});
            } else {
                for (const QString& setting : pane.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
                    const QString name = setting.section(QLatin1Char('='), 0, 0).trimmed();
                    const QString value = setting.section(QLatin1Char('='), 1).trimmed();
                    const Knob* knob = pane_knob(name);
                    if (!knob)
                        usage(where + QStringLiteral(": no knob '") + name +
                              QStringLiteral("' (use a config key such as experts or a flag such "
                                             "as lr)"));
                    if (knob->key.starts_with("dataset.") || knob->key == "seed" ||
                        knob->key == "epochs")
                        usage(where + QStringLiteral(": ") + name +
                              QStringLiteral(" is shared by every pane (the same data, initial "
                                             "weights and epochs); set it outside --compare"));
                    settings.push_back(
                        {knob, knob->parse(value.toStdString(), name.toStdString())});
                }
            }
        } catch (const ConfigError& error) {
            usage(where + QStringLiteral(": ") + QString::fromUtf8(error.what()));
        }
        Config config = apply_settings(base, settings);
        if (const auto problem = find_problem(config))
            usage(where + QStringLiteral(": ") + QString::fromStdString(problem->config_message()));
        configs.push_back(std::move(config));
    }
    return configs;
}

Config AppOptions::app_defaults() {
    Config config;
    config.epochs = 300;
    return config;
}

SplitArguments split_qt_arguments(const QStringList& arguments) {
    const QStringList with_values = options_with_values();
    SplitArguments split;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& argument = arguments[i];
        if (argument.startsWith(QStringLiteral("--"))) {
            split.app << argument;
            // "--lr -1": the value stays with its option whatever it looks like.
            if (!argument.contains(QLatin1Char('=')) && with_values.contains(argument.mid(2)) &&
                i + 1 < arguments.size())
                split.app << arguments[++i];
        } else if (argument.startsWith(QLatin1Char('-')) && argument.size() > 1 &&
                   argument != QStringLiteral("-h") && argument != QStringLiteral("-?")) {
            split.qt << argument;
            if (qt_option_with_value(argument) && i + 1 < arguments.size())
                split.qt << arguments[++i];
        } else {
            split.app << argument;
        }
    }
    return split;
}

AppOptions parse_app_arguments(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help_option(
        {QStringLiteral("h"), QStringLiteral("?"), QStringLiteral("help")},
        QCoreApplication::translate("moelab::AppOptions", "Print this help and exit"));
    parser.addOption(help_option);
    for (const OwnOption& own : own_options())
        parser.addOption(QCommandLineOption(QString::fromLatin1(own.name), translated(own.help),
                                            QString::fromLatin1(own.value)));
    // --size is both an old spelling of --figure-size (WxH) and of --cases (a number).
    QCommandLineOption size_option(QStringLiteral("size"), QString(), QStringLiteral("N|WxH"));
    size_option.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(size_option);
    for (const Knob& knob : knobs()) {
        if (knob.type == KnobType::Toggle) continue;  // take_switches reads them
        const QString value_name =
            QString::fromUtf8(knob.value_name.data(), qsizetype(knob.value_name.size()));
        parser.addOption(
            QCommandLineOption(option_name(knob.flag), knob_text(knob.help), value_name));
        for (std::string_view old : knob.old_flags) {
            if (option_name(old) == QStringLiteral("size")) continue;
            QCommandLineOption hidden(option_name(old), QString(), value_name);
            hidden.setFlags(QCommandLineOption::HiddenFromHelp);
            parser.addOption(hidden);
        }
    }

    AppOptions options;
    const Switches switches = take_switches(arguments);
    if (!parser.parse(QStringList{QStringLiteral("moelab")} + switches.rest)) {
        if (!parser.unknownOptionNames().isEmpty()) {
            const QString unknown = parser.unknownOptionNames().constFirst();
            QStringList known;
            for (const OwnOption& own : own_options())
                known << QStringLiteral("--") + QString::fromLatin1(own.name);
            for (const Knob& knob : knobs()) known << QString::fromUtf8(knob.flag.data());
            known << QStringLiteral("--help");
            const QString typed =
                (unknown.size() > 1 ? QStringLiteral("--") : QStringLiteral("-")) + unknown;
            const QString guess = nearest(typed, known);
            usage(QStringLiteral("unknown option '") + typed + QLatin1Char('\'') +
                  (guess.isEmpty()
                       ? QString()
                       : QStringLiteral(" (did you mean ") + guess + QStringLiteral("?)")) +
                  QStringLiteral("; see 'moelab --help'"));
        }
        usage(parser.errorText());
    }
    if (parser.isSet(help_option)) {
        options.help = true;
        return options;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        options.version = true;
        return options;
    }
    const QStringList files = parser.positionalArguments();
    if (files.size() > 1)
        usage(QStringLiteral("unexpected argument '") + files[1] +
              QStringLiteral("' after the session file '") + files[0] +
              QStringLiteral("'; see 'moelab --help'"));
    if (files.size() == 1) {
        if (files[0].isEmpty()) usage(QStringLiteral("the session file name is empty"));
        options.session = files[0];
    }

    // The training options, through the table's parser.
    std::vector<KnobSetting> settings;
    auto read_knob = [&](const Knob& knob, const QString& name, const QString& text) {
        try {
            const KnobValue value = knob.parse(text.toStdString(), "--" + name.toStdString());
            const auto same = std::find_if(settings.begin(), settings.end(),
                                           [&](const KnobSetting& s) { return s.knob == &knob; });
            if (same != settings.end())
                same->value = value;
            else
                settings.push_back({&knob, value});
        } catch (const ConfigError& error) {
            throw AppUsageError(error.what());
        }
    };
    if (parser.isSet(size_option)) {
        const QString text = parser.value(size_option);
        if (text.contains(QLatin1Char('x'), Qt::CaseInsensitive)) {
            options.figure_size = parse_size(QStringLiteral("--size"), text);
            options.warnings << QStringLiteral("--size WxH is deprecated; use --figure-size");
        } else {
            read_knob(knob("dataset.cases"), QStringLiteral("size"), text);
            options.warnings << QStringLiteral("--size N is deprecated; use --cases");
        }
    }
    for (const Knob& knob : knobs()) {
        for (std::string_view old : knob.old_flags) {
            const QString name = option_name(old);
            if (name == QStringLiteral("size") || !parser.isSet(name)) continue;
            read_knob(knob, name, parser.value(name));
            options.warnings << QStringLiteral("--") + name +
                                    QStringLiteral(" is deprecated; use ") +
                                    QString::fromUtf8(knob.flag.data());
        }
        const QString name = option_name(knob.flag);
        if (knob.type != KnobType::Toggle && parser.isSet(name))
            read_knob(knob, name, parser.value(name));
    }
    for (const auto& [knob, value] : switches.set)  // the last one given counts
        read_knob(*knob, option_name(knob->flag), value);
    options.config = apply_settings(AppOptions::app_defaults(), settings);
    if (const auto problem = find_problem(options.config))
        throw AppUsageError(problem->flag_message());
    if (!options.config.dataset.label_column.empty() &&
        !options.config.dataset.name.starts_with("csv:"))
        options.warnings << QStringLiteral("--label names the label column of a CSV file; ") +
                                QString::fromStdString(options.config.dataset.name) +
                                QStringLiteral(
                                    " is a built-in dataset with its own labels, so "
                                    "--label is ignored");

    // The app's own options.
    auto value = [&](const char* name) { return parser.value(QString::fromLatin1(name)); };
    auto is_set = [&](const char* name) { return parser.isSet(QString::fromLatin1(name)); };
    if (is_set("export-figure")) {
        if (value("export-figure").isEmpty())
            usage(QStringLiteral("--export-figure needs a file name"));
        options.export_figure = value("export-figure");
        // The suffix chooses the format; any other would get PNG data under a misleading name.
        const QString suffix = QFileInfo(*options.export_figure).suffix().toLower();
        if (suffix != QStringLiteral("png") && suffix != QStringLiteral("svg"))
            usage(QStringLiteral("--export-figure writes .png or .svg files, got '") +
                  *options.export_figure + QStringLiteral("'; end the name in .png or .svg"));
    }
    if (is_set("export-replay")) {
        if (value("export-replay").isEmpty())
            usage(QStringLiteral("--export-replay needs a file or folder name"));
        options.export_replay = value("export-replay");
    }
    if (is_set("replay-frames")) {
        bool ok = false;
        const int frames = value("replay-frames").toInt(&ok);
        if (!ok || frames < 2 || frames > 500)
            usage(QStringLiteral("--replay-frames expects a whole number from 2 to 500, got '") +
                  value("replay-frames") + '\'');
        options.replay_frames = frames;
    }
    if (is_set("box-plot")) {
        if (value("box-plot").isEmpty()) usage(QStringLiteral("--box-plot needs a file name"));
        options.box_plot = value("box-plot");
    }
    if (is_set("screenshot")) {
        if (value("screenshot").isEmpty()) usage(QStringLiteral("--screenshot needs a file name"));
        options.screenshot = value("screenshot");
    }
    if (is_set("bench-fps"))
        options.bench_fps_seconds =
            parse_positive(QStringLiteral("--bench-fps"), value("bench-fps"), 600);
    if (is_set("compare")) {
        // Compare mode draws planes of classifiers; a regression set has its curve view instead.
        if (const DatasetInfo* info = find_dataset(options.config.dataset.name);
            info && info->regression)
            usage(QStringLiteral("--compare trains classifications; %1 is a regression set, shown "
                                 "in the main window's curve view (train it without --compare)")
                      .arg(QString::fromStdString(options.config.dataset.name)));
        options.compare = parse_compare_panes(options.config, value("compare"));
    }
    if (is_set("scenario")) {
        const std::string name = value("scenario").toStdString();
        const ScenarioSetup* setup = find_scenario(name);
        if (!setup) {
            QStringList names;
            for (const ScenarioSetup& known : scenario_setups())
                names << QString::fromStdString(known.name);
            usage(QStringLiteral("--scenario expects one of %1, got '%2'")
                      .arg(names.join(QStringLiteral(", ")), value("scenario")));
        }
        if (!(options.config == AppOptions::app_defaults()) || !options.compare.empty())
            usage(
                QStringLiteral("a scenario brings its own training; training options and "
                               "--compare cannot be given with --scenario"));
        options.scenario = name;
        // Its panes train what a figure of it shows; the window plays on from there.
        std::vector<Config> panes = setup->panes;
        for (Config& pane : panes) pane.epochs = setup->epochs;
        if (panes.size() > 1)
            options.compare = panes;
        else
            options.config = panes.front();
        options.paper_style = options.paper_style || setup->paper_style;
        options.phonetic = options.phonetic || setup->phonetic;
    }
    if (is_set("figure-size"))
        options.figure_size = parse_size(QStringLiteral("--figure-size"), value("figure-size"));
    if (is_set("scale"))
        options.scale = parse_positive(QStringLiteral("--scale"), value("scale"), 8);
    if (is_set("style")) {
        const QString style = value("style");
        if (style != QStringLiteral("paper") && style != QStringLiteral("color") &&
            style != QStringLiteral("colour"))
            usage(QStringLiteral("--style expects paper or color, got '") + style + '\'');
        options.paper_style = style == QStringLiteral("paper");
    }
    if (is_set("tint")) {
        const QString tint = value("tint");
        if (tint != QStringLiteral("gate") && tint != QStringLiteral("class"))
            usage(QStringLiteral("--tint expects gate or class, got '") + tint + '\'');
        options.tint_by_class = tint == QStringLiteral("class");
    }
    if (is_set("highlight")) {
        bool ok = false;
        const int expert = value("highlight").toInt(&ok);
        if (!ok || expert < 0 || expert > 31)
            usage(QStringLiteral("--highlight expects an expert number from 0 to 31, got '") +
                  value("highlight") + '\'');
        options.highlighted_expert = expert;
    }
    options.phonetic = is_set("phonetic");
    if (is_set("lang")) options.language = value("lang");
    if (int(options.export_figure.has_value()) + int(options.screenshot.has_value()) +
            int(options.bench_fps_seconds.has_value()) + int(options.export_replay.has_value()) >
        1)
        usage(QStringLiteral(
            "--export-figure, --export-replay, --screenshot and --bench-fps exclude each other"));
    if (is_set("replay-frames") && !options.export_replay)
        usage(QStringLiteral("--replay-frames needs --export-replay OUT.gif"));
    if (!options.compare.empty() && options.box_plot)
        usage(QStringLiteral("--compare and --box-plot exclude each other"));
    if (!options.compare.empty() && options.export_replay)
        usage(QStringLiteral("--compare and --export-replay exclude each other"));
    if (options.session) {
        // The session brings its own training; a training option beside it would be ignored.
        if (!(options.config == AppOptions::app_defaults()))
            usage(QStringLiteral("a session file brings its own training; training options "
                                 "cannot be given with ") +
                  *options.session);
        if (!options.compare.empty() || options.export_replay)
            usage(
                QStringLiteral("a session file opens alone, not with --compare or "
                               "--export-replay"));
        if (options.bench_fps_seconds || options.box_plot)
            usage(
                QStringLiteral("a session file opens in the window, with --export-figure or "
                               "with --screenshot, not with --bench-fps or --box-plot"));
    }
    if (options.box_plot && !options.export_figure)
        usage(QStringLiteral("--box-plot needs --export-figure OUT.png"));
    return options;
}

QString app_version_text() {
    return QStringLiteral("moelab ") + QStringLiteral(MOELAB_VERSION);
}

QString app_help_text() {
    // Rows of (option with its value, text), grouped; the texts wrap beside the options.
    struct Row {
        QString option;
        QString text;
    };
    std::vector<std::pair<QString, std::vector<Row>>> groups;
    std::vector<Row> own{
        {QStringLiteral("-h, --help"),
         QCoreApplication::translate("moelab::AppOptions", "Print this help and exit")}};
    for (const OwnOption& option : own_options()) {
        QString name = QStringLiteral("--") + QString::fromLatin1(option.name);
        if (*option.value) name += QLatin1Char(' ') + QString::fromLatin1(option.value);
        own.push_back({name, translated(option.help)});
    }
    groups.emplace_back(QCoreApplication::translate("moelab::AppOptions", "App options"),
                        std::move(own));
    const Config defaults = AppOptions::app_defaults();
    for (const KnobGroup group :
         {KnobGroup::Data, KnobGroup::Model, KnobGroup::Training, KnobGroup::Run}) {
        std::vector<Row> rows;
        for (const Knob& knob : knobs()) {
            if (knob.group != group) continue;
            QString option = QString::fromUtf8(knob.flag.data(), qsizetype(knob.flag.size()));
            if (knob.type != KnobType::Toggle)  // a switch takes no value, or one after '='
                option += QLatin1Char(' ') + QString::fromUtf8(knob.value_name.data(),
                                                               qsizetype(knob.value_name.size()));
            rows.push_back(
                {option, QCoreApplication::translate("moelab::AppOptions", "%1 (default: %2)")
                             .arg(knob_text(knob.help), default_text(knob, defaults))});
        }
        groups.emplace_back(knob_text(group_name(group)), std::move(rows));
    }

    int name_width = 0;
    for (const auto& [title, rows] : groups)
        for (const Row& row : rows) name_width = std::max(name_width, int(row.option.size()));
    const int indent = 2 + name_width + 2;
    const int text_width = std::max(40, 100 - indent);

    QString help =
        QCoreApplication::translate("moelab::AppOptions", "Usage: moelab [options] [FILE.moelab]") +
        QLatin1Char('\n') +
        wrap(QCoreApplication::translate(
                 "moelab::AppOptions",
                 "MoE Lab: watch a mixture of local experts learn (Jacobs, Jordan, "
                 "Nowlan & Hinton 1991). Without --export-figure, --screenshot or "
                 "--bench-fps it opens the window, and the session FILE.moelab when "
                 "one is given (with --export-figure: draws its figure)."),
             100, 0) +
        QLatin1Char('\n');
    for (const auto& [title, rows] : groups) {
        help += QLatin1Char('\n') + title + QStringLiteral(":\n");
        for (const Row& row : rows) {
            help += QStringLiteral("  ") + row.option.leftJustified(name_width + 2) +
                    wrap(row.text, text_width, indent) + QLatin1Char('\n');
        }
    }
    help += QLatin1Char('\n') +
            wrap(QCoreApplication::translate(
                     "moelab::AppOptions",
                     "Options take a value as the next argument or after '=' (--lr=0.1); "
                     "switches need none (--noisy-gate turns the noise on) or take one after "
                     "'=' (--noisy-gate=off). Qt's own options (-platform offscreen, -style "
                     "fusion) are passed to Qt."),
                 100, 0) +
            QLatin1Char('\n');
    return help;
}

}  // namespace moelab
