#include "data/deadline_parser.h"

#include "base/text.h"
#include "data/folded.h"

namespace minhbach {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
// Folded text: every Vietnamese letter is ASCII; other bytes are symbols such as "≥".
bool IsLetter(char c) { return c >= 'a' && c <= 'z'; }

// One date expression found in the text.
struct Expr {
  std::size_t begin = 0, end = 0;
  Date first_day;  // the period's first day ("trước X" means the day before it)
  Date due;        // the period's last day
  bool range = false;
};

std::size_t Skip(const std::string& t, std::size_t i) {
  while (i < t.size() && t[i] == ' ') ++i;
  return i;
}

// Reads 1..max_len digits at i; returns the end (== i when none).
std::size_t ReadInt(const std::string& t, std::size_t i, int max_len, int* value) {
  std::size_t j = i;
  int v = 0;
  while (j < t.size() && IsDigit(t[j]) && static_cast<int>(j - i) < max_len) v = v * 10 + (t[j++] - '0');
  if (j < t.size() && IsDigit(t[j])) return i;  // longer than allowed
  *value = v;
  return j;
}

bool Word(const std::string& t, std::size_t i, std::string_view w) {
  if (t.compare(i, w.size(), w) != 0) return false;
  std::size_t e = i + w.size();
  return e >= t.size() || !IsLetter(t[e]);
}

bool PlausibleYear(int y) { return y >= 1990 && y <= 2100; }

// "/2026", " nam 2026", "-2026", " 2026" after a month or quarter.
std::size_t ReadYearAfter(const std::string& t, std::size_t i, int* year) {
  std::size_t j = Skip(t, i);
  if (j < t.size() && (t[j] == '/' || t[j] == '-')) j = Skip(t, j + 1);
  else if (Word(t, j, "nam")) j = Skip(t, j + 3);
  else if (j == i) return i;
  std::size_t e = ReadInt(t, j, 4, year);
  if (e - j != 4 || !PlausibleYear(*year)) return i;
  return e;
}

// Tries every pattern at t[i]; fills `x` and returns true on a match.
bool MatchAt(const std::string& t, std::size_t i, Expr* x) {
  if (i > 0 && (IsLetter(t[i - 1]) || IsDigit(t[i - 1]))) return false;
  x->begin = i;
  std::size_t j = i;
  int a = 0, b = 0, c = 0;
  // "ngày 15/02/2026", "15/02/2026", "ngày 15 tháng 2 năm 2026"
  std::size_t d0 = Word(t, j, "ngay") ? Skip(t, j + 4) : j;
  if (std::size_t e = ReadInt(t, d0, 2, &a); e > d0 && e < t.size()) {
    std::size_t m0 = std::string::npos;
    if (t[e] == '/') m0 = e + 1;
    else if (Word(t, Skip(t, e), "thang")) m0 = Skip(t, Skip(t, e) + 5);
    if (m0 != std::string::npos) {
      if (std::size_t me = ReadInt(t, m0, 2, &b); me > m0 && b >= 1 && b <= 12) {
        std::size_t ye = std::string::npos;
        if (me < t.size() && t[me] == '/') {
          std::size_t y0 = me + 1;
          if (std::size_t e2 = ReadInt(t, y0, 4, &c); e2 - y0 == 4) ye = e2;
        } else if (std::size_t e2 = ReadYearAfter(t, me, &c); e2 != me) {
          ye = e2;
        }
        if (ye != std::string::npos && PlausibleYear(c) && a >= 1 && a <= DaysInMonth(c, b)) {
          x->first_day = x->due = Date{c, b, a};
          x->end = ye;
          return true;
        }
      }
    }
  }
  // "tháng 10/2025", "tháng 9 năm 2026", bare "12/2026"
  std::size_t m0 = Word(t, j, "thang") ? Skip(t, j + 5) : j;
  if (std::size_t me = ReadInt(t, m0, 2, &b); me > m0 && b >= 1 && b <= 12) {
    bool bare = m0 == j;
    std::size_t ye = bare ? (me < t.size() && t[me] == '/' ? me : std::string::npos) : me;
    if (ye != std::string::npos) {
      if (std::size_t e = ReadYearAfter(t, ye, &c); e != ye) {
        x->first_day = Date{c, b, 1};
        x->due = EndOfMonth(c, b);
        x->end = e;
        return true;
      }
    }
  }
  // "quý I/2026", "quý 4 năm 2026"
  if (Word(t, j, "quy")) {
    std::size_t q0 = Skip(t, j + 3), qe = q0;
    while (qe < t.size() && (t[qe] == 'i' || t[qe] == 'v' || IsDigit(t[qe]))) ++qe;
    std::string q = t.substr(q0, qe - q0);
    int quarter = q == "i" || q == "1" ? 1 : q == "ii" || q == "2" ? 2 : q == "iii" || q == "3" ? 3
                : q == "iv" || q == "4" ? 4 : 0;
    if (quarter > 0) {
      if (std::size_t e = ReadYearAfter(t, qe, &c); e != qe) {
        x->first_day = Date{c, quarter * 3 - 2, 1};
        x->due = EndOfQuarter(c, quarter);
        x->end = e;
        return true;
      }
    }
  }
  // "2025-2030", "2025 - 2030", "2025 đến 2030", "2026"
  std::size_t y0 = Word(t, j, "nam") ? Skip(t, j + 3) : j;
  if (std::size_t ye = ReadInt(t, y0, 4, &a); ye - y0 == 4 && PlausibleYear(a) &&
                                              (ye >= t.size() || !IsLetter(t[ye]))) {
    std::size_t k = Skip(t, ye);
    std::size_t second = std::string::npos;
    if (k < t.size() && t[k] == '-') second = Skip(t, k + 1);
    else if (Word(t, k, "den")) second = Skip(t, k + 3);
    if (second != std::string::npos && Word(t, second, "nam")) second = Skip(t, second + 3);
    if (second != std::string::npos) {
      if (std::size_t e2 = ReadInt(t, second, 4, &b); e2 - second == 4 && PlausibleYear(b) && b >= a) {
        x->first_day = Date{a, 1, 1};
        x->due = Date{b, 12, 31};
        x->range = true;
        x->end = e2;
        return true;
      }
    }
    x->first_day = Date{a, 1, 1};
    x->due = Date{a, 12, 31};
    x->end = ye;
    return true;
  }
  return false;
}

bool StartsWithWord(const std::string& t, std::string_view w) { return Word(t, 0, w); }

std::string CleanLabel(std::string s) {
  auto strip = [](char ch) { return ch == ' ' || ch == ',' || ch == ';' || ch == '(' || ch == ')' || ch == '.'; };
  while (!s.empty() && strip(s.back())) s.pop_back();
  std::size_t k = 0;
  while (k < s.size() && strip(s[k])) ++k;
  return CollapseSpace(s.substr(k));
}

}  // namespace

