// Rebuilding a table from its tab-separated lines: the header row that the
// extraction repeated after every page break is dropped, and a row that a
// page break cut in two is merged back cell by cell.
//
// Merge rule: a row whose first cell is empty and that follows a page break
// (a blank line or a repeated header) continues the row before it. Each of
// its cells is appended to the cell above with one space. Vietnamese writes
// every syllable as a separate word, so a cut between two lines is a cut
// between syllables ("giải quyết thủ" / "tục hành chính"), and one space
// rebuilds the text exactly; the one exception is a code cut right after
// its hyphen or slash ("57-" / "NQ/TW"), joined without a space. A row
// with an empty first cell that does NOT follow a page break, or whose text
// starts with a list mark ("- ", "+ ", "a)"), is an unnumbered sub-item of
// the row above, kept as its own row.
#pragma once

#include <string>
#include <vector>

#include "import/plan_text.h"

namespace minhbach::importer {

struct TableRow {
  int line = 0;                    // source line where the row starts
  std::vector<std::string> cells;  // cleaned; exactly header.size() cells
  std::vector<int> merged_lines;   // continuation lines merged into this row
  bool sub_item = false;           // empty first cell, not a continuation
};

struct Table {
  int line = 0;      // source line of the header
  int end_line = 0;  // source line of the last row
  std::vector<std::string> header;
  std::vector<TableRow> rows;
  int repeated_headers = 0;  // header rows dropped after page breaks
  int continuations = 0;     // rows merged into the row above
  // Problems the editor should look at, with their source lines.
  std::vector<std::pair<int, std::string>> notes;
  // LaTeX commands CleanText did not know.
  std::vector<std::pair<int, std::string>> unknown_latex;
};

// Appends a continuation cell to the cell above (see the rule above).
std::string JoinContinuation(const std::string& above, const std::string& below);

// A group row ("I | Đến năm 2030 | | |"): a Roman numeral, a title, and
// nothing else.
bool IsSectionRow(const TableRow& row);

// Rebuilds a table from a kTable block's lines; the first line is the header.
Table RebuildTable(const std::vector<TableLine>& lines);

}  // namespace minhbach::importer
