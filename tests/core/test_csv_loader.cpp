// A person's CSV file: what loads, and for every kind of bad input a message that names the file,
// the line and the column.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include <unistd.h>

#include "data/csv_loader.h"
#include "data/registry.h"
#include "errors.h"
#include "training/config.h"

namespace moelab {
namespace {

namespace fs = std::filesystem;

class CsvFiles : public ::testing::Test {
  protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        directory_ = fs::temp_directory_path() /
                     (std::string("moelab_csv_") + info->name() + "_" + std::to_string(::getpid()));
        fs::create_directories(directory_);
    }
    void TearDown() override {
        std::error_code ignored;
        fs::remove_all(directory_, ignored);
    }

    std::string write(const std::string& name, const std::string& content) {
        const fs::path path = directory_ / name;
        std::ofstream(path, std::ios::binary) << content;
        return path.string();
    }

    // Loads through the registry as the app does and returns the error message ("" if none).
    std::string load_error(const std::string& content, const std::string& label_column = {}) {
        const std::string path = write("data.csv", content);
        DatasetConfig config;
        config.name = "csv:" + path;
        config.label_column = label_column;
        try {
            load_dataset(config);
        } catch (const DatasetError& error) {
            return error.what();
        }
        return "";
    }

    fs::path directory_;
};

#define EXPECT_CONTAINS(haystack, needle) \
    EXPECT_NE(std::string(haystack).find(needle), std::string::npos) << (haystack)

// ---- what loads ------------------------------------------------------------------------------

TEST_F(CsvFiles, LoadsFeaturesLabelsAndSortedClasses) {
    const std::string path = write("points.csv",
                                   "x,y,label\n"
                                   "1,2,b\n"
                                   "3,4,a\n"
                                   "5,6,b\n"
                                   "7,8,c\n"
                                   "9,10,a\n"
                                   "11,12,c\n");
    const Dataset d = load_csv_dataset(path);
    ASSERT_EQ(d.size(), 6);
    EXPECT_EQ(d.dimensions(), 2);
    EXPECT_EQ(d.feature_names, (std::vector<std::string>{"x", "y"}));
    EXPECT_EQ(d.class_names, (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ(d.labels, (std::vector<int>{1, 0, 1, 2, 0, 2}));
    EXPECT_EQ(d.features(3, 0), 7.0);
    EXPECT_EQ(d.features(5, 1), 12.0);
    EXPECT_TRUE(d.groups.empty());
    EXPECT_TRUE(d.is_test.empty());
    EXPECT_FALSE(d.description.empty());
}

TEST_F(CsvFiles, NumericLabelsSortAsNumbers) {
    const Dataset d = parse_csv_dataset("v,class\n1,10\n2,2\n3,1\n4,10\n5,2\n6,1\n", "mem.csv");
    EXPECT_EQ(d.class_names, (std::vector<std::string>{"1", "2", "10"}));
    EXPECT_EQ(d.labels, (std::vector<int>{2, 1, 0, 2, 1, 0}));
}

TEST_F(CsvFiles, LabelColumnByNameAnywhere) {
    const Dataset d = parse_csv_dataset("species,len,wid\nfox,1,2\ncat,3,4\nfox,5,6\ncat,7,8\n",
                                        "m.csv", "species");
    EXPECT_EQ(d.feature_names, (std::vector<std::string>{"len", "wid"}));
    EXPECT_EQ(d.class_names, (std::vector<std::string>{"cat", "fox"}));
    EXPECT_EQ(d.labels, (std::vector<int>{1, 0, 1, 0}));
    EXPECT_EQ(d.features(1, 1), 4.0);
}

TEST_F(CsvFiles, QuotedFieldsCrlfBomAndTrailingEmptyLine) {
    const Dataset d = parse_csv_dataset(
        "\xEF\xBB\xBF\"width, cm\",\"height\",kind\r\n"
        "\"1.5\", 2 ,\"big, red\"\r\n"
        " \"2.5\" ,+3e1,\"say \"\"hi\"\"\"\r\n"
        "-1,.5,\"big, red\"\r\n"
        "0,-0,\"say \"\"hi\"\"\"\r\n"
        "\r\n",
        "quoted.csv");
    ASSERT_EQ(d.size(), 4);
    EXPECT_EQ(d.feature_names, (std::vector<std::string>{"width, cm", "height"}));
    EXPECT_EQ(d.class_names, (std::vector<std::string>{"big, red", "say \"hi\""}));
    EXPECT_EQ(d.features(0, 0), 1.5);
    EXPECT_EQ(d.features(0, 1), 2.0);
    EXPECT_EQ(d.features(1, 1), 30.0);
    EXPECT_EQ(d.features(2, 1), 0.5);
    EXPECT_EQ(d.labels, (std::vector<int>{0, 1, 0, 1}));
}

TEST_F(CsvFiles, FixtureFileLoadsWithAStratifiedSplit) {
    DatasetConfig config;
    config.name = std::string("csv:") + MOELAB_TEST_DATA_DIR + "/small_points.csv";
    config.test_fraction = 0.25;
    const Dataset d = load_dataset(config);
    ASSERT_EQ(d.size(), 24);
    EXPECT_EQ(d.name, config.name);
    EXPECT_EQ(d.classes(), 3);
    ASSERT_EQ(d.is_test.size(), 24u);
    std::map<int, int> test_per_class;
    for (int i = 0; i < d.size(); ++i)
        if (d.is_test[static_cast<std::size_t>(i)])
            ++test_per_class[d.labels[static_cast<std::size_t>(i)]];
    EXPECT_EQ(test_per_class, (std::map<int, int>{{0, 2}, {1, 2}, {2, 2}}));
    const Split split = make_split(d);
    EXPECT_EQ(split.train_index.size(), 18u);
}

// ---- every kind of bad input -----------------------------------------------------------------

TEST_F(CsvFiles, MissingFile) {
    const std::string path = (directory_ / "absent.csv").string();
    DatasetConfig config;
    config.name = "csv:" + path;
    try {
        load_dataset(config);
        FAIL();
    } catch (const DatasetError& error) {
        EXPECT_CONTAINS(error.what(), path);
        EXPECT_CONTAINS(error.what(), "no such file");
    }
}

TEST_F(CsvFiles, DirectoryInsteadOfFile) {
    try {
        load_csv_dataset(directory_.string());
        FAIL();
    } catch (const DatasetError& error) {
        EXPECT_CONTAINS(error.what(), "directory");
    }
}

TEST_F(CsvFiles, EmptyFile) {
    const std::string message = load_error("");
    EXPECT_CONTAINS(message, "data.csv");
    EXPECT_CONTAINS(message, "empty");
    EXPECT_CONTAINS(load_error("\n\n  \n"), "empty");
}

TEST_F(CsvFiles, NoHeaderRow) {
    const std::string message = load_error("1,2,0\n3,4,1\n");
    EXPECT_CONTAINS(message, "data.csv");
    EXPECT_CONTAINS(message, "line 1");
    EXPECT_CONTAINS(message, "header");
}

TEST_F(CsvFiles, HeaderOnly) {
    const std::string message = load_error("x,y,label\n");
    EXPECT_CONTAINS(message, "no data rows");
    EXPECT_CONTAINS(message, "line 1");
}

TEST_F(CsvFiles, SingleColumn) {
    const std::string message = load_error("x;y;label\n1;2;a\n");
    EXPECT_CONTAINS(message, "line 1");
    EXPECT_CONTAINS(message, "only one column");
}

TEST_F(CsvFiles, RaggedRowTooShort) {
    const std::string message = load_error("x,y,label\n1,2,a\n3,4\n5,6,b\n");
    EXPECT_CONTAINS(message, "data.csv");
    EXPECT_CONTAINS(message, "line 3");
    EXPECT_CONTAINS(message, "column 3");
    EXPECT_CONTAINS(message, "missing");
}

TEST_F(CsvFiles, RaggedRowTooLong) {
    const std::string message = load_error("x,y,label\n1,2,a\n3,4,b,9\n");
    EXPECT_CONTAINS(message, "line 3");
    EXPECT_CONTAINS(message, "column 4");
    EXPECT_CONTAINS(message, "extra");
}

TEST_F(CsvFiles, NonNumericValue) {
    const std::string message = load_error("x,F2,label\n1,2,a\n3,abc,b\n");
    EXPECT_CONTAINS(message, "data.csv");
    EXPECT_CONTAINS(message, "line 3");
    EXPECT_CONTAINS(message, "column 2");
    EXPECT_CONTAINS(message, "\"F2\"");
    EXPECT_CONTAINS(message, "expected a number");
    EXPECT_CONTAINS(message, "\"abc\"");
    // A number followed by junk is not a number either.
    EXPECT_CONTAINS(load_error("x,y,label\n1,2,a\n3,4kg,b\n"), "column 2");
}

TEST_F(CsvFiles, EmptyValue) {
    const std::string message = load_error("x,y,label\n1,,a\n3,4,b\n");
    EXPECT_CONTAINS(message, "line 2");
    EXPECT_CONTAINS(message, "column 2");
    EXPECT_CONTAINS(message, "empty");
}

TEST_F(CsvFiles, NaNValue) {
    const std::string message = load_error("x,y,label\n1,2,a\n3,4,b\nNaN,4,b\n");
    EXPECT_CONTAINS(message, "line 4");
    EXPECT_CONTAINS(message, "column 1");
    EXPECT_CONTAINS(message, "\"x\"");
    EXPECT_CONTAINS(message, "NaN");
}

TEST_F(CsvFiles, InfValue) {
    const std::string message = load_error("x,y,label\n1,-inf,a\n3,4,b\n");
    EXPECT_CONTAINS(message, "line 2");
    EXPECT_CONTAINS(message, "column 2");
    EXPECT_CONTAINS(message, "Inf");
    // A number too large for a double is an infinity in disguise.
    const std::string huge = load_error("x,y,label\n1,2,a\n3,1e999,b\n");
    EXPECT_CONTAINS(huge, "line 3");
    EXPECT_CONTAINS(huge, "column 2");
    EXPECT_CONTAINS(huge, "too large");
    // A number too small for a double is zero.
    const Dataset tiny = parse_csv_dataset("x,label\n1e-400,a\n1,a\n2,b\n3,b\n", "tiny.csv");
    EXPECT_EQ(tiny.features(0, 0), 0.0);
}

TEST_F(CsvFiles, SingleClass) {
    const std::string message = load_error("x,y,label\n1,2,a\n3,4,a\n5,6,a\n");
    EXPECT_CONTAINS(message, "data.csv");
    EXPECT_CONTAINS(message, "\"a\"");
    EXPECT_CONTAINS(message, "column 3");
    EXPECT_CONTAINS(message, "two classes");
}

TEST_F(CsvFiles, ClassWithOneRow) {
    const std::string message = load_error("x,y,label\n1,2,a\n3,4,a\n5,6,b\n7,8,c\n9,9,c\n");
    EXPECT_CONTAINS(message, "line 4");
    EXPECT_CONTAINS(message, "column 3");
    EXPECT_CONTAINS(message, "\"b\"");
    EXPECT_CONTAINS(message, "at least 2 rows");
}

TEST_F(CsvFiles, EmptyLabel) {
    const std::string message = load_error("x,y,label\n1,2,a\n3,4, \n");
    EXPECT_CONTAINS(message, "line 3");
    EXPECT_CONTAINS(message, "column 3");
    EXPECT_CONTAINS(message, "label is empty");
}

TEST_F(CsvFiles, TooManyRows) {
    std::string text = "x,label\n";
    text.reserve(kCsvMaxRows * 4 + 16);
    for (std::size_t i = 0; i <= kCsvMaxRows; ++i) text += i % 2 ? "1,a\n" : "2,b\n";
    try {
        parse_csv_dataset(text, "big.csv");
        FAIL();
    } catch (const DatasetError& error) {
        EXPECT_CONTAINS(error.what(), "big.csv");
        EXPECT_CONTAINS(error.what(), "line 1000002");
        EXPECT_CONTAINS(error.what(), "1000000");
    }
    // Exactly the limit is fine.
    text.resize(text.size() - 4);
    EXPECT_EQ(parse_csv_dataset(text, "big.csv").size(), static_cast<int>(kCsvMaxRows));
}

TEST_F(CsvFiles, TooManyColumns) {
    std::string header, row;
    for (std::size_t c = 0; c <= kCsvMaxColumns; ++c) {
        if (c > 0) {
            header += ',';
            row += ',';
        }
        header += 'c';
        header += std::to_string(c);
        row += '1';
    }
    const std::string message = load_error(header + "\n" + row + "\n" + row + "\n");
    EXPECT_CONTAINS(message, "line 1");
    EXPECT_CONTAINS(message, "1001 columns");
}

TEST_F(CsvFiles, UnknownLabelColumn) {
    const std::string message = load_error("x,y,label\n1,2,a\n3,4,b\n", "species");
    EXPECT_CONTAINS(message, "\"species\"");
    EXPECT_CONTAINS(message, "line 1");
    EXPECT_CONTAINS(message, "x, y, label");
}

TEST_F(CsvFiles, BlankLineInTheMiddle) {
    const std::string message = load_error("x,y,label\n1,2,a\n\n3,4,b\n");
    EXPECT_CONTAINS(message, "line 3");
    EXPECT_CONTAINS(message, "blank");
    EXPECT_CONTAINS(load_error("x,y,label\r\n1,2,a\r\n   \r\n3,4,b\r\n"), "line 3");
}

TEST_F(CsvFiles, UnclosedQuote) {
    const std::string message = load_error("x,y,label\n1,2,a\n3,\"4,b\n5,6,b\n");
    EXPECT_CONTAINS(message, "line 3");
    EXPECT_CONTAINS(message, "column 2");
    EXPECT_CONTAINS(message, "quote");
}

TEST_F(CsvFiles, QuoteInsideUnquotedField) {
    const std::string message = load_error("x,y,label\n1,2,a\n3,4,b\"c\n");
    EXPECT_CONTAINS(message, "line 3");
    EXPECT_CONTAINS(message, "column 3");
}

TEST_F(CsvFiles, TextAfterClosingQuote) {
    const std::string message = load_error("x,y,label\n\"1\"2,2,a\n3,4,b\n");
    EXPECT_CONTAINS(message, "line 2");
    EXPECT_CONTAINS(message, "column 1");
}

TEST_F(CsvFiles, DuplicateOrMissingColumnName) {
    const std::string duplicate = load_error("x,x,label\n1,2,a\n3,4,b\n");
    EXPECT_CONTAINS(duplicate, "line 1");
    EXPECT_CONTAINS(duplicate, "column 2");
    EXPECT_CONTAINS(duplicate, "twice");
    const std::string unnamed = load_error("x,,label\n1,2,a\n3,4,b\n");
    EXPECT_CONTAINS(unnamed, "line 1");
    EXPECT_CONTAINS(unnamed, "column 2");
}

TEST_F(CsvFiles, BinaryFile) {
    const std::string message = load_error(std::string("x,y,label\n1,2,a\n3,4") + '\0' + ",b\n");
    EXPECT_CONTAINS(message, "line 3");
    EXPECT_CONTAINS(message, "NUL");
}

}  // namespace
}  // namespace moelab
