#pragma once
// A box plot of epochs to criterion per system, from the runs.csv that `moelab-cli reproduce`
// writes: the spread that the paper's Table 1 sums up in a mean and an SD.
#include <QImage>
#include <QSize>
#include <QString>
#include <vector>

namespace moelab {

struct BoxPlotSeries {
    QString name;                // "ME 4"
    std::vector<double> values;  // one per run that has one
    int missing = 0;             // runs with an empty cell (never reached the criterion)
};

// The numbers of `column` ("stable_crossing") per system (the "system" column), systems in the
// order they first appear. Throws std::runtime_error for a file it cannot read or use.
std::vector<BoxPlotSeries> read_runs_csv(const QString& path, const QString& column);

// Boxes from the first to the third quartile, the median, whiskers to the extremes and every run
// as a dot, on a linear axis from 0.
QImage draw_box_plot(const std::vector<BoxPlotSeries>& series, QSize size);

// Reads `csv` and writes the plot of its stable crossings to `png`. Returns the exit code: 0, or 1
// after printing one line to stderr.
int export_box_plot(const QString& csv, const QString& png, QSize size);

}  // namespace moelab
