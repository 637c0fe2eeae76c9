#pragma once
// moelab-cli reproduce: Table 1 of Jacobs, Jordan, Nowlan & Hinton (1991) on the vowels, many seeds
// per system side by side, with a learning-rate sweep so that each system is compared at its best.
#include <string>
#include <vector>

namespace moelab {

struct CliRequest;

struct ReproduceOption {
    std::string flag;
    std::string value_name;
    std::string help;
};
// The options of the command, in help order (the parser registers them).
const std::vector<ReproduceOption>& reproduce_options();
std::string reproduce_footer();

// Runs the command; returns the exit code. Throws UsageError for a bad value.
int run_reproduce(const CliRequest& request);

}  // namespace moelab
