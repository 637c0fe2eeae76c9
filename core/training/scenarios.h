#pragma once
// The guided scenarios (Scenarios menu, `moelab --scenario NAME`): each a stored configuration, or
// two panes of compare mode, that shows one lesson of the mixture of experts. Their titles and
// explanations, written for a student, are the UI's (ui/scenario_texts.h, translated); here only
// what trains.
#include <string>
#include <vector>

#include "training/config.h"

namespace moelab {

struct ScenarioSetup {
    std::string name;           // "cooperation-entangles": the --scenario value
    std::vector<Config> panes;  // one: the main window; two to four: compare mode
    bool paper_style = false;   // the figure in the paper's black and white
    bool phonetic = false;      // vowels with F2 across and F1 down
    long epochs = 0;            // what a figure of it trains (--export-figure); the window plays on
};

// Every scenario, in menu order.
const std::vector<ScenarioSetup>& scenario_setups();
// The scenario named `name`, or null.
const ScenarioSetup* find_scenario(const std::string& name);

}  // namespace moelab
