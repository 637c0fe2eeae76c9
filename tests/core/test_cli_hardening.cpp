// moelab-cli run as a process on the inputs of issue 10's hardening list: each ends with one clear
// line and the right exit code, and nothing of the person's is lost or replaced.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli_process_support.h"

namespace moelab {
namespace {

namespace fs = std::filesystem;

using ToolRun = test::CliResult;
using test::quoted;

size_t count_lines(const std::string& text) {
    return size_t(std::count(text.begin(), text.end(), '\n'));
}

class CliHardening : public test::CliProcessTest {
  protected:
    CliHardening() : CliProcessTest("moelab_hardening_", 120) {}
};

TEST_F(CliHardening, DeeplyNestedModelIsRefusedNotACrash) {
    std::ofstream(path("deep.json")) << std::string(100000, '[') << std::string(100000, ']');
    const std::vector<std::vector<std::string>> commands{
        {"eval", "--model", path("deep.json")},
        {"train", "--init", path("deep.json"), "--epochs", "1"}};
    for (const auto& command : commands) {
        const ToolRun r = run(command);
        EXPECT_EQ(r.exit_code, 1) << command[0] << r.err;  // was 139 (SIGSEGV)
        EXPECT_EQ(r.err, "moelab-cli: '" + path("deep.json") +
                             "' nests arrays and objects more than 64 levels deep (at line 1, "
                             "column 65); a MoE Lab file is never that deep.\n");
    }
}

TEST_F(CliHardening, OverflowingNumberAndFolderNameTheFile) {
    std::ofstream(path("big.json")) << "{\"format\": 1e999}";
    ToolRun r = run({"eval", "--model", path("big.json")});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err, "moelab-cli: '" + path("big.json") +
                         "' holds the number 1e999 at line 1, column 12, which is beyond the "
                         "range of a double (about 1.8e308).\n");
    r = run({"eval", "--model", directory_.string()});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err, "moelab-cli: Cannot open the model file '" + directory_.string() +
                         "': it is a folder, not a file.\n");
}

