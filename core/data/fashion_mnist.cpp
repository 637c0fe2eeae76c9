#include "data/fashion_mnist.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <limits>
#include <system_error>

#include "errors.h"

namespace moelab {

namespace {

constexpr std::uint32_t kImageMagic = 0x00000803;  // unsigned bytes, 3 dimensions
constexpr std::uint32_t kLabelMagic = 0x00000801;  // unsigned bytes, 1 dimension

// gzread reads plain files too, so an uncompressed IDX file also works.
class GzipReader {
  public:
    explicit GzipReader(const std::string& path) : path_(path) {
        std::error_code error;
        if (!std::filesystem::is_regular_file(path, error))
            throw DatasetError("Cannot open " + path + ": no such file." + install_hint());
        handle_ = gzopen(path.c_str(), "rb");
        if (handle_ == nullptr)
            throw DatasetError("Cannot open " + path + ": " + std::strerror(errno) + ".");
        gzbuffer(handle_, 1u << 17);
    }
    GzipReader(const GzipReader&) = delete;
    GzipReader& operator=(const GzipReader&) = delete;
    ~GzipReader() { gzclose(handle_); }

    void read_exactly(unsigned char* buffer, std::size_t count) {
        while (count > 0) {
            const auto chunk = static_cast<unsigned>(std::min<std::size_t>(count, 1u << 20));
            const int got = gzread(handle_, buffer, chunk);
            if (got < 0) {
                int code = 0;
                const char* message = gzerror(handle_, &code);
                throw DatasetError(path_ + " is damaged: " + (message ? message : "read error") +
                                   ".");
            }
            if (got == 0)
                throw DatasetError(path_ +
                                   " is truncated: it ends before the data its header announces.");
            buffer += got;
            count -= static_cast<std::size_t>(got);
        }
    }

    // Grows the buffer as data arrives, so a damaged header announcing billions of cases fails as
    // "truncated" instead of allocating memory the file cannot fill.
    std::vector<unsigned char> read_bytes(std::size_t count) {
        std::vector<unsigned char> bytes;
        constexpr std::size_t step = std::size_t{1} << 24;
        for (std::size_t done = 0; done < count;) {
            const std::size_t now = std::min(step, count - done);
            bytes.resize(done + now);
            read_exactly(bytes.data() + done, now);
            done += now;
        }
        return bytes;
    }

    std::uint32_t read_big_endian() {
        std::array<unsigned char, 4> bytes{};
        read_exactly(bytes.data(), bytes.size());
        return (std::uint32_t{bytes[0]} << 24) | (std::uint32_t{bytes[1]} << 16) |
               (std::uint32_t{bytes[2]} << 8) | std::uint32_t{bytes[3]};
    }

    void expect_magic(std::uint32_t expected, const char* kind) {
        const std::uint32_t magic = read_big_endian();
        if (magic != expected) {
            char text[64];
            std::snprintf(text, sizeof text, "0x%08X (expected 0x%08X)", magic, expected);
            throw DatasetError(path_ + " is not an IDX " + kind + " file: its magic number is " +
                               text + ".");
        }
    }

    const std::string& path() const { return path_; }

  private:
    static std::string install_hint() {
        return " Fashion-MNIST comes from the Debian package dataset-fashion-mnist "
               "(scripts/setup.sh "
               "installs it), or set MOELAB_FASHION_MNIST_DIR to a folder holding the four IDX "
               "files.";
    }

