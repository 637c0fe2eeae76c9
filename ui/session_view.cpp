#include "session_view.h"

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "io/session_file.h"

namespace moelab {

namespace {

using json = nlohmann::json;

// Far above the speed slider's top step (10^4 epochs per second): a bound for nonsense, not a rule.
constexpr double kMaxEpochsPerSecond = 1e6;

// The figure's switches, by their names in the file.
const std::vector<std::pair<const char*, bool FigureOptions::*>>& figure_switches() {
    static const std::vector<std::pair<const char*, bool FigureOptions::*>> switches{
        {"paper_style", &FigureOptions::paper_style},
        {"show_regions", &FigureOptions::show_regions},
        {"tint_by_class", &FigureOptions::tint_by_class},
        {"show_points", &FigureOptions::show_points},
        {"show_test_points", &FigureOptions::show_test_points},
        {"show_expert_lines", &FigureOptions::show_expert_lines},
        {"show_gate_lines", &FigureOptions::show_gate_lines},
        {"show_legend", &FigureOptions::show_legend},
        {"show_caption", &FigureOptions::show_caption},
        {"phonetic_orientation", &FigureOptions::phonetic_orientation},
    };
    return switches;
}

[[noreturn]] void wrong(const std::string& pointer, const std::string& expected,
                        const json& value) {
    throw SessionError(pointer + " must be " + expected + ", not " + value.dump() + ".");
}

double finite_number(const json& value, const std::string& pointer) {
    if (!value.is_number() || !std::isfinite(value.get<double>()))
        wrong(pointer, "a number", value);
    return value.get<double>();
}

}  // namespace

nlohmann::json view_to_json(const SessionView& view) {
    json figure = json::object();
    for (const auto& [name, member] : figure_switches()) figure[name] = view.figure.*member;
    figure["highlighted_expert"] = view.figure.highlighted_expert;
    figure["font_scale"] = view.figure.font_scale;
    json out = json::object();
    out["figure"] = std::move(figure);
    out["zoom"] =
        view.zoom
            ? json::array({view.zoom->x(), view.zoom->y(), view.zoom->width(), view.zoom->height()})
            : json(nullptr);
    out["central_tab"] = view.central_tab;
    out["window_state"] = view.window_state.toBase64().toStdString();
    if (view.advanced_controls) out["advanced_controls"] = *view.advanced_controls;
    if (view.epochs_per_second) out["epochs_per_second"] = *view.epochs_per_second;
    return out;
}

SessionView view_from_json(const nlohmann::json& value, const SessionView& defaults) {
    SessionView view = defaults;
    if (!value.is_object()) wrong("/view", "an object", value);
    if (const auto figure = value.find("figure"); figure != value.end()) {
        if (!figure->is_object()) wrong("/view/figure", "an object", *figure);
        for (const auto& [name, member] : figure_switches()) {
            const auto entry = figure->find(name);
            if (entry == figure->end()) continue;
            if (!entry->is_boolean())
                wrong(std::string("/view/figure/") + name, "true or false", *entry);
            view.figure.*member = entry->get<bool>();
        }
        if (const auto expert = figure->find("highlighted_expert"); expert != figure->end()) {
            if (!expert->is_number_integer() || expert->get<long long>() < -1 ||
                expert->get<long long>() > 1000)
                wrong("/view/figure/highlighted_expert", "an expert number or -1", *expert);
            view.figure.highlighted_expert = expert->get<int>();
        }
        if (const auto scale = figure->find("font_scale"); scale != figure->end()) {
            const double font_scale = finite_number(*scale, "/view/figure/font_scale");
            if (!(font_scale > 0.1 && font_scale < 10))
                wrong("/view/figure/font_scale", "a number between 0.1 and 10", *scale);
            view.figure.font_scale = font_scale;
        }
    }
    if (const auto zoom = value.find("zoom"); zoom != value.end()) {
        if (zoom->is_null()) {
            view.zoom.reset();
        } else {
            if (!zoom->is_array() || zoom->size() != 4)
                wrong("/view/zoom", "null or [x, y, width, height]", *zoom);
            double numbers[4];
            for (size_t i = 0; i < 4; ++i)
                numbers[i] = finite_number((*zoom)[i], "/view/zoom/" + std::to_string(i));
            if (!(numbers[2] > 0 && numbers[3] > 0))
                wrong("/view/zoom", "a rectangle of positive width and height", *zoom);
            view.zoom = QRectF(numbers[0], numbers[1], numbers[2], numbers[3]);
        }
    }
    if (const auto tab = value.find("central_tab"); tab != value.end()) {
        if (!tab->is_number_integer() || tab->get<long long>() < -1 || tab->get<long long>() > 16)
            wrong("/view/central_tab", "a tab number", *tab);
        view.central_tab = tab->get<int>();
    }
    if (const auto state = value.find("window_state"); state != value.end()) {
        if (!state->is_string()) wrong("/view/window_state", "a base64 string", *state);
        const auto decoded =
            QByteArray::fromBase64Encoding(QByteArray::fromStdString(state->get<std::string>()),
                                           QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded) wrong("/view/window_state", "a base64 string", *state);
        view.window_state = *decoded;
    }
    if (const auto advanced = value.find("advanced_controls"); advanced != value.end()) {
        if (!advanced->is_boolean()) wrong("/view/advanced_controls", "true or false", *advanced);
        view.advanced_controls = advanced->get<bool>();
    }
    // An optional entry, so the file's version stays 1: a program from before it ignores it, and
    // a file from before it opens at the default speed.
    view.epochs_per_second.reset();
    if (const auto speed = value.find("epochs_per_second"); speed != value.end()) {
        const double epochs_per_second = finite_number(*speed, "/view/epochs_per_second");
        if (!(epochs_per_second >= 0 && epochs_per_second <= kMaxEpochsPerSecond))
            wrong("/view/epochs_per_second",
                  "a number of epochs per second from 0 (as fast as possible) to " +
                      std::to_string(long(kMaxEpochsPerSecond)),
                  *speed);
        view.epochs_per_second = epochs_per_second;
    }
    return view;
}

}  // namespace moelab
