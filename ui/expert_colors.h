#pragma once
// One palette for every view: a colour per expert (gate regions, boundary lines, gallery frames,
// utilisation bars) and a colour per class (data points, expert regions). The two families are
// chosen apart from each other so a class marker stays readable on top of an expert's tint, and
// both are safe for the common forms of colour blindness up to their first eight entries.
#include <QColor>
#include <QString>

namespace moelab {

// The expert colours to use, a setting (Settings dialog; persisted by app_settings.h).
enum class ExpertPalette {
    // Paul Tol's "muted" scheme, then his "light" scheme: soft tints, distinct for colour-blind
    // viewers up to nine experts.
    Standard,
    // Okabe & Ito's eight, in an order that keeps the first experts apart from the first classes,
    // grey for black (which the gate lines use): saturated, the safest for every form of colour
    // blindness and on a washed-out projector; beyond eight experts lighter variants follow.
    ColourBlindSafe,
};

// Every view's expert colours follow this from the next repaint (the worker's tint images from
// its next snapshot). Safe to call from any thread.
void setExpertPalette(ExpertPalette palette);
ExpertPalette expertPalette();
// "standard" / "colour-blind-safe", for settings files; unknown names give Standard.
QString expertPaletteKey(ExpertPalette palette);
ExpertPalette expertPaletteFromKey(const QString& key);

// The colour of an expert in the current palette; beyond sixteen the list repeats (the app allows
// at most sixteen).
QColor expertColor(int expert);
QColor expertColor(int expert, ExpertPalette palette);

// Okabe & Ito's scheme (without black first): the reference colour-blind safe set for categories.
QColor classColor(int classIndex);

// How many distinct entries each list holds before it repeats.
int expertColorCount();
int classColorCount();

// `color` mixed with white (amount 0 = unchanged, 1 = white): region fills that leave markers and
// lines on top of them readable.
QColor lightened(const QColor& color, double amount);

// `color` scaled toward black (brightness 1 = unchanged, 0 = black): the gallery shows gate weight
// as brightness with this.
QColor dimmed(const QColor& color, double brightness);

// Black or white, whichever reads better on `background`.
QColor textColorOn(const QColor& background);

}  // namespace moelab
