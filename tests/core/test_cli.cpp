// moelab-cli: the training-flag parser, and the tool itself run as a process.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli_options.h"
#include "io/serialization.h"

namespace moelab {
namespace {

ParsedTrainingFlags parse(std::vector<std::string> args, const Config& defaults = {}) {
    return parse_training_flags(args, defaults);
}

std::string usage_message(std::vector<std::string> args) {
    try {
        parse(std::move(args));
    } catch (const UsageError& error) {
        return error.what();
    }
    return "(no error)";
}

// ---- parse_training_flags ----------------------------------------------------------------------

TEST(TrainingFlags, SetEveryKnob) {
    const auto parsed = parse({"--dataset",       "vowels", "--size",       "100",
                               "--noise",         "0.25",   "--data-seed",  "9",
                               "--test-fraction", "0.5",    "--label",      "kind",
                               "--experts",       "6",      "--top-k",      "2",
                               "--hidden",        "5",      "--gate",       "mlp",
                               "--gate-hidden",   "7",      "--loss",       "mixture-nll",
                               "--optimizer",     "adam",   "--lr",         "0.01",
                               "--momentum",      "0.5",    "--adam-beta1", "0.8",
                               "--adam-beta2",    "0.99",   "--adam-eps",   "1e-6",
                               "--ftrl-beta",     "0.7",    "--ftrl-l1",    "0.1",
                               "--ftrl-l2",       "0.2",    "--batch",      "16",
                               "--epochs",        "30",     "--seed",       "5",
                               "--threads",       "2",      "--precision",  "double",
                               "--metrics-every", "7",      "--balance",    "0.3",
                               "--importance",    "0.4"});
    const Config& c = parsed.config;
    EXPECT_EQ(c.dataset.name, "vowels");
    EXPECT_EQ(c.dataset.cases, 100);
    EXPECT_EQ(c.dataset.noise, 0.25);
    EXPECT_EQ(c.dataset.seed, 9u);
    EXPECT_EQ(c.dataset.test_fraction, 0.5);
    EXPECT_EQ(c.dataset.label_column, "kind");
    EXPECT_EQ(c.experts, 6);
    EXPECT_EQ(c.top_k, 2);
    EXPECT_EQ(c.expert_hidden, std::vector<int>{5});
    EXPECT_EQ(c.gate, GateType::Mlp);
    EXPECT_EQ(c.gate_hidden, std::vector<int>{7});
    EXPECT_EQ(c.loss, LossType::MixtureNll);
    EXPECT_EQ(c.optimizer, OptimizerType::Adam);
    EXPECT_EQ(c.learning_rate, 0.01);
    EXPECT_EQ(c.momentum, 0.5);
    EXPECT_EQ(c.adam_beta1, 0.8);
    EXPECT_EQ(c.adam_beta2, 0.99);
    EXPECT_EQ(c.adam_epsilon, 1e-6);
    EXPECT_EQ(c.ftrl_beta, 0.7);
    EXPECT_EQ(c.ftrl_l1, 0.1);
    EXPECT_EQ(c.ftrl_l2, 0.2);
    EXPECT_EQ(c.batch_size, 16);
    EXPECT_EQ(c.epochs, 30);
    EXPECT_EQ(c.seed, 5u);
    EXPECT_EQ(c.threads, 2);
    EXPECT_EQ(c.precision, Precision::Double);
    EXPECT_EQ(c.metrics_every, 7);
    EXPECT_EQ(c.balance_weight, 0.3);
    EXPECT_EQ(c.importance_weight, 0.4);
    EXPECT_EQ(parsed.given.size(), training_flag_names().size());
    EXPECT_TRUE(parsed.other_arguments.empty());
}

TEST(TrainingFlags, TopKFollowsTheExpertsUnlessGiven) {
    EXPECT_EQ(parse({"--experts", "7"}).config.top_k, 0);  // dense
    EXPECT_EQ(parse({"--experts", "7", "--top-k", "3"}).config.top_k, 3);
    EXPECT_TRUE(parse({}).config.dense());
    Config sparse;
    sparse.experts = 8;
    sparse.top_k = 2;
    EXPECT_EQ(parse({"--experts", "16"}, sparse).config.top_k, 2);
    EXPECT_EQ(parse({"--experts", "16"}, sparse).config.experts, 16);
}

TEST(TrainingFlags, InlineValuesAndPassThrough) {
    const auto parsed = parse({"--lr=0.125", "--save", "m.json", "--experts", "3", "extra"});
    EXPECT_EQ(parsed.config.learning_rate, 0.125);
    EXPECT_EQ(parsed.config.experts, 3);
    EXPECT_TRUE(parsed.was_given("--lr"));
    EXPECT_FALSE(parsed.was_given("--loss"));
    EXPECT_EQ(parsed.other_arguments, (std::vector<std::string>{"--save", "m.json", "extra"}));
}

TEST(TrainingFlags, DefaultsComeFromTheGivenConfig) {
    Config base;
    base.learning_rate = 0.3;
    base.experts = 3;
    base.top_k = 3;
    const auto parsed = parse({"--loss", "competitive"}, base);
    EXPECT_EQ(parsed.config.learning_rate, 0.3);
    EXPECT_EQ(parsed.config.experts, 3);
    EXPECT_EQ(parsed.config.loss, LossType::Competitive);
}

TEST(TrainingFlags, BadValuesGiveOneClearMessage) {
    EXPECT_EQ(usage_message({"--experts", "x"}),
              "--experts expects an integer from 1 to 32, got 'x'");
    EXPECT_EQ(usage_message({"--experts", "33"}),
              "--experts expects an integer from 1 to 32, got '33'");
    EXPECT_EQ(usage_message({"--experts", "3.5"}),
              "--experts expects an integer from 1 to 32, got '3.5'");
    EXPECT_EQ(usage_message({"--loss", "hinge"}),
              "--loss expects one of cooperative, competitive, competitive-log, mixture-nll, got "
              "'hinge'");
    EXPECT_EQ(usage_message({"--lr", "-1"}),
              "--lr expects a number above 0 and below 1e6, got '-1'");
    EXPECT_EQ(usage_message({"--lr", "nan"}),
              "--lr expects a number above 0 and below 1e6, got 'nan'");
    EXPECT_EQ(usage_message({"--seed", "-3"}), "--seed expects a non-negative integer, got '-3'");
    EXPECT_EQ(usage_message({"--epochs"}), "--epochs needs a value (N)");
    EXPECT_EQ(usage_message({"--experts", "2", "--top-k", "3"}),
              "--top-k expects an integer from 1 to the number of experts (2), got '3'");
    EXPECT_NE(usage_message({"--dataset", "no-such-set"}).find("or csv:PATH"), std::string::npos);
    for (const std::string& message :
         {usage_message({"--gate", "deep"}), usage_message({"--optimizer", "rmsprop"}),
          usage_message({"--test-fraction", "1"}), usage_message({"--batch", "-1"})}) {
        EXPECT_EQ(message.find('\n'), std::string::npos) << message;
        EXPECT_NE(message, "(no error)");
    }
}

TEST(TrainingFlags, HelpDocumentsEveryFlagWithItsDefault) {
    std::ostringstream help;
    Config defaults;
    defaults.learning_rate = 0.75;
    print_training_flags_help(help, defaults);
    size_t documented = 0;
    for (const std::string& flag : training_flag_names()) {
        const auto at = help.str().find("  " + flag + " ");
        ASSERT_NE(at, std::string::npos) << flag;
        const std::string flag_line = help.str().substr(at, help.str().find('\n', at) - at);
        EXPECT_NE(flag_line.find("(default: "), std::string::npos) << flag_line;
        ++documented;
    }
    EXPECT_EQ(documented, training_flag_names().size());
    EXPECT_NE(help.str().find("(default: 0.75)"), std::string::npos);
}

TEST(TrainingFlags, SuggestsTheNearestFlag) {
    const auto names = training_flag_names();
    EXPECT_EQ(nearest_flag("--expert", names), "--experts");
    EXPECT_EQ(nearest_flag("--top_k", names), "--top-k");
    EXPECT_EQ(nearest_flag("--completely-different", names), "");
}

// ---- the tool ----------------------------------------------------------------------------------

struct CliResult {
    int exit_code = -1;
    std::string out, err;
};

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string quoted(const std::string& text) {
    std::string result = "'";
    for (char c : text) result += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return result + "'";
}

class Cli : public ::testing::Test {
  protected:
    void SetUp() override {
        const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
        directory_ = std::filesystem::temp_directory_path() /
                     ("moelab_cli_" + std::string(test->name()) + "_" + std::to_string(::getpid()));
        std::filesystem::remove_all(directory_);
        std::filesystem::create_directories(directory_);
    }
    void TearDown() override { std::filesystem::remove_all(directory_); }

