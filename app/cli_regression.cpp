#include "cli_regression.h"

#include <chrono>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "errors.h"
#include "training/regression_trainer.h"

namespace moelab {

namespace {

std::string fixed(double value, int decimals) {
    if (std::isnan(value)) return "n/a (no test cases)";
    std::ostringstream out;
    out << std::fixed << std::setprecision(decimals) << value;
    return out.str();
}

void print_row(std::ostream& out, const std::string& label, const std::string& value) {
    out << std::left << std::setw(16) << label << (label.size() < 16 ? "" : " ") << value << "\n";
}

nlohmann::ordered_json number_or_null(double value) {
    return std::isfinite(value) ? nlohmann::ordered_json(value) : nlohmann::ordered_json();
}

std::string loss_name(LossType loss) {
    switch (loss) {
        case LossType::Cooperative:
            return "cooperative loss (eq. 1, Gaussian)";
        case LossType::Competitive:
            return "competitive loss (eq. 2, Gaussian)";
        case LossType::CompetitiveLog:
            return "competitive-log loss (eq. 3, Gaussian)";
        case LossType::MixtureNll:
            break;
    }
    return std::string(to_string(loss));
}

}  // namespace

int run_regression_train(const Config& config, std::shared_ptr<const Dataset> dataset, bool json) {
    RegressionTrainer trainer(config, dataset);
    const auto start = std::chrono::steady_clock::now();
    try {
        while (trainer.epoch() < config.epochs) trainer.train_epoch();
    } catch (const DivergenceError& error) {
        std::cerr << "moelab-cli: " << error.what() << " For example --lr "
                  << config.learning_rate / 10 << ".\n";
        return 1;
    }
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const RegressionMetrics m = trainer.evaluate();
    const std::string model = std::to_string(config.experts) + " linear Gaussian expert" +
                              (config.experts == 1 ? "" : "s") + ", linear gate, " +
                              loss_name(config.loss);
    if (json) {
        nlohmann::ordered_json report = nlohmann::ordered_json::object();
        report["dataset"] = {{"name", dataset->name},
                             {"task", "regression"},
                             {"features", dataset->dimensions()},
                             {"cases", dataset->size()}};
        report["model"] = model;
        report["epochs"] = m.epoch;
        report["elapsed_seconds"] = elapsed;
        report["metrics"] = {{"loss", number_or_null(m.loss)},
                             {"train_rmse", number_or_null(m.train_rmse)},
                             {"test_rmse", number_or_null(m.test_rmse)},
                             {"train_top_expert_rmse", number_or_null(m.train_top_expert_rmse)},
                             {"test_top_expert_rmse", number_or_null(m.test_top_expert_rmse)},
                             {"gate_entropy", number_or_null(m.gate_entropy)},
                             {"top_share", m.top_share}};
        std::cout << report.dump(2) << "\n";
        return 0;
    }
    std::ostream& out = std::cout;
    print_row(out, "dataset",
              dataset->name + " (regression, " + std::to_string(dataset->size()) + " cases, 1/" +
                  std::to_string(int(std::lround(1.0 / config.dataset.test_fraction))) +
                  " held out)");
    print_row(out, "model", model);
    print_row(out, "epochs", std::to_string(m.epoch));
    print_row(out, "train RMSE", fixed(m.train_rmse, 4) + " (mixture)");
    print_row(out, "test RMSE", fixed(m.test_rmse, 4) + " (mixture)");
    print_row(out, "top expert RMSE",
              "train " + fixed(m.train_top_expert_rmse, 4) + ", test " +
                  fixed(m.test_top_expert_rmse, 4) +
                  " (the gate's top expert alone; gap to the "
                  "mixture " +
                  fixed(m.train_top_expert_rmse - m.train_rmse, 4) + ")");
    print_row(out, "gate entropy", fixed(m.gate_entropy, 4) + " nats (mean over training cases)");
    std::string shares;
    for (size_t i = 0; i < m.top_share.size(); ++i)
        shares += (i ? ", " : "") + std::string("expert ") + std::to_string(i) + " " +
                  fixed(100 * m.top_share[i], 1) + " %";
    print_row(out, "top expert of", shares);
    print_row(out, "loss", fixed(m.loss, 6));
    print_row(out, "elapsed", fixed(elapsed, 4) + " s");
    return 0;
}

}  // namespace moelab
