#pragma once
// Files compiled into the library (see cmake/embed_file.cmake).
#include <string_view>

namespace moelab::embedded {
std::string_view peterson_barney_csv();  // datasets/peterson_barney_1952.csv
}
