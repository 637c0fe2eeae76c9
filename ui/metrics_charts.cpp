#include "metrics_charts.h"

#include <QAreaSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QFontMetricsF>
#include <QGridLayout>
#include <QLineSeries>
#include <QLocale>
#include <QSaveFile>
#include <QStackedBarSeries>
#include <QTextStream>
#include <QTimer>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <climits>
#include <cmath>
#include <limits>

#include "chart_key.h"
#include "chart_markers.h"
#include "expert_colors.h"

namespace moelab {

namespace {

// Curves repaint at most this often; a snapshot every 16 ms would otherwise re-layout four charts
// 60 times a second for changes no one can read that fast.
constexpr int refresh_interval_ms = 100;

QString csvNumber(double value) {
    if (!std::isfinite(value)) return {};  // an empty field reads as "missing" in every tool
    return QString::number(value, 'g', 12);
}

// 1, 2, 2.5 (from 25 on, so labels stay whole) or 5 times a power of ten, at least `rough`: the
// tick spacing a reader expects, never closer than asked (rounding 66 down to 50 put five labels
// where three fit, and Qt cut them to "1..." in a 1280 x 720 window). 2.5 keeps a narrow chart from
// jumping from 200 to 500 and labelling 431 epochs with "0" alone.
double niceStep(double rough) {
    if (!(rough > 0)) return 1;
    const double power = std::pow(10.0, std::floor(std::log10(rough)));
    const double fraction = rough / power;
    const bool quarters = power >= 10;
    return (fraction <= 1.0 + 1e-9               ? 1
            : fraction <= 2 + 1e-9               ? 2
            : quarters && fraction <= 2.5 + 1e-9 ? 2.5
            : fraction <= 5 + 1e-9               ? 5
                                                 : 10) *
           power;
}

// As many labels as fit side by side in `pixels` (a chart a quarter of a dock wide has room for
// two "60000" but four "300"), at round values anchored at zero, over exactly [low, high] so the
// newest epoch stays at the right edge. `fixed_step` > 0 overrides the spacing.
void setSparseTicks(QValueAxis* axis, double low, double high, double pixels,
                    double fixed_step = 0) {
    if (!(high > low)) high = low + 1;
    const QFontMetricsF metrics(axis->labelsFont());
    // The labels are localised ("12,801", makeChart): measure them so.
    const double label_width = metrics.horizontalAdvance(QLocale().toString(
                                   std::max(std::abs(low), std::abs(high)), 'f', 0)) +
                               metrics.horizontalAdvance(QStringLiteral("00"));
    const double labels = pixels > 0 ? std::clamp(std::floor(pixels / label_width), 2.0, 6.0) : 3.0;
    // The labels shown: the multiples of `step` inside [low, high].
    const auto shown = [&](double step) {
        return std::floor(high / step + 1e-9) - std::ceil(low / step - 1e-9) + 1;
    };
    // The finest round spacing whose labels fit (more, and Qt elides them: "1,..." for "1,000"),
    // but never a single label: then one more than fits (the widths measured have room to spare).
    double step = fixed_step > 0 ? fixed_step : 1;
    if (fixed_step <= 0) {
        double finer = 0;
        while (shown(step) > labels) {
            finer = step;
            step = niceStep(step * 1.01);
        }
        if (shown(step) < 2 && finer > 0) step = finer;
    }
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0);
    // Qt lays out the labels after each call; in the wrong order a range of 100 000 epochs would
    // briefly get a label every epoch. Coarser ticks go first, finer ticks after the range shrank.
    if (step >= axis->tickInterval()) {
        axis->setTickInterval(step);
        axis->setRange(low, high);
    } else {
        axis->setRange(low, high);
        axis->setTickInterval(step);
    }
}

void useSmallLabels(QAbstractAxis* axis) {
    QFont font = axis->labelsFont();
    font.setPointSizeF(std::max(6.5, font.pointSizeF() * 0.85));
    axis->setLabelsFont(font);
    QFont title = axis->titleFont();
    title.setPointSizeF(std::max(6.5, title.pointSizeF() * 0.85));
    axis->setTitleFont(title);
}

// Round ticks (0, 0.5, 1, 1.5 rather than 0, 0.36, 0.73, ...) so the class can read values off.
void setNiceRange(QValueAxis* axis, double low, double high) {
    if (!(high > low)) high = low + 1;
    axis->setTickCount(5);
    axis->setRange(low, high);
    axis->applyNiceNumbers();
}

}  // namespace