    std::string path_;
    gzFile handle_ = nullptr;
};

long cases_to_read(std::uint32_t in_file, long wanted) {
    return wanted < 0 ? static_cast<long>(in_file) : std::min<long>(wanted, in_file);
}

}  // namespace

std::string fashion_mnist_directory() {
    const char* override_directory = std::getenv("MOELAB_FASHION_MNIST_DIR");
    return override_directory != nullptr && *override_directory != '\0' ? override_directory
                                                                        : kFashionMnistDirectory;
}

FeatureMatrix read_idx_images(const std::string& path, long max_images) {
    GzipReader file(path);
    file.expect_magic(kImageMagic, "image");
    const std::uint32_t count = file.read_big_endian();
    const std::uint32_t rows = file.read_big_endian();
    const std::uint32_t columns = file.read_big_endian();
    // A damaged header could announce terabytes; real IDX images are small.
    if (rows == 0 || columns == 0 || rows > 4096 || columns > 4096)
        throw DatasetError(path + " announces images of " + std::to_string(rows) + " x " +
                           std::to_string(columns) + " pixels; expected between 1 and 4096 each.");
    const long images = cases_to_read(count, max_images);
    const std::size_t pixels = std::size_t{rows} * columns;

    const std::vector<unsigned char> bytes =
        file.read_bytes(static_cast<std::size_t>(images) * pixels);
    // Converted as a row-major map: rows are images, contiguous in the file.
    using Bytes = Eigen::Matrix<unsigned char, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    const Eigen::Map<const Bytes> raw(bytes.data(), images, static_cast<Eigen::Index>(pixels));
    FeatureMatrix result = raw.cast<float>() / 255.0f;
    return result;
}

std::vector<int> read_idx_labels(const std::string& path, long max_labels) {
    GzipReader file(path);
    file.expect_magic(kLabelMagic, "label");
    const std::uint32_t count = file.read_big_endian();
    const long labels = cases_to_read(count, max_labels);
    const std::vector<unsigned char> bytes = file.read_bytes(static_cast<std::size_t>(labels));
    return {bytes.begin(), bytes.end()};
}

const std::vector<std::string>& fashion_mnist_class_names() {
    static const std::vector<std::string> names{"T-shirt/top", "Trouser",   "Pullover", "Dress",
                                                "Coat",        "Sandal",    "Shirt",    "Sneaker",
                                                "Bag",         "Ankle boot"};
    return names;
}

Dataset load_fashion_mnist(const std::string& directory, long max_train_cases) {
    if (max_train_cases < 1)
        throw DatasetError("Fashion-MNIST needs at least 1 training case, got " +
                           std::to_string(max_train_cases) + ".");
    const std::string prefix = directory + "/";
    FeatureMatrix train_images =
        read_idx_images(prefix + "train-images-idx3-ubyte.gz", max_train_cases);
    const std::vector<int> train_labels =
        read_idx_labels(prefix + "train-labels-idx1-ubyte.gz", max_train_cases);
    FeatureMatrix test_images = read_idx_images(prefix + "t10k-images-idx3-ubyte.gz");
    const std::vector<int> test_labels = read_idx_labels(prefix + "t10k-labels-idx1-ubyte.gz");

    const auto check = [&](const FeatureMatrix& images, const std::vector<int>& labels,
                           const std::string& images_file, const std::string& labels_file) {
        if (images.cols() != 784)
            throw DatasetError(prefix + images_file + " holds images of " +
                               std::to_string(images.cols()) +
                               " pixels; Fashion-MNIST has 28 x 28.");
        if (static_cast<std::size_t>(images.rows()) != labels.size())
            throw DatasetError(prefix + images_file + " holds " + std::to_string(images.rows()) +
                               " images but " + prefix + labels_file + " holds " +
                               std::to_string(labels.size()) + " labels.");
        const auto bad = std::find_if(labels.begin(), labels.end(),
                                      [](int label) { return label < 0 || label > 9; });
        if (bad != labels.end())
            throw DatasetError(prefix + labels_file + " holds the label " + std::to_string(*bad) +
                               " at position " + std::to_string(bad - labels.begin()) +
                               "; Fashion-MNIST labels are 0 to 9.");
    };
    check(train_images, train_labels, "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz");
    check(test_images, test_labels, "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

    const Eigen::Index train_count = train_images.rows();
    const Eigen::Index test_count = test_images.rows();
    Dataset dataset;
    dataset.name = "fashion-mnist";
    dataset.description = "Fashion-MNIST: 28 x 28 grey images of clothing in 10 classes (" +
                          std::to_string(train_count) + " training, " + std::to_string(test_count) +
                          " test images).";
    // One matrix of all 70000 images; the training images' buffer is grown in place where the
    // allocator can, and each part is freed as soon as it is copied, so loading peaks near the
    // final size rather than at twice it.
    dataset.features = std::move(train_images);
    dataset.features.conservativeResize(train_count + test_count, Eigen::NoChange);
    dataset.features.bottomRows(test_count) = test_images;
    test_images.resize(0, 0);
    dataset.labels = train_labels;
    dataset.labels.insert(dataset.labels.end(), test_labels.begin(), test_labels.end());
    dataset.class_names = fashion_mnist_class_names();
    dataset.feature_names.reserve(784);
    for (int p = 0; p < 784; ++p) dataset.feature_names.push_back("px" + std::to_string(p));
    dataset.groups.assign(static_cast<std::size_t>(train_count), 0);
    dataset.groups.resize(static_cast<std::size_t>(train_count + test_count), 1);
    dataset.is_test.assign(static_cast<std::size_t>(train_count), false);
    dataset.is_test.resize(static_cast<std::size_t>(train_count + test_count), true);
    return dataset;
}

}  // namespace moelab
