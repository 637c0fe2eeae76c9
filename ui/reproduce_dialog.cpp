#include "reproduce_dialog.h"

#include <QApplication>
#include <QBarCategoryAxis>
#include <QBoxPlotSeries>
#include <QBoxSet>
#include <QChart>
#include <QChartView>
#include <QCloseEvent>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QScreen>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

#include "criterion_control.h"
#include "data/registry.h"
#include "thread_handoff.h"
#include "training/knobs.h"

namespace moelab {

namespace {

QString knobLabel(const char* text) {
    return QCoreApplication::translate("moelab::Knobs", text);
}

void fillChoices(QComboBox* combo, const char* key) {
    for (const KnobChoice& choice : knob(key).choices)
        combo->addItem(knobLabel(choice.label), QVariant::fromValue(choice.value));
}

void selectChoice(QComboBox* combo, long long value) {
    combo->setCurrentIndex(std::max(0, combo->findData(QVariant::fromValue(value))));
}

QString duration(double seconds) {
    const long s = std::lround(std::max(0.0, seconds));
    if (s < 60) return ReproduceDialog::tr("%1 s").arg(s);
    if (s < 3600) return ReproduceDialog::tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return ReproduceDialog::tr("%1 h %2 min").arg(s / 3600).arg(s % 3600 / 60);
}

QString meanSd(const MeanSd& m) {
    if (m.count == 0) return QStringLiteral("–");
    return ReproduceDialog::tr("%1 (SD %2)")
        .arg(QLocale().toString(m.mean, 'f', 0), QLocale().toString(m.sd, 'f', 0));
}

// The quantile q of sorted values, interpolated between neighbours.
double quantile(const std::vector<double>& sorted, double q) {
    if (sorted.empty()) return 0;
    const double position = q * double(sorted.size() - 1);
    const size_t low = size_t(std::floor(position));
    const size_t high = std::min(sorted.size() - 1, low + 1);
    return sorted[low] + (position - double(low)) * (sorted[high] - sorted[low]);
}

enum Column { kSystem, kRate, kTrain, kTest, kFirst, kStays, kNever, kPaper, kColumns };

}  // namespace

ReproduceDialog::ReproduceDialog(QWidget* parent) : QDialog(parent) {
    setObjectName(QStringLiteral("reproduceDialog"));
    setWindowTitle(tr("Reproduce the paper: Table 1"));

    auto* intro = new QLabel(
        tr("Jacobs, Jordan, Nowlan & Hinton (1991) trained mixtures of 4 and 8 linear experts "
           "and backprop networks of 6 and 12 hidden units on the vowels to the same criterion. "
           "Each system trains here for several seeds, side by side, and the table sets the "
           "epochs it needed beside the paper's."));
    intro->setWordWrap(true);

    // Settings: the options of moelab-cli reproduce.
    runs_ = new QSpinBox;
    runs_->setObjectName(QStringLiteral("runs"));
    runs_->setRange(1, 10000);
    criterion_ = new CriterionControl;
    max_epochs_ = new QSpinBox;
    max_epochs_->setObjectName(QStringLiteral("maxEpochs"));
    max_epochs_->setRange(1, 10000000);
    threads_ = new QSpinBox;
    threads_->setObjectName(QStringLiteral("threads"));
    threads_->setRange(0, 1024);
    threads_->setSpecialValueText(tr("one per core"));
    seed_ = new QSpinBox;
    seed_->setObjectName(QStringLiteral("seed"));
    seed_->setRange(0, 1000000000);
    lr_mixture_ = new QDoubleSpinBox;
    lr_mixture_->setObjectName(QStringLiteral("lrMixture"));
    lr_network_ = new QDoubleSpinBox;
    lr_network_->setObjectName(QStringLiteral("lrNetwork"));
    for (QDoubleSpinBox* rate : {lr_mixture_, lr_network_}) {
        rate->setRange(0.0001, 1000);
        rate->setDecimals(4);
    }
    optimizer_mixture_ = new QComboBox;
    optimizer_mixture_->setObjectName(QStringLiteral("optimizerMixture"));
    optimizer_network_ = new QComboBox;
    optimizer_network_->setObjectName(QStringLiteral("optimizerNetwork"));
    fillChoices(optimizer_mixture_, "optimizer");
    fillChoices(optimizer_network_, "optimizer");
    loss_ = new QComboBox;
    loss_->setObjectName(QStringLiteral("loss"));
    fillChoices(loss_, "loss");
    batch_ = new QSpinBox;
    batch_->setObjectName(QStringLiteral("batch"));
    batch_->setRange(0, 100000);
    batch_->setSpecialValueText(tr("full batch"));

    auto* settings_box = new QGroupBox(tr("Settings"));
    auto* form = new QFormLayout(settings_box);
    form->addRow(tr("Runs per system"), runs_);
    form->addRow(tr("Criterion"), criterion_);
    form->addRow(tr("At most epochs"), max_epochs_);
    form->addRow(tr("Mixtures: optimizer"), optimizer_mixture_);
    form->addRow(tr("Mixtures: learning rate"), lr_mixture_);
    form->addRow(tr("Networks: optimizer"), optimizer_network_);
    form->addRow(tr("Networks: learning rate"), lr_network_);
    form->addRow(tr("Loss"), loss_);
    form->addRow(tr("Batch size"), batch_);
    form->addRow(tr("First seed"), seed_);
    form->addRow(tr("Trainings side by side"), threads_);

    start_ = new QPushButton(tr("Start"));
    start_->setObjectName(QStringLiteral("startButton"));
    start_->setDefault(true);
    cancel_ = new QPushButton(tr("Cancel"));
    cancel_->setObjectName(QStringLiteral("cancelButton"));
    export_png_ = new QPushButton(tr("Export plot (PNG)..."));
    export_png_->setObjectName(QStringLiteral("exportPngButton"));
    export_csv_ = new QPushButton(tr("Export runs (CSV)..."));
    export_csv_->setObjectName(QStringLiteral("exportCsvButton"));
    auto* close = new QPushButton(tr("Close"));
    connect(start_, &QPushButton::clicked, this, &ReproduceDialog::start);
    connect(cancel_, &QPushButton::clicked, this, &ReproduceDialog::cancel);
    connect(close, &QPushButton::clicked, this, &QDialog::close);
    connect(export_png_, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export the box plot"),
                                                          QStringLiteral("table1-box-plot.png"),
                                                          tr("PNG images (*.png)"));
        if (path.isEmpty()) return;
        QString error;
        if (!exportPng(path, QSize(1600, 1000), &error))
            QMessageBox::warning(this, tr("Export failed"), error);
    });
    connect(export_csv_, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export every run"), QStringLiteral("runs.csv"), tr("CSV files (*.csv)"));
        if (path.isEmpty()) return;
        QString error;
        if (!exportCsv(path, &error)) QMessageBox::warning(this, tr("Export failed"), error);
    });

    progress_ = new QProgressBar;
    progress_->setObjectName(QStringLiteral("progress"));
    progress_->setRange(0, 1);
    progress_->setValue(0);
    status_ = new QLabel(tr("Press Start: the window stays usable while the runs train."));
    status_->setObjectName(QStringLiteral("status"));
    status_->setWordWrap(true);

    table_ = new QTableWidget(0, kColumns);
    table_->setObjectName(QStringLiteral("resultTable"));
    table_->setHorizontalHeaderLabels({tr("System"), tr("Rate"), tr("Train %"), tr("Test %"),
                                       tr("Epochs, first"), tr("Epochs, stays"), tr("Never stays"),
                                       tr("Paper")});
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->setVisible(false);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setStretchLastSection(true);
    verdict_label_ = new QLabel;
    verdict_label_->setObjectName(QStringLiteral("verdict"));
    verdict_label_->setWordWrap(true);
    verdict_label_->setMinimumHeight(3 * verdict_label_->fontMetrics().lineSpacing());
    verdict_label_->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    chart_ = new QChart;
    chart_->legend()->hide();
    chart_view_ = new QChartView(chart_);
    chart_view_->setRenderHint(QPainter::Antialiasing);
    chart_view_->setMinimumHeight(220);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(start_);
    buttons->addWidget(cancel_);
    buttons->addStretch();
    buttons->addWidget(export_png_);
    buttons->addWidget(export_csv_);
    buttons->addWidget(close);

    auto* left = new QVBoxLayout;
    left->addWidget(settings_box);
    left->addStretch();
    auto* right = new QVBoxLayout;
    right->addWidget(table_, 2);
    right->addWidget(verdict_label_);
    right->addWidget(chart_view_, 3);
    auto* body = new QHBoxLayout;
    body->addLayout(left, 0);
    body->addLayout(right, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(body, 1);
    layout->addWidget(progress_);
    layout->addWidget(status_);
    layout->addLayout(buttons);

    setSettings(Table1Settings{});
    describeCriterion(Table1Settings{}.criterion_kind);
    setRunningState(false);
    // Within a 1280 x 720 projector's screen, title bar included.
    const QRect screen = QGuiApplication::primaryScreen()->availableGeometry();
    resize(std::min(1100, screen.width() * 9 / 10), std::min(700, screen.height() * 85 / 100));
}

