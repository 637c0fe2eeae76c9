#pragma once
// Counts as the window writes them everywhere (caption above the plot, control panel, status bar,
// chart axes, exported figures): grouped by the interface's locale, "12,801", so a number reads
// the same wherever a class looks. Machine-read files (CSV, JSON) keep plain digits.
#include <QString>

namespace moelab {

// An epoch number (or any count) in the locale of the interface: "12,801".
QString format_count(long long count);

}  // namespace moelab
