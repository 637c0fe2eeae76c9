#include "training/optimizer.h"

#include <cmath>

namespace moelab {

std::unique_ptr<Optimizer> make_optimizer(const Config& config) {
    switch (config.optimizer) {
        case OptimizerType::Sgd:
            return std::make_unique<SgdOptimizer>();
        case OptimizerType::Momentum:
            return std::make_unique<MomentumOptimizer>(config.momentum);
        case OptimizerType::Adam:
            return std::make_unique<AdamOptimizer>(config.adam_beta1, config.adam_beta2,
                                                   config.adam_epsilon);
        case OptimizerType::Ftrl:
            return std::make_unique<FtrlOptimizer>(config.ftrl_beta, config.ftrl_l1,
                                                   config.ftrl_l2);
    }
    return std::make_unique<SgdOptimizer>();
}

void SgdOptimizer::step(Eigen::VectorXd& w, const Eigen::VectorXd& g, double rate) {
    w.noalias() -= rate * g;
}

void MomentumOptimizer::step(Eigen::VectorXd& w, const Eigen::VectorXd& g, double rate) {
    if (velocity_.size() != w.size()) velocity_ = Eigen::VectorXd::Zero(w.size());
    velocity_ = momentum_ * velocity_ + g;
    w.noalias() -= rate * velocity_;
}

void AdamOptimizer::step(Eigen::VectorXd& w, const Eigen::VectorXd& g, double rate) {
    if (m_.size() != w.size()) {
        m_ = Eigen::VectorXd::Zero(w.size());
        v_ = Eigen::VectorXd::Zero(w.size());
        t_ = 0;
    }
    ++t_;
    m_ = beta1_ * m_ + (1.0 - beta1_) * g;
    v_ = beta2_ * v_ + (1.0 - beta2_) * g.cwiseProduct(g);
    const double correction1 = 1.0 - std::pow(beta1_, double(t_));
    const double correction2 = 1.0 - std::pow(beta2_, double(t_));
    w.array() -= rate * (m_.array() / correction1) / ((v_.array() / correction2).sqrt() + epsilon_);
}

void FtrlOptimizer::step(Eigen::VectorXd& w, const Eigen::VectorXd& g, double rate) {
    const double alpha = rate;
    if (z_.size() != w.size()) {
        // With n = 0 the closed form gives w = -(z - sign(z) l1) / (beta/alpha + l2): solve for z.
        n_ = Eigen::VectorXd::Zero(w.size());
        z_.resize(w.size());
        for (Eigen::Index j = 0; j < w.size(); ++j) {
            const double sign = w[j] > 0 ? 1.0 : (w[j] < 0 ? -1.0 : 0.0);
            z_[j] = -w[j] * (beta_ / alpha + l2_) - sign * l1_;
        }
    }
    for (Eigen::Index j = 0; j < w.size(); ++j) {
        const double gj = g[j];
        const double n_new = n_[j] + gj * gj;
        const double sigma = (std::sqrt(n_new) - std::sqrt(n_[j])) / alpha;
        z_[j] += gj - sigma * w[j];
        n_[j] = n_new;
        if (std::abs(z_[j]) <= l1_) {
            w[j] = 0.0;
        } else {
            const double sign = z_[j] > 0 ? 1.0 : -1.0;
            w[j] = -(z_[j] - sign * l1_) / ((beta_ + std::sqrt(n_[j])) / alpha + l2_);
        }
    }
}

}  // namespace moelab
