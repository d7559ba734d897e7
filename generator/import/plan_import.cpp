#include "import/plan_import.h"

#include <algorithm>
#include <deque>
#include <map>
#include <regex>
#include <set>

#include "base/date.h"
#include "base/text.h"
#include "import/clean.h"
#include "import/line_rules.h"
#include "import/markdown_writer.h"
#include "import/plan_text.h"
#include "load/front_matter.h"

namespace minhbach::importer {

namespace {

std::string StripListPunctuation(std::string s) {
  while (!s.empty() && (s.back() == ',' || s.back() == ';' || s.back() == '.' || s.back() == ' ')) s.pop_back();
  return s;
}

// The enacting sentence in `text`: it starts the text or follows ". ", it
// starts with an issuing body and it says that body builds/issues the plan.
// Returns its start and the issuer (the words before the verb).
bool FindEnacting(const std::string& text, std::size_t* start, std::string* issuer) {
  std::size_t best = std::string::npos;
  for (const std::string& head : IssuerHeads()) {
    for (std::size_t p = text.find(head); p != std::string::npos; p = text.find(head, p + 1)) {
      // A sentence start: the text's start, after ". ", or after ", " where a
      // list of basis documents ("Căn cứ ...,") runs into it.
      if (p != 0 && (p < 2 || (text.compare(p - 2, 2, ". ") != 0 && text.compare(p - 2, 2, ", ") != 0))) continue;
      std::size_t end = text.find(". ", p);
      std::string sentence = text.substr(p, end == std::string::npos ? std::string::npos : end - p);
      std::size_t verb = std::string::npos;
      for (const std::string& v : EnactingVerbs()) verb = std::min(verb, sentence.find(v));
      if (verb == std::string::npos || p >= best) continue;
      best = p;
      *issuer = Trim(sentence.substr(0, verb));
    }
  }
  *start = best;
  return best != std::string::npos;
}

// "xã" alone at the end of an issuer means this unit: "... chuyển đổi số xã"
// -> "... chuyển đổi số xã Đồng Phú".
std::string CompleteIssuer(std::string issuer, const std::string& unit) {
  if (!unit.empty() && (EndsWith(issuer, " xã") || EndsWith(issuer, " phường"))) issuer += " " + unit;
  return issuer;
}

// A year written in `text`: the first "năm YYYY" when `after_nam`, else the
// last 19xx/20xx ("Đại Sơn, ngày tháng 3 năm 2026" -> 2026).
std::string YearOf(const std::string& text, bool after_nam) {
  std::string f = FoldVi(text);
  std::smatch m;
  static const std::regex kNam("nam (\\d{4})");
  static const std::regex kAny("(19|20)\\d\\d");
  if (after_nam) return std::regex_search(f, m, kNam) ? m[1].str() : "";
  std::string last;
  for (auto it = std::sregex_iterator(f.begin(), f.end(), kAny); it != std::sregex_iterator(); ++it) {
    last = it->str();
  }
  return last;
}

std::string NoteRange(int a, int b) { return a == b ? std::to_string(a) : std::to_string(a) + "–" + std::to_string(b); }

// Statements with a percentage ("đạt từ 60% trở lên", "≥ 90% dân số").
bool HasPercentTarget(const std::string& text) {
  static const std::regex kPercent("\\d\\s?%");
  return std::regex_search(text, kPercent);
}

struct ProseTargets {
  std::size_t heading = 0;
  int line = 0, end_line = 0;
  int count = 0;
};

// Sections headed "Chỉ tiêu"/"Mục tiêu" whose paragraphs and list items
// state percentages: indicators written as prose. The innermost section
// that holds them all is reported.
std::vector<ProseTargets> FindProseTargets(const std::vector<Block>& blocks) {
  std::vector<ProseTargets> found;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const Block& h = blocks[i];
    if (h.kind != BlockKind::kHeading || h.marker == Marker::kAppendix) continue;
    std::string f = FoldVi(h.Text());
    if (f.find("chi tieu") == std::string::npos && f.find("muc tieu") == std::string::npos) continue;
    ProseTargets p;
    p.heading = i;
    p.line = h.line;
    p.end_line = h.end_line;
    for (std::size_t j = i + 1; j < blocks.size(); ++j) {
      const Block& b = blocks[j];
      if ((b.kind == BlockKind::kHeading && b.level <= h.level) || b.kind == BlockKind::kTable) break;
      if ((b.kind == BlockKind::kParagraph || b.kind == BlockKind::kListItem) && HasPercentTarget(b.Text())) {
        ++p.count;
        p.end_line = b.end_line;
      }
    }
    if (p.count > 0) found.push_back(p);
  }
  // Drop a section when a section inside it holds the same statements.
  std::vector<ProseTargets> innermost;
  for (const ProseTargets& p : found) {
    bool has_inner = std::any_of(found.begin(), found.end(), [&](const ProseTargets& q) {
      return q.heading > p.heading && q.end_line <= p.end_line && q.count == p.count;
    });
    if (!has_inner) innermost.push_back(p);
  }
  return innermost;
}

// Appendix numbers the text refers to ("Phụ lục III", "Phụ lục 2"), with
// the first line that does.
std::map<int, int> AppendixReferences(const std::vector<Block>& blocks) {
  std::map<int, int> refs;
  static const std::regex kRef("phu luc (x{0,3}(?:ix|iv|v?i{0,3})|\\d+)\\b");
  for (const Block& b : blocks) {
    if (b.kind == BlockKind::kTable || b.kind == BlockKind::kBrokenTable || b.marker == Marker::kAppendix) continue;
    std::string f = FoldVi(b.Text());
    for (auto it = std::sregex_iterator(f.begin(), f.end(), kRef); it != std::sregex_iterator(); ++it) {
      std::string n = (*it)[1].str();
      if (n.empty()) continue;
      int value = 0;
      if (n[0] >= '0' && n[0] <= '9') {
        value = std::stoi(n);
      } else {
        std::string upper = n;
        for (char& c : upper) c = static_cast<char>(c - 'a' + 'A');
        value = RomanValue(upper);
      }
      if (value > 0 && !refs.count(value)) refs[value] = b.line;
    }
  }
  return refs;
}

std::string RomanOf(int n) {
  static const char* const kRomans[] = {"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"};
  return n >= 0 && n <= 10 ? kRomans[n] : std::to_string(n);
}

}  // namespace

