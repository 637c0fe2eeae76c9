#include "data/csv_loader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <sstream>
#include <system_error>

#include "errors.h"

namespace moelab {

namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t';
}
bool is_line_end(char c) {
    return c == '\n' || c == '\r';
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

// Values are quoted in messages; a whole line of binary junk would drown the message.
std::string in_quotes(std::string_view text) {
    constexpr std::size_t longest = 40;
    if (text.size() <= longest) return "\"" + std::string(text) + "\"";
    return "\"" + std::string(text.substr(0, longest)) + "...\"";
}

enum class NumberProblem { None, Empty, NotANumber, NotFinite, OutOfRange };

NumberProblem parse_number(std::string_view text, double& value) {
    text = trim(text);
    if (text.empty()) return NumberProblem::Empty;
    // from_chars rejects a leading '+', which spreadsheets sometimes write.
    if (text.front() == '+' && text.size() > 1 && text[1] != '-' && text[1] != '+')
        text.remove_prefix(1);
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    if (stop != end || error == std::errc::invalid_argument) return NumberProblem::NotANumber;
    if (error == std::errc::result_out_of_range) {
        // A tiny number such as 1e-400 is zero for every purpose here; only overflow is an error.
        const std::size_t exponent = text.find_last_of("eE");
        const bool underflow = exponent != std::string_view::npos && exponent + 1 < text.size() &&
                               text[exponent + 1] == '-';
        if (!underflow) return NumberProblem::OutOfRange;
        value = 0.0;
    }
    if (!std::isfinite(value)) return NumberProblem::NotFinite;
    return NumberProblem::None;
}

bool is_number(std::string_view text) {
    double ignored = 0;
    return parse_number(text, ignored) == NumberProblem::None;
}

std::string column_label(const CsvReader& reader, int line, int column,
                         const std::vector<std::string>& names) {
    return reader.where(line, column) + " (\"" + names[static_cast<std::size_t>(column - 1)] +
           "\")";
}

}  // namespace

CsvReader::CsvReader(std::string_view text, std::string source)
    : text_(text), source_(std::move(source)) {
    constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";
    if (text_.starts_with(byte_order_mark)) position_ = byte_order_mark.size();
}

std::string CsvReader::where(int line, int column) const {
    std::string text = source_ + ", line " + std::to_string(line);
    if (column > 0) text += ", column " + std::to_string(column);
    return text;
}

void CsvReader::fail(int column, const std::string& what) const {
    throw DatasetError(where(record_line_, column) + ": " + what);
}

bool CsvReader::rest_is_blank() const {
    return std::all_of(text_.begin() + static_cast<std::ptrdiff_t>(position_), text_.end(),
                       [](char c) { return is_space(c) || is_line_end(c); });
}