MetricsCharts::MetricsCharts(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("metricsCharts"));

    auto setUpView = [](QChartView* view, const char* objectName) {
        view->setObjectName(QLatin1String(objectName));
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumSize(160, 120);
        return view;
    };
    auto makeView = [this, setUpView](QChart* chart, const char* objectName) {
        return setUpView(new QChartView(chart, this), objectName);
    };
    // A chart over epochs marks the knob changes on its time axis.
    auto makeTimeView = [this, setUpView](QChart* chart, QValueAxis* time_axis,
                                          const char* objectName) {
        auto* view = new MarkedChartView(chart, time_axis, this);
        time_views_.push_back(view);
        return setUpView(view, objectName);
    };
    auto makeEpochAxis = []() {
        auto* axis = new QValueAxis;
        axis->setTitleText(tr("Epoch"));
        axis->setLabelFormat(QStringLiteral("%.0f"));
        axis->setTickCount(5);
        return axis;
    };

    // Loss on a linear axis from zero: what everyone reads correctly at first sight.
    QChart* loss_chart = makeChart(tr("Training loss"));
    loss_series_ = new QLineSeries;
    loss_series_->setName(tr("Loss"));
    loss_series_->setColor(QColor(0x33, 0x33, 0x33));
    loss_chart->addSeries(loss_series_);
    loss_x_ = makeEpochAxis();
    loss_y_ = new QValueAxis;
    loss_y_->setLabelFormat(QStringLiteral("%.3g"));
    loss_chart->addAxis(loss_x_, Qt::AlignBottom);
    loss_chart->addAxis(loss_y_, Qt::AlignLeft);
    loss_series_->attachAxis(loss_x_);
    loss_series_->attachAxis(loss_y_);
    loss_chart->legend()->hide();

    QChart* accuracy_chart = makeChart(tr("Accuracy"));
    train_series_ = new QLineSeries;
    train_series_->setName(tr("Train"));
    train_series_->setPen(QPen(classColor(0), 2));
    test_series_ = new QLineSeries;
    test_series_->setName(tr("Test"));
    test_series_->setPen(QPen(classColor(1), 2, Qt::DashLine));
    // Entanglement (issue 9): the gate's top expert alone on the training cases, and the gap to
    // the mixture shaded. Under eq. 1 the experts lean on each other and the gap stays open;
    // under eq. 3 each expert answers alone and the two curves meet.
    top_expert_series_ = new QLineSeries;
    top_expert_series_->setName(tr("Top expert"));
    top_expert_series_->setPen(QPen(expertColor(3), 2, Qt::DotLine));
    gap_upper_ = new QLineSeries(this);
    gap_lower_ = new QLineSeries(this);
    gap_area_ = new QAreaSeries(gap_upper_, gap_lower_);
    gap_area_->setName(tr("Gap"));
    QColor gap_fill = expertColor(3);
    gap_fill.setAlpha(60);
    gap_area_->setBrush(gap_fill);
    gap_area_->setPen(Qt::NoPen);
    accuracy_chart->addSeries(gap_area_);
    accuracy_chart->addSeries(train_series_);
    accuracy_chart->addSeries(test_series_);
    accuracy_chart->addSeries(top_expert_series_);
    accuracy_x_ = makeEpochAxis();
    auto* accuracy_y = new QValueAxis;
    accuracy_y->setRange(0, 100);
    // Localised numbers (makeChart) take what follows the number literally: one "%", not "%%".
    accuracy_y->setLabelFormat(QStringLiteral("%.0f %"));
    accuracy_chart->addAxis(accuracy_x_, Qt::AlignBottom);
    accuracy_chart->addAxis(accuracy_y, Qt::AlignLeft);
    for (QAbstractSeries* series : std::initializer_list<QAbstractSeries*>{
             gap_area_, train_series_, test_series_, top_expert_series_}) {
        series->attachAxis(accuracy_x_);
        series->attachAxis(accuracy_y);
    }
    // The names go in a key under the chart (chart_key.h), which wraps instead of cutting them;
    // the shading explains itself beside the dotted line.
    accuracy_chart->legend()->hide();

    QChart* utilisation_chart = makeChart(tr("Expert utilisation"));
    utilisation_series_ = new QStackedBarSeries;
    utilisation_series_->setBarWidth(0.8);
    utilisation_chart->addSeries(utilisation_series_);
    // A value axis rather than a category axis: it can label every second or fourth expert when
    // sixteen bars leave no room for sixteen labels.
    utilisation_x_ = new QValueAxis;
    utilisation_x_->setTitleText(tr("Expert"));
    utilisation_x_->setLabelFormat(QStringLiteral("%.0f"));
    utilisation_x_->setGridLineVisible(false);
    utilisation_y_ = new QValueAxis;
    utilisation_y_->setRange(0, 100);
    utilisation_y_->setLabelFormat(QStringLiteral("%.0f %"));
    // Short enough for a quarter of a 1280 x 720 dock ("Mean gate wei..." was cut); the chart
    // title and the gallery say it is the mean.
    utilisation_y_->setTitleText(tr("Gate weight"));
    utilisation_chart->addAxis(utilisation_x_, Qt::AlignBottom);
    utilisation_chart->addAxis(utilisation_y_, Qt::AlignLeft);
    utilisation_series_->attachAxis(utilisation_x_);
    utilisation_series_->attachAxis(utilisation_y_);
    utilisation_chart->legend()->hide();

    // Two entropies in bits, with their common ceiling log2 N: the gate's per case (how undecided
    // it is about each case) and H(expert | class) (how many experts share each class; 0 when
    // every class has an expert of its own).
    QChart* entropy_chart = makeChart(tr("Entropies"));
    entropy_series_ = new QLineSeries;
    entropy_series_->setName(tr("Gate"));
    entropy_series_->setPen(QPen(expertColor(0), 2));
    specialisation_series_ = new QLineSeries;
    specialisation_series_->setName(tr("H(expert|class)"));
    specialisation_series_->setPen(QPen(expertColor(6), 2, Qt::DashLine));
    max_entropy_series_ = new QLineSeries;
    max_entropy_series_->setName(tr("log2 N"));
    max_entropy_series_->setPen(QPen(QColor(0x99, 0x99, 0x99), 1, Qt::DotLine));
    entropy_chart->addSeries(entropy_series_);
    entropy_chart->addSeries(specialisation_series_);
    entropy_chart->addSeries(max_entropy_series_);
    entropy_x_ = makeEpochAxis();
    entropy_y_ = new QValueAxis;
    entropy_y_->setTitleText(tr("bits"));
    entropy_y_->setLabelFormat(QStringLiteral("%.2f"));
    entropy_chart->addAxis(entropy_x_, Qt::AlignBottom);
    entropy_chart->addAxis(entropy_y_, Qt::AlignLeft);
    for (auto* series : {entropy_series_, specialisation_series_, max_entropy_series_}) {
        series->attachAxis(entropy_x_);
        series->attachAxis(entropy_y_);
    }
    // The dotted ceiling (log2 N, where both curves start) goes without a key entry.
    entropy_chart->legend()->hide();

    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    for (QChart* chart : {loss_chart, accuracy_chart, utilisation_chart, entropy_chart})
        for (QAbstractAxis* axis : chart->axes()) useSmallLabels(axis);
    // A chart with its key under it, in one cell of the grid.
    auto withKey = [this](QWidget* view, std::vector<ChartKey::Entry> entries,
                          const char* objectName) {
        auto* cell = new QWidget(this);
        auto* column = new QVBoxLayout(cell);
        column->setContentsMargins(0, 0, 0, 0);
        column->setSpacing(0);
        auto* key = new ChartKey(cell);
        key->setObjectName(QLatin1String(objectName));
        QFont font = key->font();
        font.setPointSizeF(std::max(6.5, font.pointSizeF() * 0.85));
        key->setFont(font);
        key->setEntries(std::move(entries));
        key->setToolTip(view->toolTip());
        column->addWidget(view, 1);
        column->addWidget(key);
        return cell;
    };
    layout->addWidget(makeTimeView(loss_chart, loss_x_, "lossChartView"), 0, 0);
    QWidget* accuracy_view = makeTimeView(accuracy_chart, accuracy_x_, "accuracyChartView");
    accuracy_view->setToolTip(
        tr("Accuracy of the mixture on the training and test cases, and (dotted) of the gate's "
           "top expert alone on the training cases. The shaded gap is what the experts only "
           "achieve together: wide under eq. 1, closed under eq. 3."));
    layout->addWidget(withKey(accuracy_view,
                              {{train_series_->name(), train_series_->pen()},
                               {test_series_->name(), test_series_->pen()},
                               {top_expert_series_->name(), top_expert_series_->pen()}},
                              "accuracyKey"),
                      0, 1);
    layout->addWidget(makeView(utilisation_chart, "utilisationChartView"), 1, 0);
    layout->addWidget(withKey(makeTimeView(entropy_chart, entropy_x_, "entropyChartView"),
                              {{entropy_series_->name(), entropy_series_->pen()},
                               {specialisation_series_->name(), specialisation_series_->pen()}},
                              "entropyKey"),
                      1, 1);

    refresh_timer_ = new QTimer(this);
    refresh_timer_->setSingleShot(true);
    refresh_timer_->setInterval(refresh_interval_ms);
    connect(refresh_timer_, &QTimer::timeout, this, &MetricsCharts::refreshNow);
    clear();
}

