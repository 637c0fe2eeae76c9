#pragma once
// The names of a data set's classes as the window shows them: Fashion-MNIST's garments in the
// language of the interface ("T-shirt/top" is "T恤/上衣" in Chinese), the generated sets' "class 0"
// too ("类别 0"), every other set's names as its file gives them.
#include <QString>

#include "data/dataset.h"

namespace moelab {

QString class_label(const Dataset& dataset, int class_index);

}  // namespace moelab