ParsedDeadline ParseDeadline(std::string_view raw) {
  ParsedDeadline d;
  FoldedText f = FoldForParsing(raw);
  const std::string& t = f.text;
  if (Trim(t).empty()) {
    d.kind = "none";
    return d;
  }
  // Conditional: the date depends on someone else ("Sau khi ...", "Theo tiến độ ...", "(nếu có)").
  if (StartsWithWord(t, "sau khi") || StartsWithWord(t, "sau") || StartsWithWord(t, "theo") ||
      StartsWithWord(t, "neu") || StartsWithWord(t, "khi") || StartsWithWord(t, "tuy") ||
      t.find("neu co") != std::string::npos) {
    d.kind = "conditional";
    return d;
  }
  if (StartsWithWord(t, "thuong xuyen") || StartsWithWord(t, "lien tuc") || StartsWithWord(t, "hang ngay") ||
      StartsWithWord(t, "dinh ky")) {
    d.kind = "ongoing";
    return d;
  }
  std::vector<Expr> exprs;
  for (std::size_t i = 0; i < t.size();) {
    Expr x;
    if (MatchAt(t, i, &x)) {
      exprs.push_back(x);
      i = x.end;
    } else {
      ++i;
    }
  }
  // Yearly: judged year by year from the first year to the last one named.
  if (t.find("hang nam") != std::string::npos || t.find("moi nam") != std::string::npos ||
      t.find("nam tiep theo") != std::string::npos) {
    d.kind = "yearly";
    if (!exprs.empty()) {
      d.start = Date{exprs.front().first_day.year, 1, 1};
      if (exprs.front().range || exprs.size() > 1) d.due = Date{exprs.back().due.year, 12, 31};
    }
    return d;
  }
  if (exprs.empty()) {
    d.kind = "unknown";
    return d;
  }
  if (exprs.size() == 1) {
    const Expr& x = exprs.front();
    std::string before = Trim(t.substr(0, x.begin));
    if (EndsWith(before, "truoc") || EndsWith(before, "truoc ngay")) {
      d.kind = "date";
      d.due = Date::FromDayNumber(x.first_day.DayNumber() - 1);
      return d;
    }
    d.kind = x.range ? "window" : "date";
    if (x.range) d.start = x.first_day;
    d.due = x.due;
    return d;
  }
  d.kind = "milestones";
  for (std::size_t n = 0; n < exprs.size(); ++n) {
    const Expr& x = exprs[n];
    std::size_t label_end = n + 1 < exprs.size() ? exprs[n + 1].begin : t.size();
    DeadlineMilestone m;
    if (x.range) m.start = x.first_day;
    m.due = x.due;
    m.label = CleanLabel(f.Original(x.end, label_end));
    d.milestones.push_back(std::move(m));
  }
  d.start = d.milestones.front().start;
  d.due = d.milestones.front().due;
  return d;
}

}  // namespace minhbach
