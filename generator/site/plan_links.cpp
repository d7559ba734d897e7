#include "site/plan_links.h"

#include <map>

#include "base/text.h"

namespace minhbach::site {

namespace {

bool IsRomanOrDigits(std::string_view s) {
  if (s.empty()) return false;
  bool digits = true, roman = true;
  for (char c : s) {
    digits = digits && c >= '0' && c <= '9';
    roman = roman && (c == 'i' || c == 'v' || c == 'x' || c == 'l');
  }
  return digits || roman;
}

// A title's key: its slug without leading numbering ("3-bang-phan-cong"
// and "bang-phan-cong" are the same table).
std::string TitleKey(std::string_view title) {
  std::string slug = Slugify(title);
  for (;;) {
    std::size_t dash = slug.find('-');
    if (dash == std::string::npos || !IsRomanOrDigits(std::string_view(slug).substr(0, dash))) break;
    // Keep "phu-luc-3-…": numbering is only stripped at the very start.
    slug.erase(0, dash + 1);
  }
  return slug;
}

// Byte offsets of the unescaped '|' of a table line.
std::vector<std::size_t> Pipes(const std::string& line) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\') {
      ++i;
      continue;
    }
    if (line[i] == '|') out.push_back(i);
  }
  return out;
}

// A cell's text without surrounding spaces and bold markers.
std::string CellText(const std::string& cell) {
  std::string t = Trim(cell);
  while (t.size() >= 4 && StartsWith(t, "**") && EndsWith(t, "**")) t = Trim(t.substr(2, t.size() - 4));
  return t;
}

bool IsDelimiterRow(const std::vector<std::string>& cells) {
  for (const std::string& c : cells) {
    std::string t = Trim(c);
    if (t.empty()) continue;
    if (t.find_first_not_of("-: ") != std::string::npos) return false;
  }
  return true;
}

}  // namespace

std::string LinkAppendixRows(const std::string& markdown, const std::vector<AppendixRow>& rows,
                             std::set<std::string>* linked) {
  std::map<std::string, std::vector<const AppendixRow*>> by_table;
  for (const AppendixRow& r : rows) by_table[TitleKey(r.table_title)].push_back(&r);

  std::string out;
  out.reserve(markdown.size() + rows.size() * 48);
  const std::vector<const AppendixRow*>* table = nullptr;
  std::string section;
  bool has_sections = false;
  std::size_t pos = 0;
  while (pos < markdown.size()) {
    std::size_t end = markdown.find('\n', pos);
    std::size_t next = end == std::string::npos ? markdown.size() : end + 1;
    std::string line = markdown.substr(pos, (end == std::string::npos ? markdown.size() : end) - pos);
    pos = next;
    std::string eol = next > 0 && markdown[next - 1] == '\n' ? "\n" : "";

    if (StartsWith(line, "#")) {
      // Every heading starts a new region; an appendix heading names its table.
      std::string text = line.substr(line.find_first_not_of('#'));
      auto it = by_table.find(TitleKey(text));
      table = it == by_table.end() ? nullptr : &it->second;
      section.clear();
      has_sections = false;
      if (table) {
        for (const AppendixRow* r : *table) has_sections = has_sections || (r->task && !r->section.empty());
      }
      out += line + eol;
      continue;
    }
    std::vector<std::size_t> pipes = Pipes(line);
    if (!table || !StartsWith(Trim(line), "|") || pipes.size() < 3) {
      out += line + eol;
      continue;
    }
    std::vector<std::string> cells;
    for (std::size_t k = 0; k + 1 < pipes.size(); ++k) {
      cells.push_back(line.substr(pipes[k] + 1, pipes[k + 1] - pipes[k] - 1));
    }
    if (IsDelimiterRow(cells)) {
      out += line + eol;
      continue;
    }
    const std::string first = CellText(cells[0]);

    // Which database row is this? Exactly one candidate, or none.
    const AppendixRow* match = nullptr;
    int candidates = 0;
    std::size_t name_cell = 1;
    auto consider = [&](const AppendixRow* r, std::size_t cell) {
      if (linked->count(r->id)) return;
      ++candidates;
      match = r;
      name_cell = cell;
    };
    for (const AppendixRow* r : *table) {
      if (!r->task && !first.empty() && r->code == first) consider(r, 1);
    }
    if (candidates == 0 && has_sections && IsRomanOrDigits(LowerVi(first)) && first.find_first_of("0123456789") ==
                                                                                    std::string::npos) {
      section = first;  // a section row: "**II**"
    } else if (candidates == 0 && !first.empty()) {
      for (const AppendixRow* r : *table) {
        if (r->task && r->section == section && r->number == first) consider(r, 1);
      }
      if (candidates == 0) {
        for (const AppendixRow* r : *table) {
          if (r->task && r->title == first) consider(r, 0);
        }
      }
    }
    if (candidates != 1 || name_cell >= cells.size()) {
      out += line + eol;
      continue;
    }
    std::string text = Trim(cells[name_cell]);
    if (text.empty() || text.find_first_of("[]") != std::string::npos) {
      out += line + eol;
      continue;
    }
    linked->insert(match->id);
    std::size_t from = pipes[name_cell] + 1, to = pipes[name_cell + 1];
    out += line.substr(0, from) + " [" + text + "](" + match->href + ") " + line.substr(to) + eol;
  }
  return out;
}

}  // namespace minhbach::site
