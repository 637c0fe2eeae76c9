// moelab: the desktop app. Without mode flags it opens the window; --export-figure, --screenshot
// and
// --bench-fps run without anyone at the keyboard. Training flags are those of `moelab-cli train`.
#include <QApplication>
#include <QSize>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "cli_options.h"
#include "errors.h"
#include "headless_runs.h"
#include "main_window.h"
#include "translations.h"

namespace {

struct AppOptions {
    moelab::Config config;
    std::optional<std::string> export_figure, screenshot;
    std::optional<double> bench_fps_seconds;
    bool paper_style = false;
    bool phonetic = false;
    bool tint_by_class = false;
    int highlighted_expert = -1;
    QSize size{1600, 1000};
    bool size_given = false;
    double scale = 1.0;
    std::string language;
    bool help = false;
    std::vector<std::string> qt_arguments;  // -platform offscreen and the like, for QApplication
};

const std::vector<std::string> app_flags{"--export-figure", "--screenshot", "--style",
                                         "--size",          "--scale",      "--bench-fps",
                                         "--lang",          "--help",       "--phonetic"};

// Qt's own options that take a value (QGuiApplication strips them from argv).
bool qt_option_with_value(const std::string& arg) {
    static const std::vector<std::string> names{
        "-platform",        "-platformpluginpath", "-platformtheme", "-plugin",
        "-qwindowgeometry", "-qwindowicon",        "-qwindowtitle",  "-display",
        "-style",           "-stylesheet",         "-session",       "-geometry"};
    return std::find(names.begin(), names.end(), arg) != names.end();
}

QSize parse_size(const std::string& text) {
    const auto x = text.find_first_of("xX");
    try {
        size_t used_w = 0, used_h = 0;
        if (x == std::string::npos) throw std::invalid_argument(text);
        const int w = std::stoi(text.substr(0, x), &used_w);
        const int h = std::stoi(text.substr(x + 1), &used_h);
        if (used_w != x || used_h != text.size() - x - 1 || w < 100 || h < 100 || w > 10000 ||
            h > 10000)
            throw std::invalid_argument(text);
        return {w, h};
    } catch (const std::exception&) {
        throw moelab::UsageError(
            "--size expects WIDTHxHEIGHT in pixels, 100 to 10000 each (e.g. "
            "1600x1000), got '" +
            text + "'");
    }
}

double parse_positive(const std::string& flag, const std::string& text, double max) {
    try {
        size_t used = 0;
        const double value = std::stod(text, &used);
        if (used == text.size() && value > 0 && value <= max) return value;
    } catch (const std::exception&) {
    }
    throw moelab::UsageError(flag + " expects a number above 0 and at most " +
                             std::to_string(static_cast<int>(max)) + ", got '" + text + "'");
}

AppOptions parse_arguments(const std::vector<std::string>& args) {
    AppOptions options;
    std::vector<std::string> training;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        const auto equals = arg.find('=');
        const std::string name = arg.starts_with("--") ? arg.substr(0, equals) : arg;
        const bool inline_value = arg.starts_with("--") && equals != std::string::npos;
        auto value = [&]() -> std::string {
            if (inline_value) return arg.substr(equals + 1);
            if (i + 1 >= args.size()) throw moelab::UsageError(name + " needs a value");
            return args[++i];
        };
        if (name == "--help" || name == "-h") {
            options.help = true;
        } else if (name == "--tint") {
            const std::string tint = value();
            if (tint != "gate" && tint != "class")
                throw moelab::UsageError("--tint expects gate or class, got '" + tint + "'");
            options.tint_by_class = tint == "class";
        } else if (name == "--highlight") {
            const std::string text = value();
            size_t used = 0;
            int expert = -1;
            try {
                expert = std::stoi(text, &used);
            } catch (const std::exception&) {
            }
            if (used != text.size() || expert < 0 || expert > 31)
                throw moelab::UsageError(
                    "--highlight expects an expert number from 0 to 31, got '" + text + "'");
            options.highlighted_expert = expert;
        } else if (name == "--phonetic") {
            options.phonetic = true;
        } else if (name == "--export-figure") {
            options.export_figure = value();
        } else if (name == "--screenshot") {
            options.screenshot = value();
        } else if (name == "--style") {
            const std::string style = value();
            if (style != "paper" && style != "color" && style != "colour")
                throw moelab::UsageError("--style expects paper or color, got '" + style + "'");
            options.paper_style = style == "paper";
        } else if (name == "--size" && (inline_value ? arg.substr(equals + 1)
                                                     : (i + 1 < args.size() ? args[i + 1] : ""))
                                               .find_first_of("xX") != std::string::npos) {
            // --size WxH is the figure's size; a plain number stays the training flag (cases).
            options.size = parse_size(value());
            options.size_given = true;
        } else if (name == "--scale") {
            options.scale = parse_positive(name, value(), 8);
        } else if (name == "--bench-fps") {
            options.bench_fps_seconds = parse_positive(name, value(), 600);
        } else if (name == "--lang") {
            options.language = value();
        } else if (!arg.starts_with("--") && arg.starts_with("-") && arg.size() > 1) {
            options.qt_arguments.push_back(arg);
            if (qt_option_with_value(arg) && i + 1 < args.size())
                options.qt_arguments.push_back(args[++i]);
        } else {
            training.push_back(arg);
        }
    }
    // The window trains until paused; a figure or a screenshot needs a number of epochs.
    moelab::Config defaults;
    defaults.epochs = 300;
    auto parsed = moelab::parse_training_flags(training, defaults);
    if (!parsed.other_arguments.empty()) {
        const std::string& unknown = parsed.other_arguments.front();
        std::vector<std::string> known = moelab::training_flag_names();
        known.insert(known.end(), app_flags.begin(), app_flags.end());
        const std::string guess = moelab::nearest_flag(unknown.substr(0, unknown.find('=')), known);
        throw moelab::UsageError(
            "unknown argument '" + unknown + "'" +
            (guess.empty() ? std::string() : " (did you mean " + guess + "?)"));
    }
    if (int(options.export_figure.has_value()) + int(options.screenshot.has_value()) +
            int(options.bench_fps_seconds.has_value()) >
        1) {
        throw moelab::UsageError(
            "--export-figure, --screenshot and --bench-fps exclude each other");
    }
    try {
        moelab::validate(parsed.config);
    } catch (const moelab::ConfigError& error) {
        throw moelab::UsageError(error.what());
    }
    options.config = parsed.config;
    return options;
}

