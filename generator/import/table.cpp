#include "import/table.h"

#include "base/text.h"
#include "import/clean.h"

namespace minhbach::importer {

namespace {

// The header compared loosely: "<b>Stt</b>" repeats "Stt".
std::vector<std::string> HeaderKey(const std::vector<std::string>& cells) {
  std::vector<std::string> key;
  for (const std::string& c : cells) key.push_back(FoldVi(c));
  while (!key.empty() && key.back().empty()) key.pop_back();
  return key;
}

bool StartsWithListMark(const std::string& s) {
  if (StartsWith(s, "- ") || StartsWith(s, "+ ") || StartsWith(s, "• ")) return true;
  // "a) ", "b) ", "đ) ".
  std::u32string d = DecodeUtf8(s);
  return d.size() >= 3 && d[1] == U')' && d[2] == U' ' && ((d[0] >= U'a' && d[0] <= U'z') || d[0] == U'đ');
}

}  // namespace

std::string JoinContinuation(const std::string& above, const std::string& below) {
  if (above.empty()) return below;
  if (below.empty()) return above;
  char last = above.back();
  bool code_cut = (last == '-' || last == '/') && above.size() >= 2 && above[above.size() - 2] != ' ';
  return code_cut ? above + below : above + " " + below;
}

bool IsSectionRow(const TableRow& row) {
  if (row.cells.size() < 2 || RomanValue(row.cells[0]) == 0) return false;
  for (std::size_t c = 2; c < row.cells.size(); ++c) {
    if (!row.cells[c].empty()) return false;
  }
  return true;
}

Table RebuildTable(const std::vector<TableLine>& lines) {
  Table t;
  if (lines.empty()) return t;
  auto clean = [&t](const TableLine& l) {
    std::vector<std::string> cells;
    for (const std::string& raw : l.cells) {
      std::vector<std::string> unknown;
      cells.push_back(CleanText(raw, &unknown));
      for (std::string& u : unknown) t.unknown_latex.emplace_back(l.line, std::move(u));
    }
    return cells;
  };
  t.line = t.end_line = lines[0].line;
  t.header = clean(lines[0]);
  while (!t.header.empty() && t.header.back().empty()) t.header.pop_back();
  const std::vector<std::string> header_key = HeaderKey(t.header);
  const std::size_t width = t.header.size();
  if (width == 0) {
    t.notes.emplace_back(t.line, "the table's first line has no text: expected a header row (STT, ...)");
    return t;
  }

  bool after_header_repeat = false;
  for (std::size_t k = 1; k < lines.size(); ++k) {
    const TableLine& l = lines[k];
    t.end_line = l.line;
    std::vector<std::string> cells = clean(l);
    if (HeaderKey(cells) == header_key) {
      ++t.repeated_headers;
      after_header_repeat = true;
      continue;
    }
    bool page_break = l.after_break || after_header_repeat;
    after_header_repeat = false;

    while (cells.size() > width && cells.back().empty()) cells.pop_back();
    if (cells.size() > width) {
      t.notes.emplace_back(l.line, "row has " + std::to_string(cells.size()) + " cells but the header has " +
                                       std::to_string(width) + ": the extra cells were appended to the last "
                                       "column; check the row against the signed plan");
      for (std::size_t c = width; c < cells.size(); ++c) {
        cells[width - 1] = JoinContinuation(cells[width - 1], cells[c]);
      }
      cells.resize(width);
    }
    cells.resize(width);
    bool all_empty = true;
    for (const std::string& c : cells) all_empty = all_empty && c.empty();
    if (all_empty) continue;

    if (cells[0].empty()) {
      std::string first_text;
      for (const std::string& c : cells) {
        if (!c.empty()) {
          first_text = c;
          break;
        }
      }
      if (page_break && !t.rows.empty() && !StartsWithListMark(first_text)) {
        TableRow& above = t.rows.back();
        for (std::size_t c = 0; c < width; ++c) above.cells[c] = JoinContinuation(above.cells[c], cells[c]);
        above.merged_lines.push_back(l.line);
        ++t.continuations;
        continue;
      }
      TableRow row;
      row.line = l.line;
      row.cells = std::move(cells);
      row.sub_item = true;
      t.rows.push_back(std::move(row));
      continue;
    }
    TableRow row;
    row.line = l.line;
    row.cells = std::move(cells);
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace minhbach::importer