ReproduceDialog::~ReproduceDialog() {
    stopWorker();
}

Table1Settings ReproduceDialog::settings() const {
    Table1Settings s;
    s.runs = runs_->value();
    s.criterion_kind = criterion_->criterion().kind;
    s.criterion = criterion_->criterion().threshold;
    s.max_epochs = max_epochs_->value();
    s.threads = threads_->value();
    s.seed = std::uint64_t(seed_->value());
    s.lr_mixture = lr_mixture_->value();
    s.lr_network = lr_network_->value();
    s.optimizer_mixture =
        static_cast<OptimizerType>(optimizer_mixture_->currentData().toLongLong());
    s.optimizer_network =
        static_cast<OptimizerType>(optimizer_network_->currentData().toLongLong());
    s.loss = static_cast<LossType>(loss_->currentData().toLongLong());
    s.batch = batch_->value();
    return s;
}

void ReproduceDialog::setSettings(const Table1Settings& s) {
    runs_->setValue(s.runs);
    criterion_->setCriterion(s.stopping_criterion());
    max_epochs_->setValue(int(std::min<long>(s.max_epochs, max_epochs_->maximum())));
    threads_->setValue(s.threads);
    seed_->setValue(int(std::min<std::uint64_t>(s.seed, std::uint64_t(seed_->maximum()))));
    lr_mixture_->setValue(s.lr_mixture);
    lr_network_->setValue(s.lr_network);
    selectChoice(optimizer_mixture_, static_cast<long long>(s.optimizer_mixture));
    selectChoice(optimizer_network_, static_cast<long long>(s.optimizer_network));
    selectChoice(loss_, static_cast<long long>(s.loss));
    batch_->setValue(s.batch);
}