std::string KeyFromText(const std::string& text) {
  static const std::vector<std::pair<std::regex, std::string>> kKinds = {
      {std::regex("Nghị quyết (số )?(\\d+)"), "nq"},
      {std::regex("Quyết định (số )?(\\d+)"), "qd"},
      {std::regex("Kết luận (số )?(\\d+)"), "kl"},
      {std::regex("Chỉ thị (số )?(\\d+)"), "ct"},
  };
  std::size_t best = std::string::npos;
  std::string key;
  for (const auto& [re, prefix] : kKinds) {
    std::smatch m;
    if (std::regex_search(text, m, re) && static_cast<std::size_t>(m.position(0)) < best) {
      best = static_cast<std::size_t>(m.position(0));
      key = prefix + m[2].str();
    }
  }
  return key;
}

std::string IsoDateFromVi(const std::string& place_date) {
  static const std::regex kDate("ngay\\s+(\\d{1,2})\\s+thang\\s+(\\d{1,2})\\s+nam\\s+(\\d{4})");
  std::string f = FoldVi(place_date);
  std::smatch m;
  if (!std::regex_search(f, m, kDate)) return "";
  Date d{std::stoi(m[3].str()), std::stoi(m[2].str()), std::stoi(m[1].str())};
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > DaysInMonth(d.year, d.month)) return "";
  return d.ToIso();
}

