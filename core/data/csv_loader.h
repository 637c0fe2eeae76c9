#pragma once
// Reading comma-separated text: a small record reader shared by the embedded vowel table and the
// loader for people's own CSV files, which checks every cell and reports the first bad one by file,
// line and column.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "data/dataset.h"

namespace moelab {

inline constexpr std::size_t kCsvMaxRows = 1'000'000;  // data rows, not counting the header
inline constexpr std::size_t kCsvMaxColumns = 1'000;
inline constexpr std::size_t kCsvMaxBytes = std::size_t(512) << 20;  // 512 MiB

// Splits CSV text into records of fields. Fields are separated by commas; a field may be enclosed
// in double quotes, which lets it hold commas, and "" inside quotes stands for one quote. Lines end
// in LF or CRLF; blank lines are accepted only at the end of the text. A quoted field must close on
// its own line. A UTF-8 byte order mark is skipped. Every record must have as many fields as the
// first. Throws DatasetError naming `source`, the line and (where it applies) the column.
class CsvReader {
  public:
    CsvReader(std::string_view text, std::string source);

    // Reads the next record into `fields` (unquoted, not trimmed); false at the end of the text.
    bool next(std::vector<std::string>& fields);
    // The 1-based line the last record came from.
    int line() const { return record_line_; }
    const std::string& source() const { return source_; }

    // "<source>, line L" or "<source>, line L, column C" for messages.
    std::string where(int line, int column = 0) const;

  private:
    [[noreturn]] void fail(int column, const std::string& what) const;
    bool rest_is_blank() const;

    std::string_view text_;
    std::string source_;
    std::size_t position_ = 0;
    int next_line_ = 1;
    int record_line_ = 0;
    std::size_t columns_ = 0;  // fields per record, fixed by the first record
};

// Reads a person's CSV file: the first row names the columns, every other column than the label
// column holds numbers (no NaN or Inf), the label column holds class names (any text). Classes are
// sorted: numerically when every label is a number (so 2 comes before 10), else by their bytes.
// `label_column` names the label column; empty means the last column. The split is not assigned.
// Throws DatasetError naming the file, line and column of the first problem: missing file, empty
// file, no header row, ragged row, blank line in the middle, bad quoting, a value that is not a
// number, NaN or Inf, unknown label column, a single class, a class with fewer than 2 rows, more
// than kCsvMaxRows rows or kCsvMaxColumns columns; a path that is not a regular file (a device or
// a FIFO) or a file larger than kCsvMaxBytes. A header whose feature names are all numbers (a file
// without a header, its first row taken as one) is read, with a warning in Dataset::warnings.
Dataset load_csv_dataset(const std::string& path, const std::string& label_column = {});

// The same checks on text already in memory; `source` names it in messages.
Dataset parse_csv_dataset(std::string_view text, const std::string& source,
                          const std::string& label_column = {});

}  // namespace moelab
