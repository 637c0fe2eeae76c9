#pragma once
// What a session remembers of the window besides the training: the figure's style and switches,
// the zoomed window of the plane, the central tab, the dock layout, the controls' advanced box and
// the training speed.
// The core keeps it as an opaque JSON object ("view" in io/session_file.h); this is its one reader
// and writer.
#include <QByteArray>
#include <QRectF>
#include <nlohmann/json.hpp>
#include <optional>

#include "figure_painter.h"

namespace moelab {

struct SessionView {
    FigureOptions figure;        // data_rect unused: the zoom below says what is visible
    std::optional<QRectF> zoom;  // raw units; empty = the whole data set
    int central_tab = -1;        // the central tabs' index; -1 = leave as it is
    QByteArray window_state;     // QMainWindow::saveState(); empty = leave the docks as they are
    std::optional<bool> advanced_controls;
    // The speed slider's epochs per second (0 = as fast as the machine goes). Empty when the file
    // has none ("epochs_per_second" came after the first sessions): such a session opens at the
    // panel's default speed, not at whatever the window ran at before.
    std::optional<double> epochs_per_second;
};

nlohmann::json view_to_json(const SessionView& view);
// Entries missing from `json` keep their values in `defaults`, except the speed (see above). A
// wrong entry throws SessionError naming its JSON pointer ("/view/figure/paper_style must be true
// or false, not a string").
SessionView view_from_json(const nlohmann::json& json, const SessionView& defaults = {});

}  // namespace moelab