namespace {

const char kLatexAdvice[] = " kept as written: replace it with the symbol it stands for";

// LaTeX, tags and spacing of every line outside tables.
void CleanBlocks(std::vector<Block>* blocks, std::vector<Note>* notes) {
  for (Block& b : *blocks) {
    for (std::string& l : b.lines) {
      std::vector<std::string> unknown;
      l = CleanText(l, &unknown);
      for (const std::string& u : unknown) notes->push_back({b.line, "unknown LaTeX command " + u + kLatexAdvice});
    }
  }
}

struct Header {
  std::string number, place_date, date;
};

// The document number and the place-and-date line above the title.
Header ReadHeader(const PlanText& plan, int title_line, std::vector<Note>* notes) {
  Header h;
  int place_line = 0;
  for (const auto& [line, raw] : plan.header) {
    std::string t = CleanText(ReplaceAll(StripHeadingMarkup(raw), "*", ""));
    if (h.number.empty() && StartsWith(t, "Số")) h.number = t;
    std::string f = FoldVi(t);
    if (h.place_date.empty() && f.find(", ngay") != std::string::npos && f.find("nam") != std::string::npos) {
      h.place_date = t;
      place_line = line;
    }
  }
  if (h.number.empty()) {
    notes->push_back({title_line, "no document number ('Số: ...') above the title: `number` left empty; fill it "
                                  "in index.md from the signed plan"});
  }
  h.date = IsoDateFromVi(h.place_date);
  if (h.place_date.empty()) {
    notes->push_back({title_line, "no place and date ('<place>, ngày ... tháng ... năm ...') above the title: "
                                  "`place_date` and `date` left empty; fill them in index.md from the signed plan"});
  } else if (h.date.empty()) {
    notes->push_back({place_line, "the date '" + h.place_date + "' lacks its day: `date` left empty; fill it in "
                                  "index.md (YYYY-MM-DD) once the plan is signed"});
  }
  return h;
}

// "KẾ HOẠCH" and its subject: the first block after the title line, which
// is removed from the body (it is the page's title).
std::string TakeTitle(const PlanText& plan, std::vector<Block>* blocks, std::vector<Note>* notes) {
  if (plan.title_line == 0) {
    notes->push_back({1, "no line 'KẾ HOẠCH' (the plan's title): `title` left empty and the whole text kept as "
                         "the body; write the title in index.md"});
    return "";
  }
  const Block* first = blocks->empty() ? nullptr : &blocks->front();
  if (first != nullptr && first->marker == Marker::kNone &&
      (first->kind == BlockKind::kParagraph || (first->kind == BlockKind::kHeading && first->markdown_heading))) {
    std::string title = "KẾ HOẠCH " + first->Text();
    blocks->erase(blocks->begin());
    return title;
  }
  notes->push_back({plan.title_line, "no subject line under 'KẾ HOẠCH': the title is only 'KẾ HOẠCH'; complete "
                                     "`title` in index.md"});
  return "KẾ HOẠCH";
}

// The basis documents (one per paragraph before the enacting sentence) and
// the issuing body named by that sentence.
void ReadBasis(const std::vector<Block>& blocks, const std::string& unit, int title_line,
               std::vector<std::string>* basis, std::string* issuer, std::vector<Note>* notes) {
  for (const Block& b : blocks) {
    if (b.kind != BlockKind::kParagraph || b.marker != Marker::kNone) break;
    std::string t = b.Text();
    std::size_t start = 0;
    std::string found;
    if (FindEnacting(t, &start, &found)) {
      std::string before = StripListPunctuation(Trim(t.substr(0, start)));
      if (!before.empty()) basis->push_back(before);
      *issuer = CompleteIssuer(found, unit);
      return;
    }
    basis->push_back(StripListPunctuation(t));
  }
  // Without the enacting sentence the basis ends where the "Căn cứ ..." /
  // "Thực hiện ..." paragraphs do.
  std::size_t keep = 0;
  while (keep < basis->size() &&
         (StartsWith((*basis)[keep], "Căn cứ") || StartsWith((*basis)[keep], "Thực hiện"))) {
    ++keep;
  }
  basis->resize(keep);
  notes->push_back({title_line, "no sentence '<issuing body> xây dựng/ban hành Kế hoạch ...' before the first "
                                "heading: `issuer` left empty and `basis` holds only the 'Căn cứ'/'Thực hiện' "
                                "paragraphs; check both in index.md"});
}

// The person's name closing the text before the appendices.
std::string FindSigner(const std::vector<Block>& blocks, int title_line, std::vector<Note>* notes) {
  std::size_t end = blocks.size();
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i].kind == BlockKind::kHeading && blocks[i].marker == Marker::kAppendix) {
      end = i;
      break;
    }
  }
  for (std::size_t i = end; i-- > 0;) {
    if (blocks[i].kind == BlockKind::kHeading) break;
    if (blocks[i].kind == BlockKind::kParagraph && LooksLikePersonName(blocks[i].Text())) {
      return StripHeadingMarkup(blocks[i].Text());
    }
  }
  notes->push_back({title_line, "no signer's name (a line like 'Đào Văn Soái' under the signature) before the "
                                "appendices: `signer` left empty; fill it in index.md"});
  return "";
}

