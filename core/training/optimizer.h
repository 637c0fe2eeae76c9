#pragma once
// Optimizers over the model's flat parameter vector.
#include <Eigen/Core>
#include <memory>

#include "training/config.h"

namespace moelab {

class Optimizer {
  public:
    virtual ~Optimizer() = default;
    // One update of `parameters` from `gradient` (same layout) at learning rate `rate`.
    virtual void step(Eigen::VectorXd& parameters, const Eigen::VectorXd& gradient,
                      double rate) = 0;
    // Forgets accumulated state (momentum, moments); called after a rollback or a reset.
    virtual void reset() = 0;
    virtual std::unique_ptr<Optimizer> clone() const = 0;
};

// Builds the optimizer the config names, with its hyper-parameters.
std::unique_ptr<Optimizer> make_optimizer(const Config& config);

// w <- w - rate * g
class SgdOptimizer final : public Optimizer {
  public:
    void step(Eigen::VectorXd& w, const Eigen::VectorXd& g, double rate) override;
    void reset() override {}
    std::unique_ptr<Optimizer> clone() const override {
        return std::make_unique<SgdOptimizer>(*this);
    }
};

// v <- mu v + g; w <- w - rate * v  (heavy ball)
class MomentumOptimizer final : public Optimizer {
  public:
    explicit MomentumOptimizer(double momentum) : momentum_(momentum) {}
    void step(Eigen::VectorXd& w, const Eigen::VectorXd& g, double rate) override;
    void reset() override { velocity_.resize(0); }
    std::unique_ptr<Optimizer> clone() const override {
        return std::make_unique<MomentumOptimizer>(*this);
    }

  private:
    double momentum_;
    Eigen::VectorXd velocity_;
};

// Kingma & Ba (2015), with bias correction.
class AdamOptimizer final : public Optimizer {
  public:
    AdamOptimizer(double beta1, double beta2, double epsilon)
        : beta1_(beta1), beta2_(beta2), epsilon_(epsilon) {}
    void step(Eigen::VectorXd& w, const Eigen::VectorXd& g, double rate) override;
    void reset() override {
        m_.resize(0);
        v_.resize(0);
        t_ = 0;
    }
    std::unique_ptr<Optimizer> clone() const override {
        return std::make_unique<AdamOptimizer>(*this);
    }

  private:
    double beta1_, beta2_, epsilon_;
    Eigen::VectorXd m_, v_;
    long t_ = 0;
};

// FTRL-proximal (McMahan et al. 2013) per coordinate, with L1 and L2; `rate` is alpha. The
// accumulators start so that the initial weights are the first iterate (not zero), which keeps
// the random symmetry breaking of the experts.
class FtrlOptimizer final : public Optimizer {
  public:
    FtrlOptimizer(double beta, double l1, double l2) : beta_(beta), l1_(l1), l2_(l2) {}
    void step(Eigen::VectorXd& w, const Eigen::VectorXd& g, double rate) override;
    void reset() override {
        z_.resize(0);
        n_.resize(0);
    }
    std::unique_ptr<Optimizer> clone() const override {
        return std::make_unique<FtrlOptimizer>(*this);
    }

  private:
    double beta_, l1_, l2_;
    Eigen::VectorXd z_, n_;
};

}  // namespace moelab
