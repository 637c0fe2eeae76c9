#include "training/optimizer.h"

#include <cmath>

#include "errors.h"

namespace moelab {

namespace {

template <typename Scalar>
std::vector<double> to_doubles(const Vector<Scalar>& v) {
    return std::vector<double>(v.data(), v.data() + v.size());
}

template <typename Scalar>
Vector<Scalar> from_doubles(const std::vector<double>& values) {
    return Eigen::Map<const Eigen::VectorXd>(values.data(), Eigen::Index(values.size()))
        .template cast<Scalar>();
}

// Reads the named vectors of a saved state into `targets`, checking kind and names.
template <typename Scalar>
void restore_vectors(const OptimizerState& state, OptimizerType type,
                     std::initializer_list<std::pair<const char*, Vector<Scalar>*>> targets) {
    if (state.type != type)
        throw ConfigError("The saved optimizer state is of " + std::string(to_string(state.type)) +
                          ", not of " + std::string(to_string(type)) + ".");
    if (state.vectors.size() != targets.size())
        throw ConfigError("The saved " + std::string(to_string(type)) +
                          " state has the wrong number of vectors.");
    size_t k = 0;
    for (const auto& [name, target] : targets) {
        if (state.vectors[k].first != name)
            throw ConfigError("The saved " + std::string(to_string(type)) + " state lacks '" +
                              name + "'.");
        *target = from_doubles<Scalar>(state.vectors[k].second);
        ++k;
    }
}

// w <- w - rate * g
template <typename Scalar>
class Sgd final : public Optimizer<Scalar> {
  public:
    OptimizerType type() const override { return OptimizerType::Sgd; }
    void begin_step(const Vector<Scalar>&, Scalar) override {}
    void update(const Vector<Scalar>& w, const Vector<Scalar>& g, Scalar rate, Vector<Scalar>& out,
                Eigen::Index begin, Eigen::Index end) override {
        const Eigen::Index n = end - begin;
        out.segment(begin, n) = w.segment(begin, n) - rate * g.segment(begin, n);
    }
    void reset() override {}
    OptimizerState state() const override { return {OptimizerType::Sgd, 0, {}}; }
    void restore(const OptimizerState& state) override {
        restore_vectors<Scalar>(state, OptimizerType::Sgd, {});
    }
};

// Heavy ball: v <- mu v + g; w <- w - rate * v.
template <typename Scalar>
class Momentum final : public Optimizer<Scalar> {
  public:
    explicit Momentum(double momentum) : momentum_(Scalar(momentum)) {}
    OptimizerType type() const override { return OptimizerType::Momentum; }
    void begin_step(const Vector<Scalar>& w, Scalar) override {
        if (velocity_.size() != w.size()) velocity_ = Vector<Scalar>::Zero(w.size());
        ++steps_;
    }
    void update(const Vector<Scalar>& w, const Vector<Scalar>& g, Scalar rate, Vector<Scalar>& out,
                Eigen::Index begin, Eigen::Index end) override {
        const Eigen::Index n = end - begin;
        auto v = velocity_.segment(begin, n);
        v = momentum_ * v + g.segment(begin, n);
        out.segment(begin, n) = w.segment(begin, n) - rate * v;
    }
    void reset() override {
        velocity_.resize(0);
        steps_ = 0;
    }
    OptimizerState state() const override {
        return {OptimizerType::Momentum, steps_, {{"velocity", to_doubles(velocity_)}}};
    }
    void restore(const OptimizerState& state) override {
        restore_vectors<Scalar>(state, OptimizerType::Momentum, {{"velocity", &velocity_}});
        steps_ = state.steps;
    }

  private:
    Scalar momentum_;
    Vector<Scalar> velocity_;
    long steps_ = 0;
};

// Adam (Kingma & Ba 2015) with bias correction.
template <typename Scalar>
class Adam final : public Optimizer<Scalar> {
  public:
    Adam(double beta1, double beta2, double epsilon)
        : beta1_(Scalar(beta1)), beta2_(Scalar(beta2)), epsilon_(Scalar(epsilon)) {}
    OptimizerType type() const override { return OptimizerType::Adam; }
    void begin_step(const Vector<Scalar>& w, Scalar) override {
        if (m_.size() != w.size()) {
            m_ = Vector<Scalar>::Zero(w.size());
            v_ = Vector<Scalar>::Zero(w.size());
            t_ = 0;
        }
        ++t_;
        correction1_ = Scalar(1) - Scalar(std::pow(double(beta1_), double(t_)));
        correction2_ = Scalar(1) - Scalar(std::pow(double(beta2_), double(t_)));
    }
    void update(const Vector<Scalar>& w, const Vector<Scalar>& g, Scalar rate, Vector<Scalar>& out,
                Eigen::Index begin, Eigen::Index end) override {
        const Eigen::Index n = end - begin;
        auto m = m_.segment(begin, n);
        auto v = v_.segment(begin, n);
        const auto gs = g.segment(begin, n);
        m = beta1_ * m + (Scalar(1) - beta1_) * gs;
        v = beta2_ * v + (Scalar(1) - beta2_) * gs.cwiseProduct(gs);
        out.segment(begin, n).array() =
            w.segment(begin, n).array() -
            rate * (m.array() / correction1_) / ((v.array() / correction2_).sqrt() + epsilon_);
    }
    void reset() override {
        m_.resize(0);
        v_.resize(0);
        t_ = 0;
    }
    OptimizerState state() const override {
        return {OptimizerType::Adam, t_, {{"m", to_doubles(m_)}, {"v", to_doubles(v_)}}};
    }
    void restore(const OptimizerState& state) override {
        restore_vectors<Scalar>(state, OptimizerType::Adam, {{"m", &m_}, {"v", &v_}});
        t_ = state.steps;
    }