bool CsvReader::next(std::vector<std::string>& fields) {
    fields.clear();
    if (position_ >= text_.size()) return false;
    record_line_ = next_line_;

    std::size_t p = position_;
    while (p < text_.size() && is_space(text_[p])) ++p;
    if (p >= text_.size() || is_line_end(text_[p])) {
        if (rest_is_blank()) {
            position_ = text_.size();
            return false;
        }
        fail(0,
             "the line is blank. Blank lines are allowed only at the end of the file; remove it.");
    }

    p = position_;
    for (;;) {
        const int column = static_cast<int>(fields.size()) + 1;
        std::string field;
        std::size_t q = p;
        while (q < text_.size() && is_space(text_[q])) ++q;
        if (q < text_.size() && text_[q] == '"') {
            for (++q;; ++q) {
                if (q >= text_.size() || is_line_end(text_[q]))
                    fail(column,
                         "the quoted field is not closed on this line; add the closing quote (a "
                         "field may not span lines).");
                if (text_[q] == '"') {
                    if (q + 1 < text_.size() && text_[q + 1] == '"') {
                        field += '"';
                        ++q;
                    } else {
                        ++q;
                        break;
                    }
                } else {
                    field += text_[q];
                }
            }
            while (q < text_.size() && is_space(text_[q])) ++q;
            if (q < text_.size() && text_[q] != ',' && !is_line_end(text_[q]))
                fail(column,
                     "unexpected text after the closing quote; expected a comma or the end "
                     "of the line.");
        } else {
            q = p;
            while (q < text_.size() && text_[q] != ',' && !is_line_end(text_[q])) {
                if (text_[q] == '"')
                    fail(column,
                         "a double quote inside an unquoted field; enclose the whole field in "
                         "quotes and write each quote inside it as \"\".");
                field += text_[q++];
            }
        }
        fields.push_back(std::move(field));
        if (q < text_.size() && text_[q] == ',') {
            p = q + 1;
            continue;
        }
        if (q < text_.size() && text_[q] == '\r') ++q;
        if (q < text_.size() && text_[q] == '\n') ++q;
        position_ = q;
        ++next_line_;
        break;
    }

    if (columns_ == 0) {
        columns_ = fields.size();
    } else if (fields.size() != columns_) {
        const std::string counts = "the row has " + std::to_string(fields.size()) +
                                   " fields but the first row has " + std::to_string(columns_) +
                                   ".";
        if (fields.size() < columns_)
            fail(static_cast<int>(fields.size()) + 1, "this field is missing: " + counts);
        fail(static_cast<int>(columns_) + 1, "this field is extra: " + counts);
    }
    return true;
}

