// Files that cannot hurt the program (issue 10, hardening): model files nested too deep or with
// numbers beyond double, folders and devices where a file is expected, and saves that keep what
// the target is (a link stays a link, a file keeps its mode, a device is never replaced).
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "error_of.h"
#include "errors.h"
#include "io/atomic_file.h"
#include "io/json_file.h"
#include "io/serialization.h"

namespace moelab {
namespace {

namespace fs = std::filesystem;

class FileSafety : public ::testing::Test {
  protected:
    void SetUp() override {
        const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
        directory_ = fs::temp_directory_path() / ("moelab_files_" + std::string(test->name()) +
                                                  "_" + std::to_string(::getpid()));
        fs::remove_all(directory_);
        fs::create_directories(directory_);
    }
    void TearDown() override { fs::remove_all(directory_); }
    std::string path(const std::string& name) const { return (directory_ / name).string(); }

    fs::path directory_;
};

std::string text_of(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

using test::error_of;

// ---- reading JSON ------------------------------------------------------------------------------

TEST_F(FileSafety, NestingBeyondTheLimitIsRefusedWithItsPlace) {
    // 100000 levels crashed the tool (a recursive dump() while building the message).
    std::ofstream(path("deep.json")) << std::string(100000, '[') << std::string(100000, ']');
    const std::string message = error_of([&] { load_model(path("deep.json")); });
    EXPECT_NE(message.find("deep.json"), std::string::npos) << message;
    EXPECT_NE(message.find("more than 64 levels deep (at line 1, column 65)"), std::string::npos)
        << message;
    EXPECT_THROW(load_model(path("deep.json")), ModelFormatError);

    // Exactly the limit parses; brackets inside strings do not count.
    const std::string at_limit = std::string(kJsonMaxDepth, '[') + std::string(kJsonMaxDepth, ']');
    EXPECT_NO_THROW(parse_json_text(at_limit, "at limit"));
    EXPECT_THROW(parse_json_text("[" + at_limit + "]", "one more"), ModelFormatError);
    EXPECT_NO_THROW(parse_json_text("{\"a\": \"" + std::string(200, '[') + "\\\"[\"}", "quoted"));
}

TEST_F(FileSafety, NumberBeyondDoubleNamesTheFileAndPlace) {
    std::ofstream(path("big.json")) << "{\n  \"format\": 1e999\n}\n";
    const std::string message = error_of([&] { load_model(path("big.json")); });
    EXPECT_EQ(message, "'" + path("big.json") +
                           "' holds the number 1e999 at line 2, column 13, which is beyond the "
                           "range of a double (about 1.8e308).");
}

TEST_F(FileSafety, FolderOrDeviceAsModelIsRefusedPlainly) {
    EXPECT_EQ(
        error_of([&] { load_model(directory_.string()); }),
        "Cannot open the model file '" + directory_.string() + "': it is a folder, not a file.");
    EXPECT_EQ(error_of([] { load_model("/dev/zero"); }),
              "Cannot open the model file '/dev/zero': it is not a regular file (a device, pipe "
              "or socket).");
    const std::string broken = error_of([&] { load_model(path("absent.json")); });
    EXPECT_NE(broken.find("absent.json"), std::string::npos) << broken;
    std::ofstream(path("bad.json")) << "{\"format\": ";
    const std::string syntax = error_of([&] { load_model(path("bad.json")); });
    EXPECT_NE(syntax.find("bad.json' is not valid JSON: parse error at line 1, column 12"),
              std::string::npos)
        << syntax;
}

// ---- atomic saves ------------------------------------------------------------------------------

TEST_F(FileSafety, SavingThroughALinkUpdatesItsTargetAndKeepsTheLink) {
    std::ofstream(path("real.txt")) << "old";
    fs::create_symlink("real.txt", path("link.txt"));
    write_file_atomically(path("link.txt"), "new");
    EXPECT_TRUE(fs::is_symlink(fs::symlink_status(path("link.txt"))));
    EXPECT_EQ(text_of(path("real.txt")), "new");
    // A dangling link gets its target created.
    fs::create_symlink("later.txt", path("dangling.txt"));
    write_file_atomically(path("dangling.txt"), "made");
    EXPECT_TRUE(fs::is_symlink(fs::symlink_status(path("dangling.txt"))));
    EXPECT_EQ(text_of(path("later.txt")), "made");
}

TEST_F(FileSafety, SavingKeepsTheFilesMode) {
    std::ofstream(path("private.json")) << "{}";
    ASSERT_EQ(::chmod(path("private.json").c_str(), 0600), 0);
    write_file_atomically(path("private.json"), "{\"a\": 1}");
    struct stat status {};
    ASSERT_EQ(::stat(path("private.json").c_str(), &status), 0);
    EXPECT_EQ(status.st_mode & 07777, 0600u);
    EXPECT_EQ(text_of(path("private.json")), "{\"a\": 1}");
}

TEST_F(FileSafety, NonRegularTargetsAreRefusedAndLeftAlone) {
    ASSERT_EQ(::mkfifo(path("pipe").c_str(), 0644), 0);
    const std::string message =
        error_of([&] { write_file_atomically(path("pipe"), "x", "the model"); });
    EXPECT_EQ(message, "Cannot save the model to '" + path("pipe") +
                           "': it is not a regular file (a device, pipe or socket); MoE Lab "
                           "writes only regular files.");
    EXPECT_TRUE(fs::is_fifo(path("pipe")));
    EXPECT_THROW(check_writable_destination(path("pipe")), std::runtime_error);
    EXPECT_THROW(check_writable_destination("/dev/full"), std::runtime_error);
    EXPECT_THROW(write_file_atomically(directory_.string(), "x"), std::runtime_error);
    // Nothing was left beside them.
    int entries = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(directory_)) ++entries;
    EXPECT_EQ(entries, 1);
}

TEST_F(FileSafety, AMissingFolderIsFoundBeforeAnyWork) {
    const std::string target = path("missing/model.json");
    EXPECT_EQ(error_of([&] { check_writable_destination(target, "the model"); }),
              "Cannot save the model to '" + target + "': the folder '" + path("missing") +
                  "' does not exist.");
    EXPECT_NO_THROW(check_writable_destination(path("model.json")));
    EXPECT_FALSE(fs::exists(path("model.json")));  // checking writes nothing
}

TEST_F(FileSafety, AKilledSavesTemporaryIsRemovedByTheNextSave) {
    // The id of a process that has ended.
    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    ASSERT_GT(child, 0);
    ::waitpid(child, nullptr, 0);
    const std::string stale = path("model.json.tmp-" + std::to_string(child) + "-abc123");
    const std::string live = path("model.json.tmp-" + std::to_string(::getpid()) + "-def456");
    const std::string other = path("other.json.tmp-" + std::to_string(child) + "-abc123");
    for (const std::string& leftover : {stale, live, other}) std::ofstream(leftover) << "partial";
    write_file_atomically(path("model.json"), "whole");
    EXPECT_FALSE(fs::exists(stale));  // its process is gone
    EXPECT_TRUE(fs::exists(live));    // a save under way (this process) is not disturbed
    EXPECT_TRUE(fs::exists(other));   // another target's
    EXPECT_EQ(text_of(path("model.json")), "whole");
}

}  // namespace
}  // namespace moelab
