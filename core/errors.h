#pragma once
// Typed errors the core reports. Callers show what() to people, so messages are complete sentences.
#include <stdexcept>
#include <string>

namespace moelab {

// Bad or unreadable data: names the file, line and column where it can.
class DatasetError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// A configuration value out of range or an unknown name.
class ConfigError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// A model file that does not follow the moelab-model schema.
class ModelFormatError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Training produced NaN or Inf. The step was rolled back; the model holds the last good weights.
class DivergenceError : public std::runtime_error {
  public:
    DivergenceError(const std::string& message, long epoch)
        : std::runtime_error(message), epoch_(epoch) {}
    long epoch() const { return epoch_; }

  private:
    long epoch_;
};

}  // namespace moelab
