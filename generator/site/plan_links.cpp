#include "site/plan_links.h"

#include <map>
#include <unordered_map>

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
  // A table's rows come together and share its title: fold it once, not
  // once per row (folding Vietnamese is a few thousand instructions).
  const std::string* title = nullptr;
  std::vector<const AppendixRow*>* same = nullptr;
  for (const AppendixRow& r : rows) {
    if (title == nullptr || *title != r.table_title) {
      title = &r.table_title;
      same = &by_table[TitleKey(r.table_title)];
    }
    same->push_back(&r);
  }

  // The current table's rows by what a line can name them with: an
  // indicator by code, a task by (section, number) or by title. Lookups,
  // not a pass over the table for every line of it.
  struct TableIndex {
    std::unordered_map<std::string, std::vector<const AppendixRow*>> by_code, by_number, by_title;
  } index;
  auto number_key = [](const std::string& section, const std::string& number) { return section + '\x1f' + number; };

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
    const std::string_view eol = next > 0 && markdown[next - 1] == '\n' ? "\n" : "";

    if (StartsWith(line, "#")) {
      // Every heading starts a new region; an appendix heading names its table.
      std::string text = line.substr(line.find_first_not_of('#'));
      auto it = by_table.find(TitleKey(text));
      table = it == by_table.end() ? nullptr : &it->second;
      section.clear();
      has_sections = false;
      index = TableIndex();
      if (table) {
        for (const AppendixRow* r : *table) {
          has_sections = has_sections || (r->task && !r->section.empty());
          if (!r->task) index.by_code[r->code].push_back(r);
          if (r->task) index.by_number[number_key(r->section, r->number)].push_back(r);
          if (r->task) index.by_title[r->title].push_back(r);
        }
      }
      out.append(line).append(eol);
      continue;
    }
    if (!table || !StartsWith(Trim(line), "|")) {
      out.append(line).append(eol);
      continue;
    }
    std::vector<std::size_t> pipes = Pipes(line);
    if (pipes.size() < 3) {
      out.append(line).append(eol);
      continue;
    }
    std::vector<std::string> cells;
    for (std::size_t k = 0; k + 1 < pipes.size(); ++k) {
      cells.push_back(line.substr(pipes[k] + 1, pipes[k + 1] - pipes[k] - 1));
    }
    if (IsDelimiterRow(cells)) {
      out.append(line).append(eol);
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
    auto consider_all = [&](const std::unordered_map<std::string, std::vector<const AppendixRow*>>& by,
                            const std::string& key, std::size_t cell) {
      auto it = by.find(key);
      if (it == by.end()) return;
      for (const AppendixRow* r : it->second) consider(r, cell);
    };
    if (!first.empty()) consider_all(index.by_code, first, 1);
    if (candidates == 0 && has_sections && IsRomanOrDigits(LowerVi(first)) && first.find_first_of("0123456789") ==
                                                                                    std::string::npos) {
      section = first;  // a section row: "**II**"
    } else if (candidates == 0 && !first.empty()) {
      consider_all(index.by_number, number_key(section, first), 1);
      if (candidates == 0) consider_all(index.by_title, first, 0);
    }
    if (candidates != 1 || name_cell >= cells.size()) {
      out.append(line).append(eol);
      continue;
    }
    std::string text = Trim(cells[name_cell]);
    if (text.empty() || text.find_first_of("[]") != std::string::npos) {
      out.append(line).append(eol);
      continue;
    }
    linked->insert(match->id);
    std::size_t from = pipes[name_cell] + 1, to = pipes[name_cell + 1];
    out.append(line, 0, from).append(" [").append(text).append("](").append(match->href).append(") ");
    out.append(line, to, std::string::npos).append(eol);
  }
  return out;
}

}  // namespace minhbach::site