  private:
    Scalar beta1_, beta2_, epsilon_;
    Vector<Scalar> m_, v_;
    long t_ = 0;
    Scalar correction1_ = 1, correction2_ = 1;
};

// FTRL-proximal (McMahan et al. 2013) per coordinate, with L1 and L2; the rate is alpha. The
// accumulators start so that the initial weights are the first iterate (not zero), which keeps
// the random symmetry breaking of the experts.
template <typename Scalar>
class Ftrl final : public Optimizer<Scalar> {
  public:
    Ftrl(double beta, double l1, double l2)
        : beta_(Scalar(beta)), l1_(Scalar(l1)), l2_(Scalar(l2)) {}
    OptimizerType type() const override { return OptimizerType::Ftrl; }
    void begin_step(const Vector<Scalar>& w, Scalar alpha) override {
        if (z_.size() == w.size()) return;
        // With n = 0 the closed form gives w = -(z - sign(z) l1) / (beta/alpha + l2): solve for z.
        n_ = Vector<Scalar>::Zero(w.size());
        z_.resize(w.size());
        for (Eigen::Index j = 0; j < w.size(); ++j) {
            const Scalar sign = w[j] > 0 ? Scalar(1) : (w[j] < 0 ? Scalar(-1) : Scalar(0));
            z_[j] = -w[j] * (beta_ / alpha + l2_) - sign * l1_;
        }
    }
    void update(const Vector<Scalar>& w, const Vector<Scalar>& g, Scalar alpha, Vector<Scalar>& out,
                Eigen::Index begin, Eigen::Index end) override {
        for (Eigen::Index j = begin; j < end; ++j) {
            const Scalar gj = g[j];
            const Scalar n_new = n_[j] + gj * gj;
            const Scalar sigma = (std::sqrt(n_new) - std::sqrt(n_[j])) / alpha;
            z_[j] += gj - sigma * w[j];
            n_[j] = n_new;
            if (std::abs(z_[j]) <= l1_) {
                out[j] = Scalar(0);
            } else {
                const Scalar sign = z_[j] > 0 ? Scalar(1) : Scalar(-1);
                out[j] = -(z_[j] - sign * l1_) / ((beta_ + std::sqrt(n_[j])) / alpha + l2_);
            }
        }
    }
    void reset() override {
        z_.resize(0);
        n_.resize(0);
    }
    OptimizerState state() const override {
        return {OptimizerType::Ftrl, 0, {{"z", to_doubles(z_)}, {"n", to_doubles(n_)}}};
    }
    void restore(const OptimizerState& state) override {
        restore_vectors<Scalar>(state, OptimizerType::Ftrl, {{"z", &z_}, {"n", &n_}});
    }

  private:
    Scalar beta_, l1_, l2_;
    Vector<Scalar> z_, n_;
};

}  // namespace

template <typename Scalar>
std::unique_ptr<Optimizer<Scalar>> make_optimizer(const Config& config) {
    switch (config.optimizer) {
        case OptimizerType::Sgd:
            return std::make_unique<Sgd<Scalar>>();
        case OptimizerType::Momentum:
            return std::make_unique<Momentum<Scalar>>(config.momentum);
        case OptimizerType::Adam:
            return std::make_unique<Adam<Scalar>>(config.adam_beta1, config.adam_beta2,
                                                  config.adam_epsilon);
        case OptimizerType::Ftrl:
            return std::make_unique<Ftrl<Scalar>>(config.ftrl_beta, config.ftrl_l1, config.ftrl_l2);
    }
    throw ConfigError("Unknown optimizer.");
}

bool optimizer_changed(const Config& before, const Config& after) {
    return before.optimizer != after.optimizer || before.momentum != after.momentum ||
           before.adam_beta1 != after.adam_beta1 || before.adam_beta2 != after.adam_beta2 ||
           before.adam_epsilon != after.adam_epsilon || before.ftrl_beta != after.ftrl_beta ||
           before.ftrl_l1 != after.ftrl_l1 || before.ftrl_l2 != after.ftrl_l2;
}

template std::unique_ptr<Optimizer<float>> make_optimizer<float>(const Config&);
template std::unique_ptr<Optimizer<double>> make_optimizer<double>(const Config&);

}  // namespace moelab
