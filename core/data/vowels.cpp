#include "data/vowels.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "data/csv_loader.h"
#include "data/embedded.h"
#include "errors.h"

namespace moelab {

namespace {

struct Vowel {
    std::string_view code;    // the table's Vowel column
    std::string_view symbol;  // the paper's notation where it has one
    std::string_view name;
};

// In the order of the paper's figure: [i], [I], [a], [A].
constexpr std::array<Vowel, 4> paper_vowels{{
    {"iy", "i", "[i] heed"},
    {"ih", "I", "[I] hid"},
    {"aa", "a", "[a] hod"},
    {"ah", "A", "[A] hud"},
}};

// In the order of Peterson & Barney's table; "ah" keeps the paper's [A] (wedge) and "aa" its [a].
constexpr std::array<Vowel, 10> all_vowels{{
    {"iy", "i", "[i] heed"},
    {"ih", "I", "[I] hid"},
    {"eh", "E", "[E] head"},
    {"ae", "ae", "[ae] had"},
    {"ah", "A", "[A] hud"},
    {"aa", "a", "[a] hod"},
    {"ao", "O", "[O] hawed"},
    {"uh", "U", "[U] hood"},
    {"uw", "u", "[u] who'd"},
    {"er", "er", "[er] heard"},
}};

std::size_t column_of(const std::vector<std::string>& header, std::string_view name,
                      const CsvReader& reader) {
    const auto found = std::find(header.begin(), header.end(), name);
    if (found == header.end())
        throw DatasetError(reader.where(1) + ": the vowel table has no column named \"" +
                           std::string(name) + "\".");
    return static_cast<std::size_t>(found - header.begin());
}

int parse_integer(const std::string& text, const CsvReader& reader, std::size_t column) {
    int value = 0;
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    if (error != std::errc() || stop != end)
        throw DatasetError(reader.where(reader.line(), static_cast<int>(column) + 1) +
                           ": expected a whole number, found \"" + text + "\".");
    return value;
}

}  // namespace

Dataset parse_vowels(std::string_view csv_text, std::string_view source, VowelSubset subset) {
    const bool four = subset == VowelSubset::PaperFour;
    const std::vector<Vowel> vowels =
        four ? std::vector<Vowel>(paper_vowels.begin(), paper_vowels.end())
             : std::vector<Vowel>(all_vowels.begin(), all_vowels.end());

    CsvReader reader(csv_text, std::string(source));
    std::vector<std::string> header;
    if (!reader.next(header)) throw DatasetError(std::string(source) + " is empty.");
    const std::size_t type_column = column_of(header, "Type", reader);
    const std::size_t speaker_column = column_of(header, "Speaker", reader);
    const std::size_t vowel_column = column_of(header, "Vowel", reader);
    const std::size_t f1_column = column_of(header, "F1", reader);
    const std::size_t f2_column = column_of(header, "F2", reader);

    std::vector<std::array<double, 2>> formants;
    std::vector<int> labels, speakers;
    std::map<int, std::string> speaker_types;
    std::vector<std::string> fields;
    while (reader.next(fields)) {
        const auto vowel = std::find_if(vowels.begin(), vowels.end(), [&](const Vowel& v) {
            return v.code == fields[vowel_column];
        });
        if (vowel == vowels.end()) continue;  // a vowel outside the chosen subset
        const int speaker = parse_integer(fields[speaker_column], reader, speaker_column);
        const auto [entry, inserted] = speaker_types.emplace(speaker, fields[type_column]);
        if (!inserted && entry->second != fields[type_column])
            throw DatasetError(reader.where(reader.line(), static_cast<int>(type_column) + 1) +
                               ": speaker " + std::to_string(speaker) +
                               " appears with two speaker types.");
        formants.push_back(
            {static_cast<double>(parse_integer(fields[f1_column], reader, f1_column)),
             static_cast<double>(parse_integer(fields[f2_column], reader, f2_column))});
        labels.push_back(static_cast<int>(vowel - vowels.begin()));
        speakers.push_back(speaker);
    }

    // Every third speaker of each group, counted in speaker order (std::map iterates sorted), is
    // held out, so men, women and children are all represented on both sides of the split in
    // proportion.
    std::set<int> test_speakers;
    std::map<std::string, int> seen_in_group;
    for (const auto& [speaker, type] : speaker_types)
        if (++seen_in_group[type] % 3 == 0) test_speakers.insert(speaker);

    Dataset dataset;
    dataset.name = four ? "vowels" : "vowels-10";
    dataset.description =
        four
            ? "Peterson & Barney (1952) vowels [i] [I] [a] [A] by F1 and F2, the task of Jacobs et "
              "al. (1991); split by speaker."
            : "Peterson & Barney (1952), all ten vowels by F1 and F2; split by speaker.";
    const auto rows = static_cast<Eigen::Index>(labels.size());
    dataset.features.resize(rows, 2);
    for (Eigen::Index i = 0; i < rows; ++i) {
        dataset.features(i, 0) = formants[static_cast<std::size_t>(i)][0];
        dataset.features(i, 1) = formants[static_cast<std::size_t>(i)][1];
    }
    dataset.labels = std::move(labels);
    for (const Vowel& vowel : vowels) {
        dataset.class_names.emplace_back(vowel.name);
        dataset.class_symbols.emplace_back(vowel.symbol);
    }
    dataset.feature_names = {"F1 (Hz)", "F2 (Hz)"};
    dataset.groups = speakers;
    dataset.is_test.reserve(speakers.size());
    for (int speaker : speakers) dataset.is_test.push_back(test_speakers.contains(speaker));
    return dataset;
}

Dataset load_vowels(VowelSubset subset) {
    return parse_vowels(embedded::peterson_barney_csv(), "peterson_barney_1952.csv (built in)",
                        subset);
}

}  // namespace moelab