Dataset parse_csv_dataset(std::string_view text, const std::string& source,
                          const std::string& label_column) {
    if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
        const auto line =
            1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(nul), '\n');
        throw DatasetError(source + ", line " + std::to_string(line) +
                           ": contains a NUL byte; this does not look like a CSV text file.");
    }

    CsvReader reader(text, source);
    std::vector<std::string> header;
    if (!reader.next(header))
        throw DatasetError(source +
                           " is empty; expected a header row naming the columns, then one row per "
                           "case.");
    const int header_line = reader.line();
    if (header.size() > kCsvMaxColumns)
        throw DatasetError(reader.where(header_line) + ": the header has " +
                           std::to_string(header.size()) + " columns; MoE Lab reads at most " +
                           std::to_string(kCsvMaxColumns) + ".");
    if (header.size() < 2)
        throw DatasetError(reader.where(header_line) +
                           ": the header has only one column; expected at least one feature column "
                           "and a label column, separated by commas.");
    if (std::all_of(header.begin(), header.end(),
                    [](const std::string& f) { return is_number(f); }))
        throw DatasetError(
            reader.where(header_line) +
            ": every field is a number, so this looks like data, not a header. Add a "
            "first row naming the columns.");
    for (std::size_t c = 0; c < header.size(); ++c) {
        header[c] = std::string(trim(header[c]));
        const int column = static_cast<int>(c) + 1;
        if (header[c].empty())
            throw DatasetError(reader.where(header_line, column) +
                               ": the header gives this column no name; every column needs one.");
        for (std::size_t earlier = 0; earlier < c; ++earlier)
            if (header[earlier] == header[c])
                throw DatasetError(reader.where(header_line, column) + ": the column name " +
                                   in_quotes(header[c]) + " is used twice (also column " +
                                   std::to_string(earlier + 1) + "); column names must differ.");
    }

    std::size_t label_index = header.size() - 1;
    if (!label_column.empty()) {
        const auto found = std::find(header.begin(), header.end(), trim(label_column));
        if (found == header.end()) {
            std::string names;
            for (const std::string& name : header) names += (names.empty() ? "" : ", ") + name;
            throw DatasetError(reader.where(header_line) + ": there is no label column named " +
                               in_quotes(label_column) + "; the columns are " + names + ".");
        }
        label_index = static_cast<std::size_t>(found - header.begin());
    }
    const std::size_t columns = header.size();
    const std::size_t dimensions = columns - 1;
    // A file without a header whose labels are text: its first row of data was taken as the
    // header. Numbers are odd names for features, so say what happened to that row.
    bool numeric_feature_names = true;
    for (std::size_t c = 0; c < columns; ++c)
        if (c != label_index && !is_number(header[c])) numeric_feature_names = false;
    std::string header_warning;
    if (numeric_feature_names)
        header_warning =
            reader.where(header_line) + ": every feature column is named by a number (" +
            in_quotes(header[label_index == 0 ? 1 : 0]) + (dimensions > 1 ? ", ..." : "") +
            "); if this row is data, it was read as the header and is not used. Add "
            "a first row naming the columns.";

    std::vector<double> values;  // row-major
    std::vector<int> first_seen_labels;
    std::map<std::string, int> label_ids;  // label text -> order of first appearance
    std::vector<std::string> label_texts;
    std::vector<int> label_counts;
    std::vector<int> label_first_lines;
    std::vector<std::string> fields;
    std::size_t rows = 0;
    while (reader.next(fields)) {
        const int line = reader.line();
        if (++rows > kCsvMaxRows)
            throw DatasetError(reader.where(line) + ": the file has more than " +
                               std::to_string(kCsvMaxRows) + " data rows; MoE Lab reads at most " +
                               std::to_string(kCsvMaxRows) + ".");
        for (std::size_t c = 0; c < columns; ++c) {
            const int column = static_cast<int>(c) + 1;
            if (c == label_index) {
                const std::string label(trim(fields[c]));
                if (label.empty())
                    throw DatasetError(column_label(reader, line, column, header) +
                                       ": the label is empty; every row needs a class label.");
                const auto [entry, inserted] =
                    label_ids.emplace(label, static_cast<int>(label_texts.size()));
                if (inserted) {
                    label_texts.push_back(label);
                    label_counts.push_back(0);
                    label_first_lines.push_back(line);
                }
                ++label_counts[static_cast<std::size_t>(entry->second)];
                first_seen_labels.push_back(entry->second);
                continue;
            }
            double value = 0;
            const std::string where = column_label(reader, line, column, header);
            switch (parse_number(fields[c], value)) {
                case NumberProblem::None:
                    break;
                case NumberProblem::Empty:
                    throw DatasetError(where + ": the value is empty; expected a number.");
                case NumberProblem::NotANumber:
                    throw DatasetError(where + ": expected a number, found " +
                                       in_quotes(fields[c]) + ".");
                case NumberProblem::NotFinite:
                    throw DatasetError(where + ": found " + in_quotes(trim(fields[c])) +
                                       "; NaN and Inf are not allowed, expected a finite number.");
                case NumberProblem::OutOfRange:
                    throw DatasetError(where + ": the number " + in_quotes(trim(fields[c])) +
                                       " is too large to represent; expected a finite number.");
            }
            // Training runs in float32; beyond this a value (or its standardised square) would
            // overflow to infinity and silently wreck the statistics.
            if (std::abs(value) > kLargestFeature)
                throw DatasetError(where + ": the number " + in_quotes(trim(fields[c])) +
                                   " is too large; MoE Lab trains on values of magnitude up to "
                                   "1e37. Rescale the column (for example divide it by a power "
                                   "of ten).");
            values.push_back(value);
        }
    }

    if (rows == 0)
        throw DatasetError(source + " has a header (line " + std::to_string(header_line) +
                           ") but no data rows.");
    const std::string& label_name = header[label_index];
    if (label_texts.size() < 2)
        throw DatasetError(source + ": every row has the label " + in_quotes(label_texts.front()) +
                           " in column " + std::to_string(label_index + 1) + " (\"" + label_name +
                           "\"); a classifier needs at least two classes.");
    for (std::size_t k = 0; k < label_texts.size(); ++k)
        if (label_counts[k] < 2)
            throw DatasetError(
                reader.where(label_first_lines[k], static_cast<int>(label_index) + 1) + " (\"" +
                label_name + "\"): the class " + in_quotes(label_texts[k]) +
                " has only this one row; each class needs at least 2 rows, one "
                "to train on and one to test on.");

    // Sorted classes give the same class numbers whatever order the rows come in.
    const bool numeric_labels = std::all_of(label_texts.begin(), label_texts.end(),
                                            [](const std::string& l) { return is_number(l); });
    std::vector<int> order(label_texts.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        const std::string& left = label_texts[static_cast<std::size_t>(a)];
        const std::string& right = label_texts[static_cast<std::size_t>(b)];
        if (numeric_labels) {
            double x = 0, y = 0;
            parse_number(left, x);
            parse_number(right, y);
            if (x != y) return x < y;
        }
        return left < right;
    });
    std::vector<int> sorted_id(label_texts.size());
    Dataset dataset;
    for (std::size_t k = 0; k < order.size(); ++k) {
        sorted_id[static_cast<std::size_t>(order[k])] = static_cast<int>(k);
        dataset.class_names.push_back(label_texts[static_cast<std::size_t>(order[k])]);
    }
    const bool short_names = std::all_of(dataset.class_names.begin(), dataset.class_names.end(),
                                         [](const std::string& name) { return name.size() <= 3; });
    if (short_names) dataset.class_symbols = dataset.class_names;

    dataset.labels.reserve(rows);
    for (int id : first_seen_labels)
        dataset.labels.push_back(sorted_id[static_cast<std::size_t>(id)]);
    for (std::size_t c = 0; c < columns; ++c)
        if (c != label_index) dataset.feature_names.push_back(header[c]);
    dataset.features =
        Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
            values.data(), static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(dimensions))
            .cast<float>();
    dataset.name = "csv:" + source;
    std::ostringstream description;
    description << "CSV file " << source << ": " << rows << " rows, " << dimensions
                << (dimensions == 1 ? " feature, " : " features, ") << label_texts.size()
                << " classes (column \"" << label_name << "\").";
    dataset.description = description.str();
    if (!header_warning.empty()) dataset.warnings.push_back(header_warning);
    return dataset;
}