void print_help() {
    std::cout
        << "Usage: moelab [training flags]                 open the window\n"
           "       moelab --export-figure OUT.png|OUT.svg [--epochs N] [--style paper|color]\n"
           "              [--size WxH] [--scale S] [training flags]\n"
           "       moelab --screenshot OUT.png [--epochs N] [--size WxH] [training flags]\n"
           "       moelab --bench-fps SECONDS [training flags]\n"
           "       --tint gate|class shade by the gate's first choice or the predicted class\n"
           "       --highlight N     draw expert N bold (figures)\n"
           "       --phonetic        vowels: F2 across (decreasing), F1 down, as phoneticians "
           "draw\n"
           "       --lang zh_CN|en   language of the window\n\n";
    moelab::Config defaults;
    defaults.epochs = 300;
    moelab::print_training_flags_help(std::cout, defaults);
}

bool has_display() {
    return !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
}

}  // namespace

int main(int argc, char** argv) {
    AppOptions options;
    try {
        options = parse_arguments(std::vector<std::string>(argv + 1, argv + argc));
    } catch (const moelab::UsageError& error) {
        std::cerr << "moelab: " << error.what() << '\n';
        return 2;
    }
    if (options.help) {
        print_help();
        return 0;
    }
    // The unattended modes never need a screen.
    const bool unattended =
        options.export_figure || options.screenshot || options.bench_fps_seconds;
    if (unattended && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && !has_display()) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    std::vector<char*> qt_argv{argv[0]};
    for (auto& arg : options.qt_arguments) qt_argv.push_back(arg.data());
    qt_argv.push_back(nullptr);
    int qt_argc = static_cast<int>(qt_argv.size()) - 1;
    QApplication app(qt_argc, qt_argv.data());
    QApplication::setApplicationName(QStringLiteral("MoE Lab"));
    QApplication::setOrganizationName(QStringLiteral("MoE Lab"));
    QApplication::setDesktopFileName(QStringLiteral("moelab"));
    moelab::installTranslators(app, QString::fromStdString(options.language));

    if (options.export_figure) {
        moelab::FigureRequest request;
        request.path = QString::fromStdString(*options.export_figure);
        request.size = options.size;
        request.scale = options.scale;
        request.paper_style = options.paper_style;
        request.phonetic = options.phonetic;
        request.tint_by_class = options.tint_by_class;
        request.highlighted_expert = options.highlighted_expert;
        return moelab::export_figure_headless(options.config, request);
    }
    const QSize window_size = options.size_given ? options.size : QSize(1600, 1000);
    if (options.screenshot) {
        return moelab::screenshot_window(options.config, options.config.epochs,
                                         QString::fromStdString(*options.screenshot), window_size,
                                         options.phonetic);
    }
    if (options.bench_fps_seconds) {
        return moelab::measure_view_fps(options.config, *options.bench_fps_seconds, window_size);
    }
    moelab::MainWindow window(options.config);
    window.show();
    return app.exec();
}
