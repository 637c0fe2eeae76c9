// moelab: the desktop app. Without mode options it opens the window; --export-figure, --screenshot
// and --bench-fps run without anyone at the keyboard. The training options are those of
// `moelab-cli train`, from the same knob table (app_options.h).
#include <QApplication>
#include <QSize>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "app_options.h"
#include "app_settings.h"
#include "box_plot.h"
#include "compare_runs.h"
#include "compare_view.h"
#include "headless_runs.h"
#include "main_window.h"
#include "replay_export.h"
#include "scenario_panel.h"
#include "session_controller.h"
#include "session_figure.h"
#include "thread_handoff.h"
#include "training/scenarios.h"
#include "translations.h"

namespace {

bool has_display() {
    return !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
}

}  // namespace

int main(int argc, char** argv) {
    QStringList arguments;
    for (int i = 1; i < argc; ++i) arguments << QString::fromLocal8Bit(argv[i]);
    const moelab::SplitArguments split = moelab::split_qt_arguments(arguments);
    moelab::AppOptions options;
    try {
        options = moelab::parse_app_arguments(split.app);
    } catch (const moelab::AppUsageError& error) {
        std::cerr << "moelab: " << error.what() << '\n';
        return 2;
    }
    for (const QString& warning : options.warnings)
        std::cerr << "moelab: warning: " << warning.toStdString() << '\n';
    if (options.version) {
        std::cout << moelab::app_version_text().toStdString() << '\n';
        return 0;
    }
    if (options.help) {
        // The help speaks the window's language; a core application needs no display.
        int core_argc = 1;
        QCoreApplication core(core_argc, argv);
        moelab::installTranslators(core, options.language);
        std::cout << moelab::app_help_text().toStdString();
        return 0;
    }
    // The unattended modes never need a screen.
    const bool unattended = options.export_figure || options.export_replay || options.screenshot ||
                            options.bench_fps_seconds;
    if (unattended && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && !has_display()) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    std::vector<std::string> qt_arguments;
    for (const QString& argument : split.qt)
        qt_arguments.push_back(argument.toLocal8Bit().toStdString());
    std::vector<char*> qt_argv{argv[0]};
    for (auto& arg : qt_arguments) qt_argv.push_back(arg.data());
    qt_argv.push_back(nullptr);
    int qt_argc = static_cast<int>(qt_argv.size()) - 1;
    QApplication app(qt_argc, qt_argv.data());
    moelab::thread_handoff::install();  // only in a ThreadSanitizer build
    QApplication::setApplicationName(QStringLiteral("MoE Lab"));
    QApplication::setOrganizationName(QStringLiteral("MoE Lab"));
    QApplication::setDesktopFileName(QStringLiteral("moelab"));
    // The stored preferences (Settings), with --lang overriding the stored language; the app's
    // own arguments are kept for a restart into a new language.
    app.setProperty("moelabArguments", arguments);
    moelab::setExpertPalette(moelab::load_app_settings().palette);
    moelab::installTranslators(app, moelab::startup_language(options.language));

    if (options.box_plot) {
        return moelab::export_box_plot(*options.box_plot, *options.export_figure,
                                       options.figure_size.value_or(QSize(900, 600)));
    }
    moelab::FigureRequest request;
    if (options.export_figure) request.path = *options.export_figure;
    if (options.figure_size) request.size = *options.figure_size;
    request.scale = options.scale;
    request.paper_style = options.paper_style;
    request.phonetic = options.phonetic;
    request.tint_by_class = options.tint_by_class;
    request.highlighted_expert = options.highlighted_expert;
    const QSize window_size = options.figure_size.value_or(QSize(1600, 1000));
    if (!options.compare.empty()) {
        // Compare mode: the same modes over two to four panes.
        const long epochs = options.config.epochs;
        if (options.export_figure)
            return moelab::export_compare_figure(options.compare, epochs, request);
        if (options.screenshot)
            return moelab::screenshot_compare(options.compare, epochs, *options.screenshot,
                                              window_size, options.phonetic);
        if (options.bench_fps_seconds)
            return moelab::measure_compare_fps(options.compare, *options.bench_fps_seconds,
                                               window_size);
        if (const moelab::ScenarioSetup* setup = moelab::find_scenario(options.scenario)) {
            auto* window = new moelab::ScenarioCompareWindow(*setup);  // deletes itself on close
            window->resize(1440, 900);
            window->show();
            return app.exec();
        }
        moelab::CompareView compare(options.compare);
        compare.resize(1440, 900);
        compare.show();
        return app.exec();
    }
    if (options.export_figure) {
        if (options.session)
            return moelab::export_session_figure_headless(*options.session, request);
        return moelab::export_figure_headless(options.config, request);
    }
    if (options.screenshot && options.session)
        return moelab::screenshot_session(*options.session, *options.screenshot, window_size);
    if (options.export_replay) {
        moelab::ReplayRequest replay;
        replay.path = *options.export_replay;
        if (options.figure_size) replay.settings.size = *options.figure_size;
        replay.settings.frames = options.replay_frames;
        replay.paper_style = options.paper_style;
        replay.phonetic = options.phonetic;
        replay.tint_by_class = options.tint_by_class;
        return moelab::export_replay_headless(options.config, replay);
    }
    if (options.screenshot) {
        return moelab::screenshot_window(options.config, options.config.epochs, *options.screenshot,
                                         window_size, options.phonetic);
    }
    if (options.bench_fps_seconds) {
        return moelab::measure_view_fps(options.config, *options.bench_fps_seconds, window_size);
    }
    moelab::MainWindow window(options.config);
    window.restoreLayout();
    window.show();
    if (options.session) window.sessions()->openFile(*options.session);
    if (!options.scenario.empty()) window.openScenario(options.scenario);
    return app.exec();
}