Dataset load_csv_dataset(const std::string& path, const std::string& label_column) {
    std::error_code error;
    const auto status = std::filesystem::status(path, error);
    if (error || !std::filesystem::exists(status))
        throw DatasetError("Cannot open the CSV file " + path + ": no such file.");
    if (std::filesystem::is_directory(status))
        throw DatasetError("Cannot open the CSV file " + path + ": it is a directory.");
    // A device (/dev/zero, /dev/urandom) never ends and a FIFO may never deliver: read only files.
    if (!std::filesystem::is_regular_file(status))
        throw DatasetError("Cannot open the CSV file " + path +
                           ": it is not a regular file (a device, pipe or socket); MoE Lab reads "
                           "CSV data from regular files only.");
    const std::uintmax_t size = std::filesystem::file_size(path, error);
    if (error)
        throw DatasetError("Cannot read the CSV file " + path + ": " + error.message() + ".");
    const std::string cap =
        "MoE Lab reads CSV files of at most " + std::to_string(kCsvMaxBytes >> 20) + " MiB";
    if (size > kCsvMaxBytes)
        throw DatasetError("Cannot open the CSV file " + path + ": it has " + std::to_string(size) +
                           " bytes; " + cap + ".");
    std::ifstream file(path, std::ios::binary);
    if (!file)
        throw DatasetError("Cannot open the CSV file " + path +
                           ": permission denied or unreadable.");
    // At most one byte past the cap, in case the file grows while it is read.
    std::string content(static_cast<std::size_t>(std::min<std::uintmax_t>(size, kCsvMaxBytes)) + 1,
                        '\0');
    file.read(content.data(), static_cast<std::streamsize>(content.size()));
    if (file.bad()) throw DatasetError("Cannot read the CSV file " + path + ".");
    content.resize(static_cast<std::size_t>(file.gcount()));
    if (content.size() > kCsvMaxBytes)
        throw DatasetError("Cannot open the CSV file " + path + ": it has more than " +
                           std::to_string(kCsvMaxBytes) + " bytes; " + cap + ".");
    return parse_csv_dataset(content, path, label_column);
}

}  // namespace moelab
