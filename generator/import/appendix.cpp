#include "import/appendix.h"

#include <algorithm>
#include <set>

#include "base/csv.h"
#include "base/text.h"
#include "import/line_rules.h"

namespace minhbach::importer {

namespace {

bool Has(const std::string& folded, const char* words) { return folded.find(words) != std::string::npos; }

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// "năm 2030" / "Năm 2030" in a header or group title -> 2030, else 0.
int YearIn(const std::string& text) {
  std::string f = FoldVi(text);
  for (std::size_t p = f.find("nam "); p != std::string::npos; p = f.find("nam ", p + 1)) {
    std::size_t i = p + 4;
    if (i + 4 <= f.size() && IsDigit(f[i]) && IsDigit(f[i + 1]) && IsDigit(f[i + 2]) && IsDigit(f[i + 3]) &&
        (i + 4 == f.size() || !IsDigit(f[i + 4]))) {
      int y = std::stoi(f.substr(i, 4));
      if (y >= 1990 && y <= 2100) return y;
    }
  }
  return 0;
}

struct IndicatorColumns {
  int name = -1, measure = -1, result = -1, lead = -1, partners = -1, output = -1;
  std::vector<std::pair<int, int>> years;  // column, year
};

IndicatorColumns FindIndicatorColumns(const Table& t) {
  IndicatorColumns c;
  for (std::size_t i = 1; i < t.header.size(); ++i) {
    std::string f = FoldVi(t.header[i]);
    int col = static_cast<int>(i);
    if (Has(f, "phoi hop")) c.partners = col;
    else if (Has(f, "chu tri")) c.lead = col;
    else if (int y = YearIn(t.header[i]); y > 0) c.years.emplace_back(col, y);
    else if (Has(f, "don vi tinh")) c.measure = col;
    else if (Has(f, "ket qua") || Has(f, "muc tieu")) c.result = col;
    else if (Has(f, "san pham")) c.output = col;
    else if (Has(f, "chi tieu") && c.name < 0) c.name = col;
  }
  return c;
}

struct TaskColumns {
  int title = -1, lead = -1, partners = -1, output = -1, deadline = -1, note = -1;
};

TaskColumns FindTaskColumns(const Table& t) {
  TaskColumns c;
  for (std::size_t i = 1; i < t.header.size(); ++i) {
    std::string f = FoldVi(t.header[i]);
    int col = static_cast<int>(i);
    if (Has(f, "phoi hop")) c.partners = col;
    else if (Has(f, "chu tri") || Has(f, "phu trach")) c.lead = col;
    else if (Has(f, "thoi gian") || Has(f, "thoi han")) c.deadline = col;
    else if (Has(f, "ghi chu")) c.note = col;
    else if (Has(f, "san pham") || Has(f, "ket qua") || Has(f, "muc tieu")) c.output = col;
    else if ((Has(f, "nhiem vu") || Has(f, "noi dung") || Has(f, "cong viec")) && c.title < 0) c.title = col;
  }
  return c;
}

const std::string& CellAt(const TableRow& row, int col) {
  static const std::string kEmpty;
  return col >= 0 && static_cast<std::size_t>(col) < row.cells.size() ? row.cells[static_cast<std::size_t>(col)]
                                                                          : kEmpty;
}

// True when every cell but the code and the name is empty.
bool OnlyCodeAndName(const TableRow& row, int name_col) {
  for (std::size_t i = 1; i < row.cells.size(); ++i) {
    if (static_cast<int>(i) != name_col && !row.cells[i].empty()) return false;
  }
  return true;
}

// '%' when every target that the row states is a percentage ("≥ 70%",
// "80-90%", "phần đầu đạt 3%"); '' when one is not or there is none.
std::string InferMeasure(const std::map<int, std::string>& targets) {
  bool any = false;
  for (const auto& [year, raw] : targets) {
    if (raw.empty() || raw == "-") continue;
    if (!EndsWith(raw, "%")) return "";
    any = true;
  }
  return any ? "%" : "";
}

// The next free spelling of a repeated number: "2" -> "2-b", "2-c", ...
std::string UniqueNumber(const std::string& number, const std::set<std::string>& seen) {
  for (char suffix = 'b'; suffix <= 'z'; ++suffix) {
    std::string candidate = number + "-" + suffix;
    if (!seen.count(candidate)) return candidate;
  }
  return number + "-" + std::to_string(seen.size());
}

std::string Join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

}  // namespace

std::string CodeWithoutTrailingDot(const std::string& code) {
  std::string c = Trim(code);
  while (!c.empty() && c.back() == '.') c.pop_back();
  return c;
}

TableKind ClassifyTable(const Table& table) {
  for (const std::string& h : table.header) {
    if (Has(FoldVi(h), "chi tieu")) return TableKind::kIndicators;
  }
  for (const std::string& h : table.header) {
    std::string f = FoldVi(h);
    if (Has(f, "nhiem vu") || Has(f, "noi dung cong viec")) return TableKind::kTasks;
  }
  return TableKind::kOther;
}

std::vector<IndicatorRow> ReadIndicators(const Table& table, const std::string& key, const std::string& title,
                                         std::vector<Note>* notes) {
  std::vector<IndicatorRow> out;
  IndicatorColumns cols = FindIndicatorColumns(table);
  if (cols.name < 0) cols.name = 1;
  if (cols.result < 0 && cols.years.empty()) {
    notes->push_back({table.line, "indicator table has neither a 'Kết quả' column nor 'Năm YYYY' columns: its "
                                  "targets were not read; enter them in indicators.csv"});
  }
  std::string top_group;
  int top_year = 0;
  std::vector<std::pair<std::string, std::string>> sub_groups;  // code, "code name"
  std::set<std::string> seen;
  std::string last_code;
  char sub_letter = 'a';
  for (const TableRow& row : table.rows) {
    std::string code = CodeWithoutTrailingDot(row.cells[0]);
    const std::string& name = CellAt(row, cols.name);
    if (!row.sub_item && RomanValue(code) > 0 && OnlyCodeAndName(row, cols.name)) {
      top_group = code + " " + name;
      top_year = YearIn(name);
      sub_groups.clear();
      continue;
    }
    if (row.sub_item) {
      if (last_code.empty()) {
        notes->push_back({row.line, "row without a code before any numbered row: it was kept as code '" +
                                        std::string(1, sub_letter) + "'; give it its code in indicators.csv"});
        code = std::string(1, sub_letter++);
      } else {
        code = last_code + "." + std::string(1, sub_letter++);
        notes->push_back({row.line, "row without a code under " + last_code + ": kept as indicator " + code +
                                        "; check it against the signed plan"});
      }
    } else {
      last_code = code;
      sub_letter = 'a';
    }
    while (!sub_groups.empty() && !StartsWith(code, sub_groups.back().first + ".")) sub_groups.pop_back();
    if (!row.sub_item && OnlyCodeAndName(row, cols.name)) {
      sub_groups.emplace_back(code, code + " " + name);
      continue;
    }
    IndicatorRow ind;
    ind.table_key = key;
    ind.table_title = title;
    ind.code = code;
    if (seen.count(ind.code)) {
      std::string unique = UniqueNumber(ind.code, seen);
      notes->push_back({row.line, "code " + ind.code + " appears twice in this table: the second is kept as " +
                                      unique + "; correct the code in indicators.csv if the plan means another"});
      ind.code = unique;
    }
    seen.insert(ind.code);
    std::vector<std::string> path;
    if (!top_group.empty()) path.push_back(top_group);
    for (const auto& g : sub_groups) path.push_back(g.second);
    ind.group_path = Join(path, " / ");
    ind.name = name;
    for (const auto& [col, year] : cols.years) {
      const std::string& v = CellAt(row, col);
      if (!v.empty()) ind.targets[year] = v;
    }
    if (cols.result >= 0 && !CellAt(row, cols.result).empty()) {
      if (top_year > 0) {
        ind.targets[top_year] = CellAt(row, cols.result);
      } else {
        notes->push_back({row.line, "indicator " + ind.code + ": the result column has no year (no group row "
                                    "'Đến năm YYYY' above it); enter its target year in indicators.csv"});
      }
    }
    ind.measure = cols.measure >= 0 ? CellAt(row, cols.measure) : InferMeasure(ind.targets);
    ind.lead = CellAt(row, cols.lead);
    ind.partners = CellAt(row, cols.partners);
    ind.output = CellAt(row, cols.output);
    ind.source_line = row.line;
    out.push_back(std::move(ind));
  }
  return out;
}

std::vector<TaskRow> ReadTasks(const Table& table, const std::string& key, const std::string& title,
                               std::vector<Note>* notes) {
  std::vector<TaskRow> out;
  TaskColumns cols = FindTaskColumns(table);
  if (cols.title < 0) cols.title = 1;
  std::string section, section_title;
  std::set<std::string> seen;  // numbers used in the current section
  std::string last_number;
  char sub_letter = 'a';
  for (const TableRow& row : table.rows) {
    std::string number = CodeWithoutTrailingDot(row.cells[0]);
    if (!row.sub_item && IsSectionRow(row)) {
      section = number;
      section_title = CellAt(row, cols.title);
      seen.clear();
      last_number.clear();
      continue;
    }
    if (row.sub_item && last_number.empty()) {
      number = std::string(1, sub_letter++);
      notes->push_back({row.line, "row without a number before the first numbered task: kept as task " + number +
                                      "; give it its number in tasks.csv"});
    } else if (row.sub_item) {
      number = last_number + "." + std::string(1, sub_letter++);
      notes->push_back({row.line, "unnumbered item under task " + (section.empty() ? "" : section + ".") +
                                      last_number + ": kept as task " + number + "; check it against the signed plan"});
    } else {
      last_number = number;
      sub_letter = 'a';
    }
    if (number.empty()) {
      number = std::to_string(out.size() + 1);
      notes->push_back({row.line, "task without a number: numbered " + number + " by its position"});
    }
    if (seen.count(number)) {
      std::string unique = UniqueNumber(number, seen);
      notes->push_back({row.line, "task number " + number + " appears twice in section " +
                                      (section.empty() ? std::string("(none)") : section) +
                                      ": both rows are kept, this one as " + unique +
                                      "; if the signed plan numbers it differently, correct `number` in tasks.csv"});
      number = unique;
    }
    seen.insert(number);
    TaskRow t;
    t.table_key = key;
    t.table_title = title;
    t.section = section;
    t.section_title = section_title;
    t.number = number;
    t.title = CellAt(row, cols.title);
    t.lead = CellAt(row, cols.lead);
    t.partners = CellAt(row, cols.partners);
    t.output = CellAt(row, cols.output);
    t.deadline = CellAt(row, cols.deadline);
    t.note = CellAt(row, cols.note);
    t.source_line = row.line;
    out.push_back(std::move(t));
  }
  return out;
}

std::string AppendixKey(const std::string& heading) {
  int n = AppendixNumber(heading);
  return n > 0 ? "pl" + std::to_string(n) : "pl";
}

std::string AppendixTitle(const std::string& heading, const std::string& unit_name) {
  std::string h = CollapseSpace(StripHeadingMarkup(heading));
  if (!IsAllCaps(h)) return h;
  const std::string kHead = "PHỤ LỤC";
  std::string numeral, rest = h;
  if (StartsWith(h, kHead)) {
    rest = Trim(std::string_view(h).substr(kHead.size()));
    std::size_t end = 0;
    while (end < rest.size() && rest[end] != ' ' && rest[end] != ':' && rest[end] != '.') ++end;
    std::string first = rest.substr(0, end);
    bool arabic = !first.empty() && std::all_of(first.begin(), first.end(), IsDigit);
    if (arabic || RomanValue(first) > 0) {
      numeral = first;
      rest = rest.substr(end);
    }
    while (!rest.empty() && (rest[0] == ':' || rest[0] == '.' || rest[0] == '-' || rest[0] == ' ')) {
      rest.erase(0, 1);
    }
  }
  // Lower-case every word without a digit or slash (codes keep their capitals).
  std::vector<std::string> words = Split(rest, ' ');
  for (std::string& w : words) {
    bool code = std::any_of(w.begin(), w.end(), [](char c) { return IsDigit(c) || c == '/'; });
    if (!code) w = LowerVi(w);
  }
  auto capitalise = [](std::string* w) { *w = CapitalizeFirst(*w); };
  // Document types before a number or "số" keep their capital: "Nghị quyết 57-NQ/TW".
  static const std::vector<std::pair<std::string, std::string>> kDocTypes = {
      {"nghị", "quyết"}, {"quyết", "định"}, {"kế", "hoạch"}, {"kết", "luận"},
      {"chỉ", "thị"},    {"thông", "tư"},   {"chương", "trình"}};
  for (std::size_t i = 0; i + 2 < words.size(); ++i) {
    for (const auto& [a, b] : kDocTypes) {
      if (words[i] == a && words[i + 1] == b &&
          (words[i + 2] == "số" || (!words[i + 2].empty() && IsDigit(words[i + 2][0])))) {
        capitalise(&words[i]);
      }
    }
  }
  std::string sentence = Join(words, " ");
  // The unit's name keeps its capitals: "xã đồng phú" -> "xã Đồng Phú".
  if (!unit_name.empty()) {
    std::string lower = LowerVi(unit_name);
    for (std::size_t p = sentence.find(lower); p != std::string::npos; p = sentence.find(lower, p + 1)) {
      sentence.replace(p, lower.size(), unit_name);
    }
  }
  sentence = ReplaceAll(sentence, "việt nam", "Việt Nam");
  std::vector<std::string> first_word = Split(sentence, ' ');
  if (!first_word.empty()) {
    capitalise(&first_word[0]);
    sentence = Join(first_word, " ");
  }
  std::string out = "Phụ lục";
  if (!numeral.empty()) out += " " + numeral;
  if (!sentence.empty()) out += ": " + sentence;
  return out;
}

std::vector<int> TargetYears(const std::vector<IndicatorRow>& rows) {
  std::set<int> years = {2025, 2030, 2035, 2040, 2045};
  for (const IndicatorRow& r : rows) {
    for (const auto& [y, raw] : r.targets) years.insert(y);
  }
  return std::vector<int>(years.begin(), years.end());
}

std::string IndicatorsCsv(const std::vector<IndicatorRow>& rows, const std::vector<int>& years) {
  std::vector<std::string> header = {"table_key", "table_title", "code",    "group_path",
                                     "name",      "measure",     "direction"};
  for (int y : years) header.push_back("t" + std::to_string(y));
  for (const char* h : {"lead", "partners", "output", "source_line"}) header.push_back(h);
  std::string out = CsvLine(header);
  for (const IndicatorRow& r : rows) {
    std::vector<std::string> f = {r.table_key, r.table_title, r.code, r.group_path, r.name, r.measure, r.direction};
    for (int y : years) {
      auto it = r.targets.find(y);
      f.push_back(it == r.targets.end() ? "" : it->second);
    }
    f.push_back(r.lead);
    f.push_back(r.partners);
    f.push_back(r.output);
    f.push_back(std::to_string(r.source_line));
    out += CsvLine(f);
  }
  return out;
}

std::string TasksCsv(const std::vector<TaskRow>& rows) {
  std::string out = std::string(kTasksHeader) + "\n";
  for (const TaskRow& r : rows) {
    out += CsvLine({r.table_key, r.table_title, r.section, r.section_title, r.number, r.title, r.lead, r.partners,
                    r.output, r.deadline, r.note, std::to_string(r.source_line)});
  }
  return out;
}

}  // namespace minhbach::importer