QChart* MetricsCharts::makeChart(const QString& title) {
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    // Animations would lag behind a curve that changes ten times a second.
    chart->setAnimationOptions(QChart::NoAnimation);
    // Epochs grouped as everywhere else in the window ("12,801", number_format.h).
    chart->setLocalizeNumbers(true);
    return chart;
}

void MetricsCharts::clear() {
    rows_.clear();
    losses_.clear();
    latest_utilisation_.clear();
    expert_columns_ = 0;
    knob_changes_.clear();
    for (MarkedChartView* view : time_views_) view->setMarkers(knob_changes_);
    curves_dirty_ = utilisation_dirty_ = true;
    refreshNow();
}

void MetricsCharts::showSnapshot(SnapshotPtr snapshot) {
    if (!snapshot) return;
    if (snapshot->history_reset) {
        rows_.clear();
        losses_.clear();
        expert_columns_ = 0;
        curves_dirty_ = true;
    }
    for (const EpochMetrics& metrics : snapshot->new_history) append(metrics);
    if (!snapshot->new_history.empty()) curves_dirty_ = true;
    for (const LossPoint& point : snapshot->new_losses) {
        // Epochs only move forward within one history (a step re-published is recorded already).
        if (!losses_.empty() && point.epoch <= losses_.back().epoch) continue;
        losses_.push_back(point);
        curves_dirty_ = true;
    }
    if (snapshot->knob_changes != knob_changes_) {
        knob_changes_ = snapshot->knob_changes;
        for (MarkedChartView* view : time_views_) view->setMarkers(knob_changes_);
    }
    if (snapshot->latest.utilisation != latest_utilisation_) {
        latest_utilisation_ = snapshot->latest.utilisation;
        utilisation_dirty_ = true;
    }
    scheduleRefresh();
}