// --key, else the first resolution/decision of the title, else of the basis,
// else "kh" + the plan number the title cites.
std::string ChooseKey(const std::string& given, const std::string& title, const std::vector<std::string>& basis,
                      int title_line, std::vector<Note>* notes) {
  std::string key = given.empty() ? KeyFromText(title) : given;
  for (std::size_t i = 0; key.empty() && i < basis.size(); ++i) key = KeyFromText(basis[i]);
  if (!key.empty()) return key;
  static const std::regex kPlanNumber("Kế hoạch (số )?(\\d+)");
  std::smatch m;
  key = std::regex_search(title, m, kPlanNumber) ? "kh" + m[2].str() : "kh";
  notes->push_back({title_line, "no resolution or decision number in the title or the basis: key '" + key +
                                "' used; pass --key to choose another"});
  return key;
}

// Rebuilt tables, kept at stable addresses for the Markdown writer.
struct Tables {
  std::deque<Table> rebuilt;
  std::vector<const Table*> of_block;  // per block; nullptr when it is not a table
  std::set<int> appendix_numbers;      // the "PHỤ LỤC n" headings present
};

// Rebuilds every table, reads its rows into `r` and notes what it could not.
Tables ReadTables(const std::vector<Block>& blocks, const std::string& unit, ImportResult* r) {
  Tables tables;
  tables.of_block.assign(blocks.size(), nullptr);
  std::vector<Note>& notes = r->notes;
  const Block* appendix = nullptr;
  int tables_under_appendix = 0;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const Block& b = blocks[i];
    if (b.kind == BlockKind::kHeading && b.marker == Marker::kAppendix) {
      appendix = &b;
      tables_under_appendix = 0;
      if (int n = AppendixNumber(b.Text()); n > 0) tables.appendix_numbers.insert(n);
      continue;
    }
    if (b.kind == BlockKind::kBrokenTable) {
      notes.push_back({b.line, "lines " + NoteRange(b.line, b.end_line) + ": " + std::to_string(b.lines.size()) +
                                   " short lines look like a table whose columns the extraction broke into one "
                                   "cell fragment per line; left as text in index.md. Rebuild it by hand as a "
                                   "Markdown table there and enter its rows in tasks.csv or indicators.csv "
                                   "(content/README.md, 'Fixing what the importer reports')"});
      continue;
    }
    if (b.kind != BlockKind::kTable) continue;
    tables.rebuilt.push_back(RebuildTable(b.rows));
    const Table& t = tables.rebuilt.back();
    tables.of_block[i] = &t;
    ImportedTable info;
    info.line = t.line;
    info.end_line = t.end_line;
    info.repeated_headers = t.repeated_headers;
    info.continuations = t.continuations;
    if (appendix != nullptr) {
      info.key = AppendixKey(appendix->Text());
      info.title = AppendixTitle(appendix->Text(), unit);
    } else {
      info.key = "pl";
      notes.push_back({t.line, "table not under a 'PHỤ LỤC' heading: its rows use table key 'pl' and no title; "
                               "set table_key and table_title in the CSV if they should differ"});
    }
    if (++tables_under_appendix > 1) {
      info.key += "-" + std::to_string(tables_under_appendix);
      notes.push_back({t.line, "a second table under the same appendix heading: its rows use table key '" +
                                   info.key + "'"});
    }
    for (const auto& [line, msg] : t.notes) notes.push_back({line, msg});
    for (const auto& [line, cmd] : t.unknown_latex) notes.push_back({line, "unknown LaTeX command " + cmd + kLatexAdvice});
    info.kind = ClassifyTable(t);
    if (info.kind == TableKind::kIndicators) {
      std::vector<IndicatorRow> rows = ReadIndicators(t, info.key, info.title, &notes);
      info.rows = rows.size();
      r->indicators.insert(r->indicators.end(), rows.begin(), rows.end());
    } else if (info.kind == TableKind::kTasks) {
      std::vector<TaskRow> rows = ReadTasks(t, info.key, info.title, &notes);
      info.rows = rows.size();
      r->tasks.insert(r->tasks.end(), rows.begin(), rows.end());
    } else {
      notes.push_back({t.line, "table with columns '" + (t.header.empty() ? std::string() : t.header[0]) +
                                   "', ... is neither indicators (a 'Chỉ tiêu' column) nor tasks (a 'nhiệm vụ' "
                                   "column): kept in index.md only"});
    }
    r->tables.push_back(info);
  }
  return tables;
}

