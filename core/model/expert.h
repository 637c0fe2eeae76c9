#pragma once
// One expert: a feed-forward network from the input to one logit per class (its output o_i is the
// softmax of those). It owns its slice of the parameters; its last hidden layer stays reachable
// in its activations, so a gate may read it.
#include "model/dense_network.h"

namespace moelab {

class Expert {
  public:
    Expert(int inputs, std::vector<int> hidden, int classes)
        : network_(inputs, std::move(hidden), classes) {}

    const DenseNetwork& network() const { return network_; }
    DenseNetwork& network() { return network_; }
    const std::vector<int>& hidden() const { return network_.hidden(); }
    int input_rows() const { return network_.input_rows(); }
    const std::vector<DenseSlice>& layers() const { return network_.layers(); }

  private:
    DenseNetwork network_;
};

}  // namespace moelab
