// Fashion-MNIST's IDX files: small gzipped fixtures written here for the format and its errors, and
// the real files when the Debian package is installed.
#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <unistd.h>

#include "data/fashion_mnist.h"
#include "data/registry.h"
#include "errors.h"
#include "training/config.h"

namespace moelab {
namespace {

namespace fs = std::filesystem;

std::vector<unsigned char> big_endian(std::uint32_t value) {
    return {static_cast<unsigned char>(value >> 24), static_cast<unsigned char>(value >> 16),
            static_cast<unsigned char>(value >> 8), static_cast<unsigned char>(value)};
}

std::vector<unsigned char> idx_images(std::uint32_t count, std::uint32_t rows,
                                      std::uint32_t columns, std::uint32_t magic = 0x00000803) {
    std::vector<unsigned char> bytes;
    for (std::uint32_t word : {magic, count, rows, columns}) {
        const auto b = big_endian(word);
        bytes.insert(bytes.end(), b.begin(), b.end());
    }
    // Pixel value = (image * 7 + pixel) mod 256: every value is predictable.
    for (std::uint32_t image = 0; image < count; ++image)
        for (std::uint32_t p = 0; p < rows * columns; ++p)
            bytes.push_back(static_cast<unsigned char>((image * 7 + p) % 256));
    return bytes;
}

std::vector<unsigned char> idx_labels(const std::vector<int>& labels,
                                      std::uint32_t magic = 0x00000801) {
    std::vector<unsigned char> bytes;
    for (std::uint32_t word : {magic, static_cast<std::uint32_t>(labels.size())}) {
        const auto b = big_endian(word);
        bytes.insert(bytes.end(), b.begin(), b.end());
    }
    for (int label : labels) bytes.push_back(static_cast<unsigned char>(label));
    return bytes;
}

class IdxFiles : public ::testing::Test {
  protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        directory_ = fs::temp_directory_path() /
                     (std::string("moelab_idx_") + info->name() + "_" + std::to_string(::getpid()));
        fs::create_directories(directory_);
    }
    void TearDown() override {
        std::error_code ignored;
        fs::remove_all(directory_, ignored);
    }

    std::string write_gz(const std::string& name, const std::vector<unsigned char>& bytes) {
        const std::string path = (directory_ / name).string();
        gzFile file = gzopen(path.c_str(), "wb");
        EXPECT_NE(file, nullptr);
        if (!bytes.empty()) {
            EXPECT_EQ(gzwrite(file, bytes.data(), static_cast<unsigned>(bytes.size())),
                      static_cast<int>(bytes.size()));
        }
        gzclose(file);
        return path;
    }

    std::string write_plain(const std::string& name, const std::vector<unsigned char>& bytes) {
        const std::string path = (directory_ / name).string();
        std::ofstream(path, std::ios::binary)
            .write(reinterpret_cast<const char*>(bytes.data()),
                   static_cast<std::streamsize>(bytes.size()));
        return path;
    }

    // A miniature Fashion-MNIST: 28 x 28 images, 6 training and 4 test cases.
    void write_miniature() {
        write_gz("train-images-idx3-ubyte.gz", idx_images(6, 28, 28));
        write_gz("train-labels-idx1-ubyte.gz", idx_labels({9, 0, 0, 3, 0, 2}));
        write_gz("t10k-images-idx3-ubyte.gz", idx_images(4, 28, 28));
        write_gz("t10k-labels-idx1-ubyte.gz", idx_labels({9, 2, 1, 1}));
    }

    fs::path directory_;
};

std::string error_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const DatasetError& error) {
        return error.what();
    }
    return "";
}

#define EXPECT_CONTAINS(haystack, needle) \
    EXPECT_NE(std::string(haystack).find(needle), std::string::npos) << (haystack)

TEST_F(IdxFiles, ReadsImagesScaledToUnitRange) {
    const std::string path = write_gz("images.gz", idx_images(3, 2, 3));
    const Eigen::MatrixXf images = read_idx_images(path);
    ASSERT_EQ(images.rows(), 3);
    ASSERT_EQ(images.cols(), 6);
    for (int image = 0; image < 3; ++image)
        for (int p = 0; p < 6; ++p)
            EXPECT_FLOAT_EQ(images(image, p), static_cast<float>((image * 7 + p) % 256) / 255.0f);
    const Eigen::MatrixXf first_two = read_idx_images(path, 2);
    EXPECT_EQ(first_two.rows(), 2);
    EXPECT_EQ(first_two, images.topRows(2));
    EXPECT_EQ(read_idx_images(path, 100).rows(), 3);  // asking for more than there is
}

TEST_F(IdxFiles, ReadsLabels) {
    const std::string path = write_gz("labels.gz", idx_labels({3, 1, 4, 1, 5, 9}));
    EXPECT_EQ(read_idx_labels(path), (std::vector<int>{3, 1, 4, 1, 5, 9}));
    EXPECT_EQ(read_idx_labels(path, 2), (std::vector<int>{3, 1}));
}

