#pragma once
// moelab-cli run as a process by the tests: its exit code and what it printed, each test in a
// scratch folder of its own.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace moelab::test {

struct CliResult {
    int exit_code = -1;
    std::string out, err;
};

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// `text` as one word for the shell.
inline std::string quoted(const std::string& text) {
    std::string result = "'";
    for (char c : text) result += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return result + "'";
}

// A fixture whose tests run the tool in `<temp>/<prefix><test>_<pid>`, removed afterwards; with
// `timeout_seconds` > 0 under `timeout`, so a regression that blocks fails instead of hanging.
class CliProcessTest : public ::testing::Test {
  protected:
    explicit CliProcessTest(std::string prefix, int timeout_seconds = 0)
        : prefix_(std::move(prefix)), timeout_seconds_(timeout_seconds) {}

    void SetUp() override {
        const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
        directory_ = std::filesystem::temp_directory_path() /
                     (prefix_ + std::string(test->name()) + "_" + std::to_string(::getpid()));
        std::filesystem::remove_all(directory_);
        std::filesystem::create_directories(directory_);
    }
    void TearDown() override { std::filesystem::remove_all(directory_); }

    CliResult run(const std::vector<std::string>& args) const {
        std::string command;
        if (timeout_seconds_ > 0) command = "timeout " + std::to_string(timeout_seconds_) + " ";
        // Appends only: GCC 12 at -O3 misreports "literal + temporary" as overlapping (-Wrestrict).
        command.append(quoted(MOELAB_CLI_PATH));
        for (const auto& arg : args) command.append(" ").append(quoted(arg));
        const auto out = directory_ / "stdout.txt", err = directory_ / "stderr.txt";
        command.append(" >").append(quoted(out.string()));
        command.append(" 2>").append(quoted(err.string())).append(" </dev/null");
        const int status = std::system(command.c_str());
        CliResult result;
        result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        result.out = read_file(out);
        result.err = read_file(err);
        return result;
    }

    std::string path(const std::string& name) const { return (directory_ / name).string(); }

    std::filesystem::path directory_;

  private:
    std::string prefix_;
    int timeout_seconds_ = 0;
};

}  // namespace moelab::test
