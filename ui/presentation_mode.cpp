#include "presentation_mode.h"

#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QDockWidget>
#include <QEvent>
#include <QLabel>
#include <QMainWindow>
#include <QMenuBar>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>
#include <algorithm>
#include <cmath>

#include "boundary_view.h"
#include "control_panel.h"
#include "figure_painter.h"
#include "number_format.h"
#include "routing_view.h"
#include "training/knobs.h"

namespace moelab {

namespace {

// The bar's type: a thirty-sixth of the screen's height at the default scale (30 px on a
// 1080-line projector, 20 px on a 720-line one), never smaller than the desktop's.
int bar_font_pixels(int window_height, double scale) {
    return std::max(14, static_cast<int>(std::lround(window_height / 36.0 * scale / 1.6)));
}

QString knob_text(const char* text) {
    return QCoreApplication::translate("moelab::Knobs", text);
}

}  // namespace

PresentationMode::PresentationMode(QMainWindow* window, ControlPanel* panel, BoundaryView* view)
    : QObject(window), window_(window), panel_(panel), view_(view) {
    toggle_ = new QAction(tr("&Presentation mode"), this);
    toggle_->setObjectName(QStringLiteral("presentationAction"));
    toggle_->setCheckable(true);
    toggle_->setShortcut(QKeySequence(Qt::Key_F11));
    toggle_->setShortcutContext(Qt::WindowShortcut);
    connect(toggle_, &QAction::toggled, this, &PresentationMode::setActive);
    leave_ = new QAction(tr("Leave presentation mode"), this);
    leave_->setObjectName(QStringLiteral("leavePresentationAction"));
    leave_->setShortcut(QKeySequence(Qt::Key_Escape));
    leave_->setShortcutContext(Qt::WindowShortcut);
    leave_->setEnabled(false);
    connect(leave_, &QAction::triggered, this, [this] { setActive(false); });
    // On the window itself: they must work while the menu bar is hidden.
    window_->addAction(toggle_);
    window_->addAction(leave_);
    connect(panel_, &ControlPanel::configChanged, this, &PresentationMode::showConfig);
}

void PresentationMode::setRoutingView(RoutingView* routing) {
    routing_ = routing;
    if (active_ && routing_) {
        saved_routing_scale_ = routing_->fontScale();
        routing_->setFontScale(scale_);
    }
}

void PresentationMode::setScale(double scale) {
    scale_ = std::clamp(scale, 1.0, 3.0);
    if (!active_) return;
    FigureOptions options = view_->options();
    options.font_scale = scale_;
    view_->setOptions(options);
    if (routing_) routing_->setFontScale(scale_);
    fitBarFont();
}

void PresentationMode::setActive(bool active) {
    if (active == active_) return;
    active ? enter() : leave();
    active_ = active;
    const QSignalBlocker blocker(toggle_);
    toggle_->setChecked(active);
    leave_->setEnabled(active);
    emit activeChanged(active);
}

void PresentationMode::enter() {
    saved_state_ = window_->saveState();
    saved_geometry_ = window_->saveGeometry();
    saved_window_state_ = window_->windowState();
    menu_was_visible_ = window_->menuBar()->isVisible();
    status_was_visible_ = window_->statusBar()->isVisible();
    saved_font_scale_ = view_->options().font_scale;

    buildBar();
    // The window's own docks and toolbars, which restoreState brings back (a toolbar inside a
    // panel stays with its panel).
    for (QDockWidget* dock : window_->findChildren<QDockWidget*>(Qt::FindDirectChildrenOnly))
        dock->hide();
    for (QToolBar* toolbar : window_->findChildren<QToolBar*>(Qt::FindDirectChildrenOnly))
        if (toolbar != bar_) toolbar->hide();
    window_->menuBar()->hide();
    window_->statusBar()->hide();
    bar_->show();
    showConfig();
    showSnapshot(last_);
    FigureOptions options = view_->options();
    options.font_scale = scale_;
    view_->setOptions(options);
    if (routing_) {
        saved_routing_scale_ = routing_->fontScale();
        routing_->setFontScale(scale_);
    }
    if (auto* centre = window_->findChild<QTabWidget*>(QStringLiteral("centralTabs"))) {
        tabs_ = centre->tabBar();
        tabs_had_font_ = tabs_->testAttribute(Qt::WA_SetFont);
        tabs_font_ = tabs_->font();
    }
    window_->showFullScreen();
    fitBarFont();
    // The window system makes the window full screen when it gets to it: the type follows.
    window_->installEventFilter(this);
}

bool PresentationMode::eventFilter(QObject* watched, QEvent* event) {
    if (watched == window_ && event->type() == QEvent::Resize) fitBarFont();
    return QObject::eventFilter(watched, event);
}

void PresentationMode::leave() {
    window_->removeEventFilter(this);
    // Gone, not hidden: the window's saved state is then exactly the one of before.
    window_->removeToolBar(bar_);
    bar_->deleteLater();
    bar_ = nullptr;
    FigureOptions options = view_->options();
    options.font_scale = saved_font_scale_;
    view_->setOptions(options);
    if (routing_) routing_->setFontScale(saved_routing_scale_);
    if (tabs_) tabs_->setFont(tabs_had_font_ ? tabs_font_ : QFont());
    tabs_ = nullptr;
    window_->menuBar()->setVisible(menu_was_visible_);
    window_->statusBar()->setVisible(status_was_visible_);
    window_->setWindowState(saved_window_state_);
    if (!(saved_window_state_ & (Qt::WindowFullScreen | Qt::WindowMaximized)))
        window_->restoreGeometry(saved_geometry_);
    // Docks (which were open, their sizes and tabs) and toolbars as they were.
    window_->restoreState(saved_state_);
}

void PresentationMode::buildBar() {
    bar_ = new QToolBar(tr("Presentation"), window_);
    bar_->setObjectName(QStringLiteral("presentationBar"));
    bar_->setMovable(false);
    bar_->setFloatable(false);
    bar_->setToolButtonStyle(Qt::ToolButtonTextOnly);
    window_->addToolBar(Qt::TopToolBarArea, bar_);

    auto button = [this](const QString& text, const char* action_name, const char* name) {
        auto* tool = new QToolButton;
        tool->setObjectName(QLatin1String(name));
        tool->setText(text);
        if (QAction* action = window_->findChild<QAction*>(QLatin1String(action_name))) {
            tool->setToolTip(action->text().remove(QLatin1Char('&')) + QStringLiteral("  (") +
                             action->shortcut().toString(QKeySequence::NativeText) +
                             QStringLiteral(")"));
            connect(tool, &QToolButton::clicked, action, &QAction::trigger);
        }
        bar_->addWidget(tool);
        return tool;
    };
    play_ = button(tr("Play"), "playAction", "presentationPlay");
    button(tr("Step"), "stepAction", "presentationStep");
    button(tr("Reset"), "resetAction", "presentationReset");
    bar_->addSeparator();

    const Knob& loss_knob = knob("loss");
    loss_ = new QComboBox;
    loss_->setObjectName(QStringLiteral("presentationLoss"));
    int key = 1;
    for (const KnobChoice& choice : loss_knob.choices) {
        // The number key that picks it, first: the class sees which key the presenter pressed.
        loss_->addItem(QStringLiteral("%1  %2").arg(key++).arg(knob_text(choice.label)),
                       QVariant::fromValue(choice.value));
    }
    connect(loss_, &QComboBox::activated, this, [this](int index) {
        panel_->setKnobValue("loss", KnobValue{loss_->itemData(index).toLongLong()});
    });
    bar_->addWidget(loss_);
    bar_->addSeparator();

    auto spin = [this](const QString& label, const char* name) {
        auto* caption = new QLabel(label);
        caption->setContentsMargins(12, 0, 6, 0);
        auto* box = new QSpinBox;
        box->setObjectName(QLatin1String(name));
        caption->setBuddy(box);
        bar_->addWidget(caption);
        bar_->addWidget(box);
        return box;
    };
    experts_ = spin(tr("N"), "presentationExperts");
    experts_->setToolTip(tr("Experts (+ and -)"));
    const Knob& experts_knob = knob("experts");
    experts_->setRange(static_cast<int>(experts_knob.integers.low),
                       std::isfinite(experts_knob.control.high)
                           ? static_cast<int>(experts_knob.control.high)
                           : 16);
    connect(experts_, &QSpinBox::valueChanged, this, [this](int n) {
        panel_->setKnobValue("experts", KnobValue{static_cast<long long>(n)});
    });
    top_k_ = spin(tr("K"), "presentationTopK");
    top_k_->setToolTip(tr("Experts each case is routed to ([ and ])"));
    connect(top_k_, &QSpinBox::valueChanged, this, [this](int k) {
        // K = N is the dense gate, stored as 0.
        const long long stored = k >= panel_->config().experts ? 0 : k;
        panel_->setKnobValue("top_k", KnobValue{stored});
    });
    bar_->addSeparator();
    epoch_ = new QLabel;
    epoch_->setObjectName(QStringLiteral("presentationEpoch"));
    accuracy_ = new QLabel;
    accuracy_->setObjectName(QStringLiteral("presentationAccuracy"));
    bar_->addWidget(epoch_);
    bar_->addSeparator();
    bar_->addWidget(accuracy_);
    epoch_->setText(tr("Epoch %1").arg(format_count(0)));
}

void PresentationMode::fitBarFont() {
    if (!bar_) return;
    QFont font = bar_->font();
    font.setPixelSize(bar_font_pixels(window_->height(), scale_));
    bar_->setFont(font);
    for (QWidget* child : bar_->findChildren<QWidget*>()) child->setFont(font);
    if (tabs_) tabs_->setFont(font);
    QFont bold = font;
    bold.setBold(true);
    epoch_->setFont(bold);
    accuracy_->setFont(bold);
    // Room for the widest text each will show, so the bar does not shift as the numbers grow.
    const QFontMetrics metrics(bold);
    epoch_->setMinimumWidth(metrics.horizontalAdvance(tr("Epoch %1").arg(format_count(8888888))));
    accuracy_->setMinimumWidth(metrics.horizontalAdvance(tr("Train %1").arg(format_percent(1.0))));
}

void PresentationMode::showConfig() {
    if (!bar_) return;
    const Config& config = panel_->config();
    {
        const QSignalBlocker blocker(loss_);
        loss_->setCurrentIndex(
            loss_->findData(QVariant::fromValue(static_cast<long long>(config.loss))));
    }
    {
        const QSignalBlocker blocker(experts_);
        experts_->setValue(config.experts);
    }
    {
        const QSignalBlocker blocker(top_k_);
        top_k_->setRange(1, std::max(1, config.experts));
        top_k_->setValue(config.routed_experts());
        top_k_->setEnabled(config.experts > 1);
    }
}

void PresentationMode::showSnapshot(SnapshotPtr snapshot) {
    if (snapshot) last_ = snapshot;
    if (!bar_ || !snapshot) return;
    play_->setText(snapshot->running ? tr("Pause") : tr("Play"));
    epoch_->setText(tr("Epoch %1").arg(format_count(snapshot->epoch)));
    accuracy_->setText(tr("Train %1").arg(format_percent(snapshot->latest.train_accuracy)));
}

}  // namespace moelab
