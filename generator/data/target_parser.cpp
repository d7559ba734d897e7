#include "data/target_parser.h"

#include <array>

#include "base/text.h"
#include "data/folded.h"

namespace minhbach {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
// Folded text: every Vietnamese letter is ASCII; other bytes are symbols such as "≥".
bool IsLetter(char c) { return c >= 'a' && c <= 'z'; }

// Words that may stand before a number, folded. An empty comparator marks
// words that only say "reach" (đạt, phấn đấu and its misspelling phần đầu).
struct Keyword {
  const char* words;
  const char* comparator;
};
constexpr std::array<Keyword, 24> kKeywords = {{
    {"khong vuot qua", "<="}, {"khong thap hon", ">="}, {"khong duoi", ">="}, {"khong qua", "<="},
    {"it nhat", ">="},        {"toi thieu", ">="},      {"toi da", "<="},     {"thap hon", "<"},
    {"nho hon", "<"},         {"cao hon", ">"},         {"lon hon", ">"},     {"xap xi", "="},
    {"khoang", "="},          {"tren", ">"},            {"hon", ">"},         {"vuot", ">"},
    {"duoi", "<"},            {"bang", "="},            {"tu", ">="},         {"phan dau", ""},
    {"dat", ""},              {"muc", ""},              {"chiem", ""},        {"la", ""},
}};

constexpr std::array<std::pair<const char*, const char*>, 6> kSymbols = {{
    {"≥", ">="}, {"≤", "<="}, {"⩾", ">="}, {"⩽", "<="}, {">", ">"}, {"<", "<"},
}};

struct Head {
  std::size_t number = 0;    // first digit
  std::size_t end = 0;       // after the number, its '%' and a range's second number
  std::size_t boundary = 0;  // where this target's words start (symbol or keyword)
  double value = 0;
  double value_hi = 0;
  bool range = false;
  std::string comparator;  // from a symbol or keyword; "" when bare
};

// Skips numbers that are not targets: "5G", "1Gb/s", "24/01/2025", "(2030)", "năm 2030".
bool IsTargetNumber(const std::string& t, std::size_t p, std::size_t e, double value) {
  if (p > 0 && (IsLetter(t[p - 1]) || t[p - 1] == '/' || t[p - 1] == '.')) return false;
  if (e < t.size() && (IsLetter(t[e]) || t[e] == '/')) return false;
  bool year_like = value >= 1900 && value <= 2100 && value == static_cast<int>(value);
  if (year_like) {
    std::size_t after = e;
    while (after < t.size() && t[after] == ' ') ++after;
    bool percent = after < t.size() && t[after] == '%';
    std::string before = t.substr(0, p);
    while (!before.empty() && before.back() == ' ') before.pop_back();
    if (!percent && (EndsWith(before, "(") || EndsWith(before, "nam"))) return false;
  }
  return true;
}

std::size_t SkipSpaces(const std::string& t, std::size_t i) {
  while (i < t.size() && t[i] == ' ') ++i;
  return i;
}

// Walks back from `p` over symbols and keywords; sets the nearest comparator.
std::size_t LeadIn(const std::string& t, std::size_t floor, std::size_t p, std::string* comparator) {
  std::size_t b = p;
  for (;;) {
    std::size_t s = b;
    while (s > floor && t[s - 1] == ' ') --s;
    std::string_view before(t.data() + floor, s - floor);
    bool matched = false;
    for (const auto& [sym, cmp] : kSymbols) {
      if (EndsWith(before, sym)) {
        if (comparator->empty()) *comparator = cmp;
        b = s - std::string_view(sym).size();
        matched = true;
        break;
      }
    }
    if (!matched) {
      for (const Keyword& k : kKeywords) {
        std::string_view w(k.words);
        if (!EndsWith(before, w)) continue;
        std::size_t start = s - w.size();
        if (start > floor && t[start - 1] != ' ' && t[start - 1] != '(') continue;  // whole words only
        if (comparator->empty()) *comparator = k.comparator;
        b = start;
        matched = true;
        break;
      }
    }
    if (!matched) return b;
  }
}

std::string TrimQualifier(std::string q) {
  q = CollapseSpace(q);
  while (!q.empty() && (q.back() == ',' || q.back() == ';' || q.back() == '.' || q.back() == ':' || q.back() == ' ')) {
    q.pop_back();
  }
  while (!q.empty() && (q.front() == ',' || q.front() == ';' || q.front() == ':' || q.front() == ' ')) {
    q.erase(0, 1);
  }
  return q;
}

}  // namespace