void ReproduceDialog::setRunningState(bool running) {
    start_->setEnabled(!running);
    cancel_->setEnabled(running);
    const bool results = !running && !summaries_.empty();
    export_png_->setEnabled(results);
    export_csv_->setEnabled(results);
    for (QWidget* control : std::initializer_list<QWidget*>{
             runs_, criterion_, max_epochs_, threads_, seed_, lr_mixture_, lr_network_,
             optimizer_mixture_, optimizer_network_, loss_, batch_})
        control->setEnabled(!running);
}

void ReproduceDialog::start() {
    if (isRunning()) return;
    stopWorker();  // a finished thread not yet joined
    running_settings_ = settings();
    if (running_settings_.threads == 0)
        running_settings_.threads = std::max(1, int(std::thread::hardware_concurrency()));
    trials_ = table1_trials(running_settings_);
    std::vector<ExperimentRun> runs;
    try {
        runs = table1_runs(running_settings_, trials_);
    } catch (const std::exception& error) {
        status_->setText(tr("Cannot start: %1").arg(QString::fromUtf8(error.what())));
        return;
    }
    outcomes_.clear();
    summaries_.clear();
    done_ = 0;
    finished_ = false;
    table_->setRowCount(0);
    chart_->removeAllSeries();
    for (QAbstractAxis* axis : chart_->axes()) {
        chart_->removeAxis(axis);
        delete axis;
    }
    verdict_label_->clear();
    describeCriterion(running_settings_.criterion_kind);
    progress_->setRange(0, int(trials_.size()));
    progress_->setValue(0);
    setRunningState(true);
    clock_.start();
    updateProgress();

    cancel_flag_ = std::make_shared<std::atomic<bool>>(false);
    const auto flag = cancel_flag_;
    const Table1Settings s = running_settings_;
    // The trainings run on this thread and the ones it starts; the dialog hears of them through
    // queued calls, which Qt drops once the dialog is gone (its destructor joins first anyway).
    worker_ = std::thread([this, runs = std::move(runs), flag, s] {
        std::vector<RunOutcome> outcomes;
        QString failure;
        try {
            const auto data = std::make_shared<const Dataset>(load_dataset(DatasetConfig{}));
            outcomes = run_side_by_side(
                runs, data, s.stopping_criterion(), s.max_epochs, s.patience, s.threads,
                [this, flag](size_t, const RunOutcome&) {
                    if (flag->load()) return;
                    post_to(
                        this, [this] { onRunDone(); }, Qt::QueuedConnection);
                },
                flag.get());
        } catch (const std::exception& error) {
            failure = QString::fromUtf8(error.what());
        }
        post_to(
            this,
            [this, outcomes = std::move(outcomes), failure]() mutable {
                onFinished(std::move(outcomes), failure);
            },
            Qt::QueuedConnection);
    });
}

