#pragma once
// The names of a data set's classes as the window shows them: Fashion-MNIST's garments in the
// language of the interface ("T-shirt/top" is "T恤/上衣" in Chinese), every other set's names as
// its file or generator gives them.
#include <QString>

#include "data/dataset.h"

namespace moelab {

QString class_label(const Dataset& dataset, int class_index);

}  // namespace moelab