std::vector<ParsedTarget> ParseTargetCell(std::string_view cell, bool decreasing) {
  std::vector<ParsedTarget> out;
  FoldedText f = FoldForParsing(cell);
  const std::string& t = f.text;
  std::string bare = t;
  for (char& c : bare) {
    if (c == '-' || c == '.') c = ' ';
  }
  if (Trim(bare).empty()) return out;  // blank, "-": no target that year

  std::vector<Head> heads;
  for (std::size_t i = 0; i < t.size();) {
    if (!IsDigit(t[i]) || (i > 0 && IsDigit(t[i - 1]))) {
      ++i;
      continue;
    }
    Head h;
    h.number = i;
    std::size_t e = ScanNumber(t, i, &h.value);
    if (!IsTargetNumber(t, i, e, h.value)) {
      i = e;
      continue;
    }
    std::size_t j = SkipSpaces(t, e);
    if (j < t.size() && t[j] == '%') e = j + 1;
    // A range: "80-90%", "80 - 90 %", "từ 80 đến 90%".
    std::size_t k = SkipSpaces(t, e);
    std::size_t second = std::string::npos;
    if (k < t.size() && t[k] == '-') second = SkipSpaces(t, k + 1);
    else if (t.compare(k, 4, "den ") == 0) second = SkipSpaces(t, k + 4);
    if (second != std::string::npos && second < t.size() && IsDigit(t[second])) {
      double hi = 0;
      std::size_t e2 = ScanNumber(t, second, &hi);
      if (IsTargetNumber(t, second, e2, hi)) {
        h.range = true;
        h.value_hi = hi;
        e = e2;
        std::size_t m = SkipSpaces(t, e);
        if (m < t.size() && t[m] == '%') e = m + 1;
      }
    }
    h.end = e;
    std::size_t floor = heads.empty() ? 0 : heads.back().end;
    h.boundary = LeadIn(t, floor, h.number, &h.comparator);
    heads.push_back(h);
    i = e;
  }

  std::string written = Trim(NfcIfNeeded(cell));
  if (heads.empty()) {
    out.push_back(ParsedTarget{"qualitative", std::nullopt, std::nullopt, written, ""});
    return out;
  }
  for (std::size_t n = 0; n < heads.size(); ++n) {
    const Head& h = heads[n];
    std::size_t seg_start = n == 0 ? 0 : h.boundary;
    std::size_t seg_end = n + 1 < heads.size() ? heads[n + 1].boundary : t.size();
    std::string tail_folded = t.substr(h.end, seg_end - h.end);
    std::string tail = f.Original(h.end, seg_end);
    ParsedTarget pt;
    pt.comparator = h.comparator;
    // "từ 60% dân số trở lên", "20% trở xuống": the words after the number.
    for (const char* phrase : {"tro len", "tro xuong"}) {
      std::size_t at = tail_folded.find(phrase);
      if (at == std::string::npos) continue;
      if (pt.comparator.empty() || pt.comparator == "=" || (pt.comparator == ">=" && phrase[4] == 'l')) {
        pt.comparator = phrase[4] == 'l' ? ">=" : "<=";
      }
      std::size_t len = std::string_view(phrase).size();
      tail = f.Original(h.end, h.end + at) + " " + f.Original(h.end + at + len, seg_end);
      tail_folded.erase(at, len);
      break;
    }
    if (h.range) pt.comparator = "range";
    if (pt.comparator.empty()) pt.comparator = decreasing ? "<=" : ">=";
    pt.value = h.value;
    if (h.range) pt.value_hi = h.value_hi;
    std::string prefix = n == 0 ? f.Original(0, h.boundary) : std::string();
    pt.qualifier = TrimQualifier(prefix + " " + tail);
    pt.raw = heads.size() == 1 ? written : TrimQualifier(f.Original(seg_start, seg_end));
    out.push_back(std::move(pt));
  }
  return out;
}

}  // namespace minhbach
