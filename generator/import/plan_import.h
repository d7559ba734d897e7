// One plan's extracted text -> the three files of its content folder:
// index.md (front matter + Markdown), indicators.csv and tasks.csv, plus
// notes for the editor on everything that could not be structured. Pure:
// no file access, so the seeds can be tested end to end in memory.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/value.h"
#include "import/appendix.h"

namespace minhbach::importer {

struct ImportOptions {
  std::string unit;    // the unit's name, "Đại Sơn"
  std::string key;     // the plan's short key; "" derives it from the title
  std::string source;  // the original file's name, for `source:` in index.md
};

// What became of one table of the text.
struct ImportedTable {
  std::string key;    // "pl2"
  std::string title;  // "Phụ lục II: ..."
  TableKind kind = TableKind::kOther;
  int line = 0, end_line = 0;
  std::size_t rows = 0;  // indicators or tasks read
  int repeated_headers = 0;
  int continuations = 0;
};

struct ImportResult {
  Value front_matter;      // title, unit, key, number, ... source (in this order)
  std::string key;         // the plan key used in the CSV slugs
  std::string slug;        // default folder name: kh-<key>-<year>
  std::string index_md;
  std::string indicators_csv;
  std::string tasks_csv;
  std::vector<IndicatorRow> indicators;
  std::vector<TaskRow> tasks;
  std::vector<ImportedTable> tables;
  std::vector<Note> notes;  // sorted by line
};

ImportResult ImportPlan(std::string_view text, const ImportOptions& options);

// The plan key from a title or a basis document: the first resolution,
// decision, conclusion or directive cited ("Nghị quyết số 11/NQ-CP" ->
// "nq11", "Quyết định số 709/QĐ-TTg" -> "qd709"); "" when there is none.
std::string KeyFromText(const std::string& text);

// "ngày 05 tháng 3 năm 2026" -> "2026-03-05"; "" unless day, month and year
// are all written and form a real date.
std::string IsoDateFromVi(const std::string& place_date);

}  // namespace minhbach::importer