void ReproduceDialog::cancel() {
    if (cancel_flag_) cancel_flag_->store(true);
    if (isRunning()) status_->setText(tr("Cancelling: the runs stop after their current epoch..."));
}

void ReproduceDialog::stopWorker() {
    if (cancel_flag_ && !finished_) cancel_flag_->store(true);
    if (worker_.joinable()) worker_.join();
}

void ReproduceDialog::closeEvent(QCloseEvent* event) {
    cancel();
    QDialog::closeEvent(event);
}

void ReproduceDialog::onRunDone() {
    ++done_;
    updateProgress();
}

void ReproduceDialog::updateProgress() {
    progress_->setValue(done_);
    const int total = runsTotal();
    QString left = tr("estimating the time left");
    if (done_ > 0 && done_ < total) {
        const double elapsed = double(clock_.elapsed()) / 1000.0;
        left = tr("about %1 left").arg(duration(elapsed / done_ * (total - done_)));
    }
    status_->setText(tr("%1 of %2 runs done, %3 side by side; %4")
                         .arg(done_)
                         .arg(total)
                         .arg(running_settings_.threads)
                         .arg(left));
}

void ReproduceDialog::onFinished(std::vector<RunOutcome> outcomes, QString failure) {
    if (worker_.joinable()) worker_.join();
    finished_ = true;
    const bool cancelled = cancel_flag_ && cancel_flag_->load();
    if (!failure.isEmpty()) {
        status_->setText(tr("The runs failed: %1").arg(failure));
    } else if (cancelled) {
        status_->setText(
            tr("Cancelled after %1 of %2 runs; no table.").arg(done_).arg(runsTotal()));
    } else {
        outcomes_ = std::move(outcomes);
        summaries_ = summarise_table1(running_settings_, trials_, outcomes_);
        status_->setText(tr("%1 runs done in %2.")
                             .arg(runsTotal())
                             .arg(duration(double(clock_.elapsed()) / 1000.0)));
        showResults();
    }
    setRunningState(false);
    emit finished();
}

