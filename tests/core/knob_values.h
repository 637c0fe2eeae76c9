#pragma once
// The shared knob examples (tests/common/knob_examples.h) for GoogleTest: a missing one fails.
#include <gtest/gtest.h>

#include "knob_examples.h"

namespace moelab::test {

inline KnobValue non_default_value(const Knob& knob) {
    if (auto value = find_non_default_value(knob)) return *value;
    ADD_FAILURE() << "no example value for knob " << knob.key << " (see knob_examples.h)";
    return knob.default_value();
}

}  // namespace moelab::test
