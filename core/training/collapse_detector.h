#pragma once
// A training can fail without any NaN: with a learning rate far too large (moelab-cli train
// --dataset vowels --lr 900000 --optimizer momentum --hidden 8) the first steps throw the weights
// to ~1e5, every tanh and softmax saturates, and the outputs become exact one-hot vectors in
// float. Their Jacobian diag(y) - y y^T is then exactly zero, so no gradient flows: the loss stays
// put (at 1.0 for eq. 1 when every output is a wrong one-hot vector: 1/2 (1^2 + 1^2)) and the
// accuracy stays where the jump left it, 0 % in that example.
//
// The trainer asks this detector after every epoch whether the loss has stopped moving; only then
// does it evaluate, and a training accuracy below half the chance rate (1/classes) is a collapse:
// it restores the last weights whose accuracy was at least that (or the starting weights) and
// throws DivergenceError. The NaN and overflow checks of the engine cover the other way a
// training diverges; both reach the caller as DivergenceError, the one place a program handles
// divergence.
#include <string>
#include <vector>

namespace moelab {

class CollapseDetector {
  public:
    // The loss counts as frozen when the last kFrozenEpochs epoch losses all lie within
    // kFrozenTolerance (relative) of the latest.
    static constexpr int kFrozenEpochs = 5;
    static constexpr double kFrozenTolerance = 1e-7;

    // After every epoch, with the epoch losses so far: true once per frozen stretch (the caller
    // then evaluates the model); false while the loss moves or after the stretch was judged.
    bool loss_frozen(const std::vector<double>& epoch_loss);
    void reset() { judged_ = false; }

    // Below half the chance rate: no training that is learning ends up there.
    static bool collapsed(double train_accuracy, int classes);

    // "Training collapsed at epoch 6: ..., what was restored, what to try."
    static std::string describe(long epoch, double train_accuracy, int classes, double loss,
                                long restored_epoch, const std::string& optimizer);

  private:
    bool judged_ = false;  // this frozen stretch has been evaluated already
};

}  // namespace moelab
