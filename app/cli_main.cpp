#include "cli.h"

int main(int argc, char** argv) {
    return moelab::run_cli(argc, argv);
}