QString ReproduceDialog::verdict() const {
    QStringList parts;
    const QLocale locale;
    for (const Table1Comparison& c : table1_comparisons(running_settings_, summaries_)) {
        const QString mixture = QString::fromStdString(c.mixture);
        const QString network = QString::fromStdString(c.network);
        parts << (c.ratio >= 1 ? tr("%1 reaches the criterion %2x faster than %3")
                                     .arg(mixture, locale.toString(c.ratio, 'f', 1), network)
                               : tr("%1 reaches the criterion %2x slower than %3")
                                     .arg(mixture, locale.toString(1 / c.ratio, 'f', 1), network));
    }
    if (parts.isEmpty()) return {};
    return (running_settings_.criterion_kind == CriterionKind::Accuracy
                ? tr("%1 (mean epochs until the training accuracy stays at the criterion; the "
                     "paper: about 2x faster).")
                : tr("%1 (mean epochs until the training error stays at the criterion; the "
                     "paper: about 2x faster)."))
        .arg(parts.join(tr("; ")));
}

void ReproduceDialog::describeCriterion(CriterionKind kind) {
    const bool accuracy = kind == CriterionKind::Accuracy;
    chart_->setTitle(accuracy ? tr("Epochs until the training accuracy stays at the criterion")
                              : tr("Epochs until the training error stays at the criterion"));
    table_->setToolTip(
        accuracy ? tr("First: the first epoch whose training accuracy reached the criterion. "
                      "Stays: the epoch from which it never fell below it again. Means and SDs "
                      "over the runs that got there. Paper: epochs to criterion as Table 1 is "
                      "usually quoted.")
                 : tr("First: the first epoch whose training error (mean squared) got down to "
                      "the criterion. Stays: the epoch from which it never rose above it again. "
                      "Means and SDs over the runs that got there. Paper: epochs to criterion as "
                      "Table 1 is usually quoted."));
}

void ReproduceDialog::showResults() {
    const Table1Settings& s = running_settings_;
    const QLocale locale;
    table_->setRowCount(int(s.systems.size()));
    for (int row = 0; row < int(s.systems.size()); ++row) {
        const Table1System& system = s.systems[size_t(row)];
        const SystemSummary& m = summaries_[size_t(row)];
        const auto paper = table1_paper_figures().find(system.name);
        const QString cells[kColumns] = {
            QString::fromStdString(system.name),
            QStringLiteral("%1 %2").arg(QString::fromUtf8(to_string(s.optimizer(system))),
                                        QString::fromStdString(format_number(s.rate(system)))),
            locale.toString(100 * m.final_train, 'f', 1),
            locale.toString(100 * m.final_test, 'f', 1),
            meanSd(m.first),
            meanSd(m.stable),
            tr("%1 of %2").arg(m.never_stable).arg(m.runs),
            paper == table1_paper_figures().end()
                ? QStringLiteral("–")
                : tr("%1 (SD %2)")
                      .arg(locale.toString(paper->second.mean, 'f', 0),
                           locale.toString(paper->second.sd, 'f', 0))};
        for (int column = 0; column < kColumns; ++column) {
            auto* item = new QTableWidgetItem(cells[column]);
            if (column != kSystem) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            table_->setItem(row, column, item);
        }
    }
    const QString said = verdict();
    verdict_label_->setText(said.isEmpty() ? tr("No mixture or no network stayed at the "
                                                "criterion, so they cannot be compared.")
                                           : said);

    fillBoxPlot(chart_);
}

