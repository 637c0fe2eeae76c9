#include "cli.h"

#include <iostream>

namespace moelab {
int run_cli(int, char**) {
    std::cerr << "moelab-cli: not built yet\n";
    return 1;
}
}  // namespace moelab