void MetricsCharts::append(const EpochMetrics& metrics) {
    // Epochs only move forward within one history; a repeated epoch (a step re-published) is
    // already recorded.
    if (!rows_.empty() && metrics.epoch <= rows_.back().epoch) return;
    if (rows_.empty()) expert_columns_ = static_cast<int>(metrics.utilisation.size());
    Row row{metrics.epoch,
            metrics.loss,
            metrics.train_accuracy,
            metrics.test_accuracy,
            metrics.gate_entropy,
            metrics.seconds,
            metrics.active_experts,
            metrics.expert_given_class_entropy,
            metrics.class_given_expert_entropy,
            metrics.expert_class_information,
            metrics.dead_experts,
            metrics.dropped_cases,
            metrics.balance_loss,
            metrics.top_expert_accuracy,
            {},
            {},
            {}};
    // Every row as wide as the first (NaN where an expert is missing).
    auto columns = [this](const std::vector<double>& values) {
        std::vector<double> row_values(static_cast<size_t>(expert_columns_),
                                       std::numeric_limits<double>::quiet_NaN());
        std::copy_n(values.begin(), std::min(values.size(), row_values.size()), row_values.begin());
        return row_values;
    };
    row.utilisation = columns(metrics.utilisation);
    row.top_share = columns(metrics.top_share);
    row.own_accuracy = columns(metrics.own_accuracy);
    rows_.push_back(std::move(row));
}

void MetricsCharts::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    // The number of epoch labels that fit depends on the width.
    curves_dirty_ = true;
    scheduleRefresh();
}

void MetricsCharts::scheduleRefresh() {
    if ((curves_dirty_ || utilisation_dirty_) && !refresh_timer_->isActive())
        refresh_timer_->start();
}

void MetricsCharts::refreshNow() {
    refresh_timer_->stop();
    if (curves_dirty_) refreshCurves();
    if (utilisation_dirty_) refreshUtilisation();
    curves_dirty_ = utilisation_dirty_ = false;
}