void ReproduceDialog::fillBoxPlot(QChart* chart) const {
    const Table1Settings& s = running_settings_;
    chart->removeAllSeries();
    for (QAbstractAxis* axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
    // One box per system over its runs' epochs until the criterion stays.
    auto* series = new QBoxPlotSeries;
    series->setObjectName(QStringLiteral("epochsToCriterion"));
    QStringList categories;
    double top = 1;
    for (size_t i = 0; i < s.systems.size(); ++i) {
        std::vector<double> values;
        int never = 0;
        for (size_t t = 0; t < trials_.size() && t < outcomes_.size(); ++t) {
            if (trials_[t].system.name != s.systems[i].name) continue;
            if (outcomes_[t].criterion.stays())
                values.push_back(double(outcomes_[t].criterion.stable));
            else
                ++never;
        }
        std::sort(values.begin(), values.end());
        QString name = QString::fromStdString(s.systems[i].name);
        if (never > 0) name += QLatin1Char('\n') + tr("%1 never").arg(never);
        categories << name;
        auto* box = new QBoxSet(name);
        if (!values.empty()) {
            box->setValue(QBoxSet::LowerExtreme, values.front());
            box->setValue(QBoxSet::LowerQuartile, quantile(values, 0.25));
            box->setValue(QBoxSet::Median, quantile(values, 0.5));
            box->setValue(QBoxSet::UpperQuartile, quantile(values, 0.75));
            box->setValue(QBoxSet::UpperExtreme, values.back());
            top = std::max(top, values.back());
        }
        series->append(box);
    }
    chart->addSeries(series);
    auto* x = new QBarCategoryAxis;
    x->append(categories);
    auto* y = new QValueAxis;
    y->setRange(0, top * 1.1);
    y->setTitleText(tr("epochs"));
    y->setLabelFormat(QStringLiteral("%.0f"));
    y->applyNiceNumbers();
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
}

bool ReproduceDialog::exportCsv(const QString& path, QString* error) const {
    if (summaries_.empty()) {
        if (error) *error = tr("There are no finished runs to export yet.");
        return false;
    }
    QSaveFile file(path);
    const std::string csv = table1_runs_csv(running_settings_, trials_, outcomes_);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(csv.data(), qint64(csv.size())) != qint64(csv.size()) || !file.commit()) {
        if (error) *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool ReproduceDialog::exportPng(const QString& path, QSize size, QString* error) const {
    if (summaries_.empty()) {
        if (error) *error = tr("There is no box plot to export yet.");
        return false;
    }
    // A chart of its own, drawn at the asked size with text scaled to it (a slide at 1600 px wide
    // gets about twice the screen's type), the dialog's chart untouched.
    auto* chart = new QChart;
    chart->setTitle(chart_->title());
    chart->legend()->hide();
    const double scale = std::max(1.0, std::min(size.width(), size.height() * 3 / 2) / 700.0);
    QFont title = chart->titleFont();
    title.setPointSizeF(title.pointSizeF() * scale);
    chart->setTitleFont(title);
    fillBoxPlot(chart);
    for (QAbstractAxis* axis : chart->axes()) {
        QFont labels = axis->labelsFont();
        labels.setPointSizeF(labels.pointSizeF() * scale);
        axis->setLabelsFont(labels);
        QFont axis_title = axis->titleFont();
        axis_title.setPointSizeF(axis_title.pointSizeF() * scale);
        axis->setTitleFont(axis_title);
    }
    QChartView view(chart);  // owns the chart
    view.setRenderHint(QPainter::Antialiasing);
    // A view that is never shown gets no resize event: lay the chart out at the size directly.
    const QRectF area(QPointF(0, 0), QSizeF(size));
    view.resize(size);
    view.setSceneRect(area);
    chart->setGeometry(area);
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        view.scene()->render(&painter, area, area);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit()) {
        if (error) *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

}  // namespace moelab