// Indicators written as prose (only when no table gave any) and appendices
// the text refers to but the file lacks.
void NoteWhatIsMissing(const std::vector<Block>& blocks, const Tables& tables, ImportResult* r) {
  if (r->indicators.empty()) {
    for (const ProseTargets& p : FindProseTargets(blocks)) {
      r->notes.push_back({p.line, "lines " + NoteRange(p.line, p.end_line) + ": " + std::to_string(p.count) +
                                      " statements under '" + blocks[p.heading].Text() + "' give targets in prose; "
                                      "the importer does not turn prose into indicators: enter them in "
                                      "indicators.csv with table_key 'ct' (content/README.md)"});
    }
  }
  for (const auto& [n, line] : AppendixReferences(blocks)) {
    if (tables.appendix_numbers.count(n)) continue;
    r->notes.push_back({line, "the text refers to Phụ lục " + RomanOf(n) + " but the file has no 'PHỤ LỤC " +
                                  RomanOf(n) + "': if the signed plan has it, add its table to the text file and "
                                  "import again, or enter its rows in the CSV files by hand"});
  }
}

}  // namespace

ImportResult ImportPlan(std::string_view text, const ImportOptions& options) {
  ImportResult r;
  PlanText plan = ParsePlanText(text);
  std::vector<Block>& blocks = plan.blocks;
  const int title_line = plan.title_line > 0 ? plan.title_line : 1;

  CleanBlocks(&blocks, &r.notes);
  Header header = ReadHeader(plan, title_line, &r.notes);
  std::string title = TakeTitle(plan, &blocks, &r.notes);
  std::vector<std::string> basis;
  std::string issuer;
  ReadBasis(blocks, options.unit, title_line, &basis, &issuer, &r.notes);
  std::string signer = FindSigner(blocks, title_line, &r.notes);

  r.key = ChooseKey(options.key, title, basis, title_line, &r.notes);
  std::string year = YearOf(header.place_date, false);
  if (year.empty()) year = YearOf(title, true);
  r.slug = "kh-" + r.key + (year.empty() ? "" : "-" + year);

  Tables tables = ReadTables(blocks, options.unit, &r);
  NoteWhatIsMissing(blocks, tables, &r);

  Value fm = Value::MakeObject();
  fm.Set("title", title);
  fm.Set("unit", options.unit);
  fm.Set("key", r.key);
  fm.Set("number", header.number);
  fm.Set("issuer", issuer);
  fm.Set("place_date", header.place_date);
  fm.Set("date", header.date);
  fm.Set("signer", signer);
  Value basis_list = Value::MakeArray();
  for (const std::string& b : basis) basis_list.Push(b);
  fm.Set("basis", basis_list);
  fm.Set("source", options.source);
  r.front_matter = fm;
  r.index_md = WriteFrontMatter(fm, "\n" + BodyMarkdown(blocks, tables.of_block));
  r.indicators_csv = IndicatorsCsv(r.indicators, TargetYears(r.indicators));
  r.tasks_csv = TasksCsv(r.tasks);
  std::stable_sort(r.notes.begin(), r.notes.end(), [](const Note& a, const Note& b) { return a.line < b.line; });
  return r;
}

}  // namespace minhbach::importer
