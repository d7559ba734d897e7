// CSV as editors' spreadsheets save it: RFC 4180, UTF-8, comma-separated,
// quoted fields with doubled quotes, a header row. Every row remembers its
// line so errors can say "bao-cao/2026-Q3.csv:14: column percent: ...".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace minhbach {

struct CsvRow {
  int line = 0;                    // 1-based line where the row starts
  std::vector<std::string> cells;  // trimmed, NFC
};

struct CsvTable {
  std::string file;                 // for messages
  std::vector<std::string> header;  // column names, trimmed
  std::vector<CsvRow> rows;         // data rows; blank lines skipped

  // Index of a column by name, or -1.
  int Column(std::string_view name) const;
  // Cell of a row by column name ("" when the row is short or the column absent).
  const std::string& Cell(const CsvRow& row, std::string_view column) const;
  // Error if any of `required` is not in the header.
  Status RequireColumns(const std::vector<std::string>& required) const;
};

// Parses text (already NFC). `file` is used in error messages only.
Result<CsvTable> ParseCsv(std::string_view text, const std::string& file);
// Reads and parses a file (UTF-8 checked, BOM dropped, NFC).
Result<CsvTable> ReadCsvFile(const std::string& path);

// Writes one field, quoted when needed; rows end with "\n".
std::string CsvEscape(std::string_view field);
std::string CsvLine(const std::vector<std::string>& fields);

}  // namespace minhbach