    CliResult run(const std::vector<std::string>& args) const {
        std::string command = quoted(MOELAB_CLI_PATH);
        // Appends only: GCC 12 at -O3 misreports "literal + temporary" as overlapping (-Wrestrict).
        for (const auto& arg : args) command.append(" ").append(quoted(arg));
        const auto out = directory_ / "stdout.txt", err = directory_ / "stderr.txt";
        command.append(" >").append(quoted(out.string()));
        command.append(" 2>").append(quoted(err.string())).append(" </dev/null");
        const int status = std::system(command.c_str());
        CliResult result;
        result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        result.out = read_file(out);
        result.err = read_file(err);
        return result;
    }

    std::string path(const std::string& name) const { return (directory_ / name).string(); }

    std::filesystem::path directory_;
};

// The value printed after a label of the summary, e.g. "test accuracy".
std::string summary_value(const std::string& out, const std::string& label) {
    std::istringstream lines(out);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.starts_with(label + " ")) {
            const auto value = line.find_first_not_of(' ', label.size());
            return value == std::string::npos ? "" : line.substr(value);
        }
    }
    return "(missing " + label + ")";
}

size_t count_lines(const std::string& text) {
    return size_t(std::count(text.begin(), text.end(), '\n'));
}

TEST_F(Cli, BadFlagExitsWithTwoAndOneLine) {
    const CliResult r = run({"train", "--expert", "4"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(count_lines(r.err), 1u) << r.err;
    EXPECT_NE(r.err.find("--expert"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("did you mean --experts"), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty());
}

TEST_F(Cli, BadValueExitsWithTwoAndNamesTheFlag) {
    const CliResult r = run({"train", "--experts", "x"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "moelab-cli: --experts expects an integer from 1 to 32, got 'x'\n");
}

TEST_F(Cli, UnknownLossExitsWithTwo) {
    const CliResult r = run({"train", "--loss", "hinge"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(count_lines(r.err), 1u) << r.err;
    EXPECT_NE(r.err.find("--loss"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("competitive-log"), std::string::npos) << r.err;
}

TEST_F(Cli, UnknownCommandAndMissingModelExitWithTwo) {
    CliResult r = run({"trian"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("did you mean train"), std::string::npos) << r.err;
    r = run({"eval", "--dataset", "vowels"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--model"), std::string::npos) << r.err;
    r = run({"eval", "--model", path("m.json"), "--lr", "0.1"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(count_lines(r.err), 1u) << r.err;
}

TEST_F(Cli, HelpDocumentsEveryFlag) {
    const CliResult r = run({"train", "--help"});
    EXPECT_EQ(r.exit_code, 0);
    for (const std::string& flag : training_flag_names())
        EXPECT_NE(r.out.find(flag + " "), std::string::npos) << flag;
    for (const char* flag : {"--init", "--save", "--log"})
        EXPECT_NE(r.out.find(flag), std::string::npos) << flag;
    EXPECT_EQ(run({"--help"}).exit_code, 0);
    EXPECT_EQ(run({"eval", "--help"}).exit_code, 0);
}

TEST_F(Cli, DatasetsListsTheVowels) {
    const CliResult r = run({"datasets"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("  vowels "), std::string::npos) << r.out;
}

TEST_F(Cli, MissingModelFileIsARuntimeError) {
    const CliResult r = run({"eval", "--model", path("absent.json")});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(count_lines(r.err), 1u) << r.err;
    EXPECT_NE(r.err.find("absent.json"), std::string::npos) << r.err;
}

TEST_F(Cli, TrainSaveThenEvalGivesTheSameAccuracy) {
    const CliResult train = run({"train", "--dataset", "vowels", "--experts", "3", "--epochs", "20",
                                 "--lr", "0.5", "--seed", "3", "--metrics-every", "1", "--save",
                                 path("model.json"), "--log", path("metrics.csv")});
    ASSERT_EQ(train.exit_code, 0) << train.err;
    EXPECT_NE(summary_value(train.out, "train accuracy").find('%'), std::string::npos) << train.out;
    EXPECT_EQ(summary_value(train.out, "epochs"), "20");
    // Not a terminal: one progress line per tenth of the run.
    EXPECT_EQ(count_lines(train.err), 10u) << train.err;

    const CliResult eval = run({"eval", "--model", path("model.json"), "--dataset", "vowels"});
    ASSERT_EQ(eval.exit_code, 0) << eval.err;
    EXPECT_EQ(summary_value(eval.out, "train accuracy"),
              summary_value(train.out, "train accuracy"));
    EXPECT_EQ(summary_value(eval.out, "test accuracy"), summary_value(train.out, "test accuracy"));

    const SavedModel saved = load_model(path("model.json"));
    EXPECT_EQ(saved.config.experts, 3);
    EXPECT_TRUE(saved.config.dense());
    EXPECT_EQ(saved.model.spec().experts, 3);
    EXPECT_FALSE(saved.class_names.empty());
    EXPECT_EQ(int(saved.feature_names.size()), saved.model.spec().inputs);

    const std::string log = read_file(path("metrics.csv"));
    EXPECT_TRUE(
        log.starts_with("epoch,loss,train_accuracy,test_accuracy,gate_entropy,"
                        "active_experts,utilisation_0,utilisation_1,utilisation_2,"
                        "top_share_0,top_share_1,top_share_2\n"))
        << log;
    EXPECT_EQ(count_lines(log), 21u);
}

TEST_F(Cli, InitStartsFromTheFileAndFlagsOverrideIt) {
    const CliResult first =
        run({"train", "--dataset", "vowels", "--experts", "6", "--top-k", "2", "--loss",
             "competitive", "--epochs", "5", "--save", path("a.json")});
    ASSERT_EQ(first.exit_code, 0) << first.err;

    // No training: the loaded weights evaluate exactly as the saved ones.
    const CliResult same = run({"train", "--init", path("a.json"), "--epochs", "0"});
    ASSERT_EQ(same.exit_code, 0) << same.err;
    const CliResult eval = run({"eval", "--model", path("a.json")});
    ASSERT_EQ(eval.exit_code, 0) << eval.err;
    EXPECT_EQ(summary_value(same.out, "train accuracy"), summary_value(eval.out, "train accuracy"));
    EXPECT_EQ(summary_value(same.out, "test accuracy"), summary_value(eval.out, "test accuracy"));

    const CliResult second = run({"train", "--init", path("a.json"), "--epochs", "3", "--lr",
                                  "0.125", "--optimizer", "momentum", "--save", path("b.json")});
    ASSERT_EQ(second.exit_code, 0) << second.err;
    const SavedModel a = load_model(path("a.json"));
    const SavedModel b = load_model(path("b.json"));
    EXPECT_EQ(b.config.experts, 6) << "from the file";
    EXPECT_EQ(b.config.top_k, 2) << "from the file";
    EXPECT_EQ(b.config.loss, LossType::Competitive) << "from the file";
    EXPECT_EQ(b.config.learning_rate, 0.125) << "from the flag";
    EXPECT_EQ(b.config.optimizer, OptimizerType::Momentum) << "from the flag";
    EXPECT_EQ(b.config.epochs, 3);
    EXPECT_EQ(a.standardization.mean, b.standardization.mean);
    EXPECT_NE(a.model.parameters(), b.model.parameters()) << "three more epochs of training";

    // K is checked against the file's six experts, not the default four.
    const CliResult wider =
        run({"train", "--init", path("a.json"), "--epochs", "1", "--top-k", "5"});
    EXPECT_EQ(wider.exit_code, 0) << wider.err;
    EXPECT_EQ(run({"eval", "--model", path("a.json"), "--top-k", "6"}).exit_code, 0);
    const CliResult too_wide = run({"eval", "--model", path("a.json"), "--top-k", "7"});
    EXPECT_EQ(too_wide.exit_code, 2);
    EXPECT_NE(too_wide.err.find("number of experts (6)"), std::string::npos) << too_wide.err;

    // A flag that changes the model's shape cannot start from these weights.
    const CliResult misfit =
        run({"train", "--init", path("a.json"), "--experts", "4", "--epochs", "1"});
    EXPECT_EQ(misfit.exit_code, 1);
    EXPECT_EQ(count_lines(misfit.err), 1u) << misfit.err;
    EXPECT_NE(misfit.err.find("does not fit"), std::string::npos) << misfit.err;
}

TEST_F(Cli, DivergenceIsARuntimeErrorThatSuggestsALowerRate) {
    // The log-sum-exp keeps any learning rate finite on sane data (the gradients are bounded);
    // weights near float's largest value overflow the logits instead, which the trainer reports
    // the same way.
    ASSERT_EQ(
        run({"train", "--dataset", "vowels", "--epochs", "1", "--save", path("a.json")}).exit_code,
        0);
    nlohmann::json model = nlohmann::json::parse(read_file(path("a.json")));
    model.erase("training");
    for (auto& layer : model["gate"]["layers"])
        for (auto& row : layer["W"])
            for (auto& w : row) w = 3e38;
    std::ofstream(path("huge.json")) << model.dump();
    const CliResult r =
        run({"train", "--init", path("huge.json"), "--epochs", "5", "--save", path("never.json")});
    ASSERT_NE(r.exit_code, 0) << r.out;
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(count_lines(r.err), 1u) << r.err;
    EXPECT_NE(r.err.find("diverged at epoch 1"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--lr"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(path("never.json")));
}

TEST_F(Cli, FeaturesBeyondFloatRangeAreRefusedWithTheirPlace) {
    std::ofstream(path("huge.csv")) << "x,y,label\n"
                                       "1e308,1,a\n1.5e308,2,b\n1.7e308,1,a\n1.6e308,3,b\n";
    const CliResult r = run({"train", "--dataset", "csv:" + path("huge.csv"), "--epochs", "5"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(count_lines(r.err), 1u) << r.err;
    EXPECT_NE(r.err.find("line 2, column 1"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("too large"), std::string::npos) << r.err;
}

TEST_F(Cli, ResumeContinuesASavedTrainingBitForBit) {
    // 6 epochs in one run equal 3 epochs, saved, and 3 more resumed from the file.
    const std::vector<std::string> common = {"--dataset",   "moons", "--experts", "3",
                                             "--hidden",    "4",     "--batch",   "16",
                                             "--optimizer", "adam",  "--lr",      "0.01"};
    auto with = [&](std::vector<std::string> extra) {
        std::vector<std::string> args{"train"};
        args.insert(args.end(), common.begin(), common.end());
        args.insert(args.end(), extra.begin(), extra.end());
        return args;
    };
    ASSERT_EQ(run(with({"--epochs", "6", "--save", path("straight.json")})).exit_code, 0);
    ASSERT_EQ(run(with({"--epochs", "3", "--save", path("half.json")})).exit_code, 0);
    const CliResult resumed =
        run({"train", "--resume", path("half.json"), "--epochs", "3", "--save", path("rest.json")});
    ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
    EXPECT_NE(summary_value(resumed.out, "epochs").find("now at epoch 6"), std::string::npos)
        << resumed.out;
    const SavedModel straight = load_model(path("straight.json"));
    const SavedModel rest = load_model(path("rest.json"));
    EXPECT_EQ(straight.model.parameters(), rest.model.parameters());
    ASSERT_TRUE(rest.training.has_value());
    EXPECT_EQ(straight.training->history.epoch_loss, rest.training->history.epoch_loss);

    const CliResult misuse = run({"train", "--resume", path("half.json"), "--experts", "5"});
    EXPECT_EQ(misuse.exit_code, 1);
    EXPECT_NE(misuse.err.find("--init"), std::string::npos) << misuse.err;
}

}  // namespace
}  // namespace moelab