int MetricsCharts::plottedPointCount() const {
    return static_cast<int>(std::max({loss_series_->count(), train_series_->count(),
                                      test_series_->count(), top_expert_series_->count(),
                                      entropy_series_->count(), specialisation_series_->count()}));
}

void MetricsCharts::refreshCurves() {
    // Decimate by a stride that is a power of two, so the points kept stay the same ones while the
    // history grows (the curve does not shimmer), plus always the newest epoch.
    const size_t count = rows_.size();
    size_t stride = 1;
    while ((count + stride - 1) / stride + 1 > size_t(max_points_per_series)) stride *= 2;

    QList<QPointF> loss, train, test, top_expert, gap_upper, gap_lower, entropy, specialisation;
    const qsizetype expected = static_cast<qsizetype>(count / stride + 2);
    for (auto* list :
         {&loss, &train, &test, &top_expert, &gap_upper, &gap_lower, &entropy, &specialisation})
        list->reserve(expected);
    double loss_max = 0, entropy_max = 0;
    auto add = [&](const Row& row) {
        const double epoch = static_cast<double>(row.epoch);
        if (std::isfinite(row.train_accuracy)) train.append({epoch, 100 * row.train_accuracy});
        if (std::isfinite(row.test_accuracy)) test.append({epoch, 100 * row.test_accuracy});
        if (std::isfinite(row.top_expert_accuracy)) {
            top_expert.append({epoch, 100 * row.top_expert_accuracy});
            if (std::isfinite(row.train_accuracy)) {
                gap_upper.append({epoch, 100 * row.train_accuracy});
                gap_lower.append({epoch, 100 * row.top_expert_accuracy});
            }
        }
        if (std::isfinite(row.gate_entropy)) {
            const double gate_bits = row.gate_entropy / std::log(2.0);  // recorded in nats
            entropy.append({epoch, gate_bits});
            entropy_max = std::max(entropy_max, gate_bits);
        }
        if (std::isfinite(row.expert_given_class)) {
            specialisation.append({epoch, row.expert_given_class});
            entropy_max = std::max(entropy_max, row.expert_given_class);
        }
    };
    for (size_t i = 0; i < count; i += stride) add(rows_[i]);
    if (count > 0 && (count - 1) % stride != 0) add(rows_.back());
    // The losses kept, decimated the same way.
    const size_t epochs = losses_.size();
    size_t loss_stride = 1;
    while ((epochs + loss_stride - 1) / loss_stride + 1 > size_t(max_points_per_series))
        loss_stride *= 2;
    auto add_loss = [&](size_t index) {
        const double value = losses_[index].loss;
        if (!std::isfinite(value)) return;
        loss.append({static_cast<double>(losses_[index].epoch), value});
        loss_max = std::max(loss_max, value);
    };
    for (size_t i = 0; i < epochs; i += loss_stride) add_loss(i);
    if (epochs > 0 && (epochs - 1) % loss_stride != 0) add_loss(epochs - 1);

    loss_series_->replace(loss);
    train_series_->replace(train);
    test_series_->replace(test);
    top_expert_series_->replace(top_expert);
    gap_upper_->replace(gap_upper);
    gap_lower_->replace(gap_lower);
    entropy_series_->replace(entropy);
    specialisation_series_->replace(specialisation);

    const double first = count ? std::min(static_cast<double>(rows_.front().epoch), 1.0) : 0;
    const double last =
        std::max({count ? static_cast<double>(rows_.back().epoch) : 0.0,
                  epochs ? static_cast<double>(losses_.back().epoch) : 0.0, first + 1});
    for (auto [axis, series] :
         {std::pair{loss_x_, loss_series_}, std::pair{accuracy_x_, train_series_},
          std::pair{entropy_x_, entropy_series_}})
        setSparseTicks(axis, first, last, series->chart()->plotArea().width());
    setNiceRange(loss_y_, 0, loss_max > 0 ? loss_max : 1);
    const int experts = std::max(expert_columns_, static_cast<int>(latest_utilisation_.size()));
    const double uniform_entropy = experts > 1 ? std::log2(static_cast<double>(experts)) : 0;
    max_entropy_series_->replace(
        QList<QPointF>{{first, uniform_entropy}, {std::max(last, first + 1), uniform_entropy}});
    setNiceRange(entropy_y_, 0, std::max(uniform_entropy, entropy_max) * 1.05);
}

