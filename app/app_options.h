#pragma once
// The desktop app's command line, read with QCommandLineParser: the app's own options (figure
// export, screenshot, language...) and every training option of the knob table, with the same
// flags as `moelab-cli train`.
#include <QSize>
#include <QString>
#include <QStringList>
#include <optional>
#include <stdexcept>
#include <vector>

#include "training/config.h"

namespace moelab {

// A bad option or value; what() is one line without the program name. The app prints it and exits
// with code 2.
class AppUsageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct AppOptions {
    Config config = app_defaults();
    std::optional<QString> export_figure, screenshot;
    // The training's replay (.gif, or a folder of PNG frames), and its number of frames.
    std::optional<QString> export_replay;
    int replay_frames = 60;
    // A saved session (FILE.moelab, the one positional argument): opened in the window, or drawn
    // with --export-figure. Its training replaces the training options, which it excludes.
    std::optional<QString> session;
    std::optional<QString> box_plot;  // a runs.csv of moelab-cli reproduce, drawn by export_figure
    std::optional<double> bench_fps_seconds;
    // --compare: the configs of the panes (2 to 4), each the training options with its own
    // knobs; empty without --compare.
    std::vector<Config> compare;
    // --scenario: the guided scenario opened (its panes are in config or compare); empty without.
    std::string scenario;
    bool paper_style = false;
    bool phonetic = false;
    bool tint_by_class = false;
    int highlighted_expert = -1;
    std::optional<QSize> figure_size;  // of the figure, or of the window for --screenshot
    double scale = 1.0;
    QString language;  // --lang; empty = the system's
    bool help = false;
    bool version = false;
    QStringList warnings;  // deprecated spellings: print them to stderr and go on

    // The training defaults of the app: Config{}, with 300 epochs for a figure or a screenshot
    // (the window trains until paused).
    static Config app_defaults();
};

// Qt's own options (-platform offscreen, -style fusion, -display :1, ...) are for QApplication; the
// rest is the app's. Values of the app's options that start with '-' (--lr -1) stay with them.
struct SplitArguments {
    QStringList app;
    QStringList qt;
};
SplitArguments split_qt_arguments(const QStringList& arguments);

// The panes of --compare SPEC over the base config `base`: SPEC lists 2 to 4 panes separated by
// ','; a pane is a loss name ("cooperative") or knob settings "key=value;key=value" (keys as in the
// config file or as the flag without "--": "loss=competitive-log;experts=6", "lr=0.1"). A number
// after a list of hidden widths continues it ("hidden=16,8"). The data, the seed and the epochs
// are shared by every pane and cannot differ. Throws AppUsageError naming the pane and the
// setting that is wrong.
std::vector<Config> parse_compare_panes(const Config& base, const QString& spec);

// Reads the app's arguments (without the program name and Qt's options). Throws AppUsageError.
AppOptions parse_app_arguments(const QStringList& arguments);

// What --help prints, in the language of the installed translators.
QString app_help_text();
// "moelab 0.1.0"
QString app_version_text();

}  // namespace moelab
