#pragma once
// Fashion-MNIST (Xiao, Rasul & Vollgraf 2017): 28 x 28 grey images of clothing in 10 classes, read
// from the gzipped IDX files of the Debian package dataset-fashion-mnist.
#include <Eigen/Core>
#include <string>
#include <vector>

#include "data/dataset.h"

namespace moelab {

// Where the Debian package installs the four files.
inline constexpr const char* kFashionMnistDirectory = "/usr/share/datasets/fashion-mnist";

// kFashionMnistDirectory, unless the environment variable MOELAB_FASHION_MNIST_DIR names another.
std::string fashion_mnist_directory();

// Reads an IDX image file (magic 0x00000803, gzipped or not): one row per image (contiguous), one
// column per pixel in row-major order, values pixel / 255 in [0, 1]. With max_images >= 0 reads
// only the first max_images. Throws DatasetError naming the file when it is missing, has a bad
// magic number or ends early.
FeatureMatrix read_idx_images(const std::string& path, long max_images = -1);

// Reads an IDX label file (magic 0x00000801). Same errors.
std::vector<int> read_idx_labels(const std::string& path, long max_labels = -1);

// The ten class names, in label order: "T-shirt/top" ... "Ankle boot".
const std::vector<std::string>& fashion_mnist_class_names();

// Train = the first min(max_train_cases, 60000) images of train-*, in file order; test = all 10000
// of t10k-*. Features "px0".."px783" (row-major pixels, pixel / 255). The official split is
// assigned (is_test), and groups holds 0 for a training file row and 1 for a t10k row, so
// assign_split keeps it. Throws DatasetError naming a missing or damaged file.
Dataset load_fashion_mnist(const std::string& directory, long max_train_cases = 60000);

}  // namespace moelab