void MetricsCharts::refreshUtilisation() {
    const int experts = static_cast<int>(latest_utilisation_.size());
    if (experts != utilisation_experts_) {
        // One bar set per expert, non-zero only in its own category, so each bar takes that
        // expert's colour (a single set would paint every bar alike).
        utilisation_series_->clear();
        for (int i = 0; i < experts; ++i) {
            auto* set = new QBarSet(tr("Expert %1").arg(i));
            for (int j = 0; j < experts; ++j) set->append(0);
            utilisation_series_->append(set);
        }
        setSparseTicks(utilisation_x_, -0.5, std::max(experts, 1) - 0.5, 0,
                       experts <= 6    ? 1
                       : experts <= 12 ? 2
                                       : 4);
        utilisation_experts_ = experts;
    }
    const auto sets = utilisation_series_->barSets();
    for (int i = 0; i < experts && i < sets.size(); ++i)
        sets[i]->replace(i, 100 * latest_utilisation_[static_cast<size_t>(i)]);
    // Zoom in when every expert is lightly used (16 experts near 6 %), but never past 100 %.
    double highest = 0;
    for (double u : latest_utilisation_) highest = std::max(highest, 100 * u);
    const double top = highest > 50 || experts == 0 ? 100 : std::ceil(highest / 10 + 1) * 10;
    utilisation_y_->setRange(0, top);
    utilisation_y_->setTickCount(top > 60 ? 6 : static_cast<int>(top / 10) + 1);
    // Every refresh, so a palette chosen in the Settings shows at once (no-op when unchanged).
    for (qsizetype i = 0; i < sets.size(); ++i) {
        const QColor color = expertColor(static_cast<int>(i));
        if (sets[i]->color() == color) continue;
        sets[i]->setColor(color);
        sets[i]->setBorderColor(color.darker(130));
    }
}

bool MetricsCharts::exportCsv(const QString& path, QString* error) const {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error) *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    QTextStream out(&file);
    out << "epoch,training_loss,loss,train_accuracy,test_accuracy,gate_entropy,active_experts,"
           "seconds";
    for (int i = 0; i < expert_columns_; ++i) out << ",utilisation_" << i;
    for (int i = 0; i < expert_columns_; ++i) out << ",top_share_" << i;
    out << ",expert_given_class_bits,class_given_expert_bits,expert_class_information_bits,"
           "dead_experts,dropped_cases,balance_loss,top_expert_accuracy,top_expert_gap";
    for (int i = 0; i < expert_columns_; ++i) out << ",own_accuracy_" << i;
    out << '\n';
    // Every epoch kept with a loss or metrics, in order: metrics rows and losses merged by epoch.
    size_t r = 0, l = 0;
    while (r < rows_.size() || l < losses_.size()) {
        const long epoch = std::min(r < rows_.size() ? rows_[r].epoch : LONG_MAX,
                                    l < losses_.size() ? losses_[l].epoch : LONG_MAX);
        const bool has_row = r < rows_.size() && rows_[r].epoch == epoch;
        const bool has_loss = l < losses_.size() && losses_[l].epoch == epoch;
        out << epoch << ',' << (has_loss ? csvNumber(losses_[l].loss) : QString());
        if (has_loss) ++l;
        if (has_row) {
            const Row& row = rows_[r];
            out << ',' << csvNumber(row.loss) << ',' << csvNumber(row.train_accuracy) << ','
                << csvNumber(row.test_accuracy) << ',' << csvNumber(row.gate_entropy) << ','
                << row.active_experts << ',' << csvNumber(row.seconds);
            for (double value : row.utilisation) out << ',' << csvNumber(value);
            for (double value : row.top_share) out << ',' << csvNumber(value);
            out << ',' << csvNumber(row.expert_given_class) << ','
                << csvNumber(row.class_given_expert) << ',' << csvNumber(row.information) << ','
                << row.dead_experts << ',' << row.dropped_cases << ','
                << csvNumber(row.balance_loss) << ',' << csvNumber(row.top_expert_accuracy) << ','
                << csvNumber(row.train_accuracy - row.top_expert_accuracy);
            for (double value : row.own_accuracy) out << ',' << csvNumber(value);
            ++r;
        } else {
            for (int i = 0; i < 14 + 3 * expert_columns_; ++i) out << ',';
        }
        out << '\n';
    }
    out.flush();
    if (out.status() != QTextStream::Ok || !file.commit()) {
        if (error) *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

}  // namespace moelab