TEST_F(IdxFiles, ReadsUncompressedFilesToo) {
    const std::string path = write_plain("labels", idx_labels({2, 7}));
    EXPECT_EQ(read_idx_labels(path), (std::vector<int>{2, 7}));
}

TEST_F(IdxFiles, MissingFileNamesIt) {
    const std::string path = (directory_ / "absent.gz").string();
    const std::string message = error_of([&] { read_idx_images(path); });
    EXPECT_CONTAINS(message, path);
    EXPECT_CONTAINS(message, "dataset-fashion-mnist");
    EXPECT_CONTAINS(error_of([&] { read_idx_labels(path); }), path);
}

TEST_F(IdxFiles, BadMagicNumberNamesTheFile) {
    const std::string images = write_gz("images.gz", idx_images(2, 2, 2, 0x00000801));
    std::string message = error_of([&] { read_idx_images(images); });
    EXPECT_CONTAINS(message, images);
    EXPECT_CONTAINS(message, "magic");
    EXPECT_CONTAINS(message, "0x00000801");

    const std::string labels = write_gz("labels.gz", idx_labels({1, 2}, 0x00000803));
    message = error_of([&] { read_idx_labels(labels); });
    EXPECT_CONTAINS(message, labels);
    EXPECT_CONTAINS(message, "magic");

    // A file that is not IDX at all (here: text) fails on the magic number too.
    const std::string text = write_plain("text.gz", {'h', 'e', 'l', 'l', 'o', '!', '!', '!'});
    EXPECT_CONTAINS(error_of([&] { read_idx_labels(text); }), "magic");
}

TEST_F(IdxFiles, TruncatedFileNamesTheFile) {
    std::vector<unsigned char> images = idx_images(4, 3, 3);
    images.resize(images.size() - 5);
    const std::string images_path = write_gz("images.gz", images);
    std::string message = error_of([&] { read_idx_images(images_path); });
    EXPECT_CONTAINS(message, images_path);
    EXPECT_CONTAINS(message, "truncated");
    // The first three images are complete, so asking only for them works.
    EXPECT_EQ(read_idx_images(images_path, 3).rows(), 3);

    std::vector<unsigned char> labels = idx_labels({1, 2, 3});
    labels.pop_back();
    const std::string labels_path = write_gz("labels.gz", labels);
    EXPECT_CONTAINS(error_of([&] { read_idx_labels(labels_path); }), "truncated");

    // Cut inside the header.
    const std::string header_only = write_gz("header.gz", {0, 0, 8, 3, 0, 0});
    message = error_of([&] { read_idx_images(header_only); });
    EXPECT_CONTAINS(message, header_only);
    EXPECT_CONTAINS(message, "truncated");

    const std::string empty = write_gz("empty.gz", {});
    EXPECT_CONTAINS(error_of([&] { read_idx_labels(empty); }), "truncated");
}

