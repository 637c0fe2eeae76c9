// The batch split across threads gives the gradient of the whole batch, bitwise repeatably.
#include <gtest/gtest.h>
#include <omp.h>

#include <cstring>

#include "training/engine.h"

namespace moelab {
namespace {

TEST(DataParallel, SplitBatchGradientEqualsTheWholeBatchGradient) {
    const int cases = 3 * int(DataParallelGradient<double>::kMinimumCasesPerThread) + 17;
    Mixture<double> model(ModelShape{3, 4, 5, 6, 7});
    model.initialize(11);
    Eigen::MatrixXd x = Eigen::MatrixXd::Random(cases, 3);
    std::vector<int> y(cases);
    for (int b = 0; b < cases; ++b) y[b] = (b * 7) % 4;

    ForwardBackward<double> whole;
    Eigen::VectorXd expected;
    const double expected_loss =
        whole.loss_and_gradient(model, x, y, LossType::CompetitiveLog, 3, expected);

    const int saved_threads = omp_get_max_threads();
    omp_set_num_threads(3);
    DataParallelGradient<double> parallel;
    Eigen::VectorXd first, second;
    const double loss = parallel.loss_and_gradient(model, x, y, LossType::CompetitiveLog, 3, first);
    parallel.loss_and_gradient(model, x, y, LossType::CompetitiveLog, 3, second);
    omp_set_num_threads(saved_threads);

    EXPECT_NEAR(loss, expected_loss, 1e-12 * std::abs(expected_loss));
    EXPECT_LT((first - expected).norm(), 1e-12 * expected.norm());
    ASSERT_EQ(first.size(), second.size());
    EXPECT_EQ(std::memcmp(first.data(), second.data(), sizeof(double) * size_t(first.size())), 0);
}

}  // namespace
}  // namespace moelab