TEST_F(CliHardening, AFailedRunLeavesTheOldLogAlone) {
    std::ofstream(path("log.csv")) << "the log of yesterday's run\n";
    // Fails after the options are read: the data file does not exist.
    ToolRun r = run({"train", "--dataset", "csv:" + path("absent.csv"), "--log", path("log.csv")});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(test::read_file(path("log.csv")), "the log of yesterday's run\n");
    // A run that works replaces it, whole.
    r = run({"train", "--dataset", "moons", "--epochs", "20", "--log", path("log.csv")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string log = test::read_file(path("log.csv"));
    EXPECT_TRUE(log.starts_with("epoch,loss,train_accuracy")) << log;
    EXPECT_NE(log.find("\n20,"), std::string::npos) << log;
}

TEST_F(CliHardening, AnUnwritableSaveIsFoundBeforeTraining) {
    const std::string target = path("missing/model.json");
    const ToolRun r = run({"train", "--dataset", "vowels", "--epochs", "20000", "--save", target,
                           "--log", path("log.csv")});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err, "moelab-cli: Cannot save the model to '" + target + "': the folder '" +
                         path("missing") + "' does not exist.\n");
    EXPECT_TRUE(r.out.empty()) << r.out;  // no summary: nothing was trained
    EXPECT_FALSE(fs::exists(path("log.csv")));
}

TEST_F(CliHardening, SavingKeepsLinksModesAndRefusesPipes) {
    std::ofstream(path("real.json")) << "{}";
    ASSERT_EQ(::chmod(path("real.json").c_str(), 0600), 0);
    fs::create_symlink("real.json", path("link.json"));
    ToolRun r = run({"train", "--dataset", "moons", "--epochs", "2", "--save", path("link.json")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(fs::is_symlink(fs::symlink_status(path("link.json"))));
    EXPECT_NE(test::read_file(path("real.json")).find("moelab-model"), std::string::npos);
    struct stat status {};
    ASSERT_EQ(::stat(path("real.json").c_str(), &status), 0);
    EXPECT_EQ(status.st_mode & 07777, 0600u);

    ASSERT_EQ(::mkfifo(path("pipe").c_str(), 0644), 0);
    r = run({"train", "--dataset", "moons", "--epochs", "2", "--save", path("pipe")});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err, "moelab-cli: Cannot save the model to '" + path("pipe") +
                         "': it is not a regular file (a device, pipe or socket); MoE Lab writes "
                         "only regular files.\n");
    EXPECT_TRUE(fs::is_fifo(path("pipe")));
}

TEST_F(CliHardening, DevicesAndPipesAreNotReadAsCsv) {
    ToolRun r = run({"train", "--dataset", "csv:/dev/zero", "--epochs", "1"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err,
              "moelab-cli: Cannot open the CSV file /dev/zero: it is not a regular file (a "
              "device, pipe or socket); MoE Lab reads CSV data from regular files only.\n");
    ASSERT_EQ(::mkfifo(path("points.csv").c_str(), 0644), 0);
    r = run({"train", "--dataset", "csv:" + path("points.csv"), "--epochs", "1"});
    EXPECT_EQ(r.exit_code, 1) << "blocked on the FIFO? " << r.err;  // timeout exits with 124
    EXPECT_NE(r.err.find("not a regular file"), std::string::npos) << r.err;
}

TEST_F(CliHardening, HeaderlessCsvAndIgnoredLabelWarn) {
    std::ofstream(path("points.csv")) << "0.1,0.2,a\n0.2,0.1,a\n0.9,0.8,b\n0.8,0.9,b\n0.15,0.1,a\n"
                                         "0.85,0.95,b\n";
    ToolRun r = run({"train", "--dataset", "csv:" + path("points.csv"), "--epochs", "2"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("moelab-cli: warning: " + path("points.csv") +
                         ", line 1: every feature column is named by a number (\"0.1\", ...); if "
                         "this row is data, it was read as the header and is not used."),
              std::string::npos)
        << r.err;
    r = run({"train", "--dataset", "vowels", "--label", "kind", "--epochs", "2"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("moelab-cli: warning: --label names the label column of a CSV file; "
                         "vowels is a built-in dataset with its own labels, so --label kind is "
                         "ignored.\n"),
              std::string::npos)
        << r.err;
}

TEST_F(CliHardening, ACollapsedTrainingStopsWithAMessageAndExitOne) {
    // Ended at loss 1.0000, 0 % and exit code 0, with no message.
    const ToolRun r = run({"train", "--dataset", "vowels", "--lr", "900000", "--loss",
                           "cooperative", "--optimizer", "momentum", "--hidden", "8", "--epochs",
                           "300", "--save", path("never.json"), "--log", path("log.csv")});
    EXPECT_EQ(r.exit_code, 1);
    ASSERT_EQ(count_lines(r.err.substr(r.err.rfind("moelab-cli:"))), 1u) << r.err;
    const std::string last = r.err.substr(r.err.rfind("moelab-cli:"));
    EXPECT_TRUE(last.starts_with("moelab-cli: Training collapsed at epoch ")) << last;
    EXPECT_NE(last.find("the training accuracy is 0.0 %, below chance (25.0 % for 4 classes)"),
              std::string::npos)
        << last;
    EXPECT_NE(last.find("the outputs saturated, so no gradient flows"), std::string::npos) << last;
    EXPECT_NE(last.find("For example --lr 90000 or --optimizer adam."), std::string::npos) << last;
    EXPECT_FALSE(fs::exists(path("never.json")));
    // The log keeps the epochs before the collapse.
    EXPECT_TRUE(test::read_file(path("log.csv")).starts_with("epoch,loss"))
        << test::read_file(path("log.csv"));
}

}  // namespace
}  // namespace moelab
