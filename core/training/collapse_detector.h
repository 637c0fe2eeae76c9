#pragma once
// A training can fail without any NaN: with a learning rate far too large (moelab-cli train
// --dataset vowels --lr 900000 --optimizer momentum --hidden 8) the first steps throw the weights
// to ~1e5, every tanh and softmax saturates, and the outputs become exact one-hot vectors in
// float. Their Jacobian diag(y) - y y^T is then exactly zero, so no gradient flows: the loss stays
// put (at 1.0 for eq. 1 when every output is a wrong one-hot vector: 1/2 (1^2 + 1^2)) and the
// accuracy stays where the jump left it, 0 % in that example.
//
// The trainer tells this detector the weights at the start of every epoch and the loss at its
// end. When the loss has stopped moving for kFrozenEpochs epochs, the trainer evaluates once, and
// the training has collapsed if the frozen loss is well above the lowest it reached, or the
// training accuracy is below half the chance rate (1/classes). The trainer then restores the
// weights of the lowest loss and throws DivergenceError. The NaN and overflow checks of the engine
// cover the other way a training diverges; both reach the caller as DivergenceError, the one place
// a program handles divergence.
#include <deque>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace moelab {

class CollapseDetector {
  public:
    // The loss counts as frozen when the last kFrozenEpochs epoch losses all lie within
    // kFrozenTolerance (relative) of the latest; it is stuck when it is more than kStuckRatio
    // times the lowest epoch loss before.
    static constexpr int kFrozenEpochs = 5;
    static constexpr double kFrozenTolerance = 1e-7;
    static constexpr double kStuckRatio = 1.1;

    // A fresh start from `parameters` at `epoch` (a new model, restored or set weights).
    void start(std::vector<double> parameters, long epoch);
    // Before the first step of epoch `epoch` + 1: the weights that epoch's loss describes (with a
    // full batch exactly; with mini-batches, its start).
    void before_epoch(const std::vector<double>& parameters, long epoch);
    // After every epoch, with its loss and its (1-based) number: true once per frozen stretch (the
    // caller then evaluates the model and calls verdict); false while the loss moves or after the
    // stretch was judged. The detector keeps what it needs itself (the last kFrozenEpochs losses
    // and the lowest), so the history may thin its own copy.
    bool loss_frozen(double epoch_loss, long epoch);
    // The message when the frozen training has collapsed, given its training accuracy; nothing if
    // it is a healthy plateau (or no loss was seen since the start).
    std::optional<std::string> verdict(double train_accuracy, int classes,
                                       const std::string& optimizer) const;

    // The weights of the lowest epoch loss so far, and the epoch whose end they are.
    const std::vector<double>& good_parameters() const { return good_parameters_; }
    long good_epoch() const { return good_epoch_; }

    // Below half the chance rate: no training that is learning ends up there.
    static bool below_chance(double train_accuracy, int classes);

  private:
    bool judged_ = false;  // this frozen stretch has been evaluated already
    std::vector<double> epoch_start_parameters_, good_parameters_;
    long epoch_start_ = 0, good_epoch_ = 0;
    double lowest_loss_ = std::numeric_limits<double>::infinity();
    long lowest_loss_epoch_ = 0;  // 1-based epoch of lowest_loss_
    std::deque<double> recent_;   // the last kFrozenEpochs epoch losses, oldest first
    long latest_epoch_ = 0;       // 1-based epoch of recent_.back()
};

}  // namespace moelab