TEST_F(IdxFiles, DamagedGzipNamesTheFile) {
    const std::string good = write_gz("images.gz", idx_images(50, 28, 28));
    std::vector<char> bytes;
    {
        std::ifstream in(good, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    // Keep the gzip header, scramble the deflate stream after it.
    for (std::size_t i = 20; i < bytes.size(); i += 3)
        bytes[i] = static_cast<char>(bytes[i] ^ 0x5A);
    const std::string damaged =
        write_plain("damaged.gz", std::vector<unsigned char>(bytes.begin(), bytes.end()));
    const std::string message = error_of([&] { read_idx_images(damaged); });
    EXPECT_CONTAINS(message, damaged);
}

TEST_F(IdxFiles, MiniatureDatasetHasTheOfficialSplit) {
    write_miniature();
    const Dataset d = load_fashion_mnist(directory_.string());
    ASSERT_EQ(d.size(), 10);
    EXPECT_EQ(d.dimensions(), 784);
    EXPECT_EQ(d.classes(), 10);
    EXPECT_EQ(d.class_names.front(), "T-shirt/top");
    EXPECT_EQ(d.class_names.back(), "Ankle boot");
    EXPECT_EQ(d.feature_names.front(), "px0");
    EXPECT_EQ(d.feature_names.back(), "px783");
    EXPECT_EQ(d.labels, (std::vector<int>{9, 0, 0, 3, 0, 2, 9, 2, 1, 1}));
    EXPECT_EQ(d.is_test, (std::vector<bool>{false, false, false, false, false, false, true, true,
                                            true, true}));
    EXPECT_DOUBLE_EQ(d.features(7, 5), static_cast<float>((1 * 7 + 5) % 256) / 255.0f);

    const Dataset limited = load_fashion_mnist(directory_.string(), 4);
    EXPECT_EQ(limited.size(), 8);
    EXPECT_EQ(std::count(limited.is_test.begin(), limited.is_test.end(), true), 4);

    // Through the registry: the size limits the training cases, the split stays.
    ::setenv("MOELAB_FASHION_MNIST_DIR", directory_.c_str(), 1);
    DatasetConfig config;
    config.name = "fashion-mnist";
    config.cases = 5;
    const Dataset registered = load_dataset(config);
    ::unsetenv("MOELAB_FASHION_MNIST_DIR");
    EXPECT_EQ(registered.size(), 9);
    EXPECT_EQ(std::count(registered.is_test.begin(), registered.is_test.end(), true), 4);
    EXPECT_EQ(make_split(registered).train_index.size(), 5u);
}

TEST_F(IdxFiles, MismatchedCountsAndBadLabelsAreErrors) {
    write_miniature();
    write_gz("t10k-labels-idx1-ubyte.gz", idx_labels({9, 2, 1}));
    std::string message = error_of([&] { load_fashion_mnist(directory_.string()); });
    EXPECT_CONTAINS(message, "t10k-labels-idx1-ubyte.gz");
    EXPECT_CONTAINS(message, "3 labels");

    write_gz("t10k-labels-idx1-ubyte.gz", idx_labels({9, 2, 12, 1}));
    message = error_of([&] { load_fashion_mnist(directory_.string()); });
    EXPECT_CONTAINS(message, "label 12");

    write_gz("t10k-labels-idx1-ubyte.gz", idx_labels({9, 2, 1, 1}));
    write_gz("t10k-images-idx3-ubyte.gz", idx_images(4, 10, 10));
    EXPECT_CONTAINS(error_of([&] { load_fashion_mnist(directory_.string()); }), "28 x 28");

    fs::remove(directory_ / "train-labels-idx1-ubyte.gz");
    EXPECT_CONTAINS(error_of([&] { load_fashion_mnist(directory_.string()); }),
                    "train-labels-idx1-ubyte.gz");
}

// ---- the real files --------------------------------------------------------------------------

bool real_files_present() {
    return fs::exists(std::string(kFashionMnistDirectory) + "/t10k-labels-idx1-ubyte.gz");
}

TEST(FashionMnistFiles, RealLabelsAreBalanced) {
    ASSERT_TRUE(real_files_present())
        << "dataset-fashion-mnist is not installed (scripts/setup.sh installs it)";
    const std::string directory = kFashionMnistDirectory;
    const std::vector<int> train = read_idx_labels(directory + "/train-labels-idx1-ubyte.gz");
    const std::vector<int> test = read_idx_labels(directory + "/t10k-labels-idx1-ubyte.gz");
    ASSERT_EQ(train.size(), 60000u);
    ASSERT_EQ(test.size(), 10000u);
    std::map<int, int> train_counts, test_counts;
    for (int label : train) ++train_counts[label];
    for (int label : test) ++test_counts[label];
    for (int label = 0; label < 10; ++label) {
        EXPECT_EQ(train_counts[label], 6000) << label;
        EXPECT_EQ(test_counts[label], 1000) << label;
    }
    // The first image of each file is an ankle boot.
    EXPECT_EQ(train.front(), 9);
    EXPECT_EQ(test.front(), 9);
}

TEST(FashionMnistFiles, RealTestImages) {
    ASSERT_TRUE(real_files_present())
        << "dataset-fashion-mnist is not installed (scripts/setup.sh installs it)";
    const Eigen::MatrixXf images =
        read_idx_images(std::string(kFashionMnistDirectory) + "/t10k-images-idx3-ubyte.gz");
    ASSERT_EQ(images.rows(), 10000);
    ASSERT_EQ(images.cols(), 784);
    EXPECT_GE(images.minCoeff(), 0.0f);
    EXPECT_LE(images.maxCoeff(), 1.0f);
    EXPECT_EQ(images.maxCoeff(), 1.0f);
    // Clothes sit in the middle of a dark frame.
    EXPECT_GT(images.col(14 * 28 + 14).mean(), images.col(0).mean());
}

TEST(FashionMnistFiles, RealDatasetThroughTheRegistry) {
    ASSERT_TRUE(real_files_present())
        << "dataset-fashion-mnist is not installed (scripts/setup.sh installs it)";
    DatasetConfig config;
    config.name = "fashion-mnist";
    config.cases = 1000;
    const Dataset d = load_dataset(config);
    ASSERT_EQ(d.size(), 11000);
    EXPECT_EQ(d.dimensions(), 784);
    EXPECT_EQ(std::count(d.is_test.begin(), d.is_test.end(), true), 10000);
    const Split split = make_split(d);
    EXPECT_EQ(split.train_index.size(), 1000u);
    EXPECT_EQ(split.test_index.size(), 10000u);
    EXPECT_TRUE(split.standardization.mean.allFinite());
    EXPECT_TRUE((split.standardization.std.array() > 0).all());
}

}  // namespace
}  // namespace moelab
