#pragma once
// The command-line tool moelab-cli: train, eval, datasets, reproduce.

namespace moelab {
// Runs the tool; returns the process exit code (0 ok, 1 runtime error, 2 bad usage).
int run_cli(int argc, char** argv);
}  // namespace moelab
