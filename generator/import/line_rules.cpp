#include "import/line_rules.h"

#include <map>
#include <vector>

#include "base/text.h"

namespace minhbach::importer {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string ToRoman(int n) {
  static constexpr std::pair<int, const char*> kParts[] = {
      {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}};
  std::string out;
  for (const auto& [v, s] : kParts) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return out;
}

// Length of the leading run of Roman capitals.
std::size_t RomanPrefix(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && (s[i] == 'I' || s[i] == 'V' || s[i] == 'X' || s[i] == 'L')) ++i;
  return i;
}

// Skips ASCII spaces from i.
std::size_t SkipSpaces(std::string_view s, std::size_t i) {
  while (i < s.size() && s[i] == ' ') ++i;
  return i;
}

// Letter facts of one code point, via the Vietnamese folding tables.
struct LetterCase {
  bool letter = false;
  bool lower = false;
};
LetterCase CaseOf(char32_t c) {
  std::string ch;
  AppendUtf8(&ch, c);
  std::string folded = FoldVi(ch);
  LetterCase lc;
  lc.letter = folded.size() == 1 && folded[0] >= 'a' && folded[0] <= 'z';
  lc.lower = lc.letter && LowerVi(ch) == ch;
  return lc;
}

}  // namespace

int RomanValue(std::string_view s) {
  if (s.empty() || RomanPrefix(s) != s.size()) return 0;
  int total = 0;
  auto value = [](char c) { return c == 'I' ? 1 : c == 'V' ? 5 : c == 'X' ? 10 : 50; };
  for (std::size_t i = 0; i < s.size(); ++i) {
    int v = value(s[i]);
    if (i + 1 < s.size() && value(s[i + 1]) > v) total -= v;
    else total += v;
  }
  // Only canonical spellings count ("IIII" and "VX" are not numerals).
  if (total <= 0 || total >= 40 || ToRoman(total) != s) return 0;
  return total;
}

int AppendixNumber(std::string_view title) {
  std::string t = StripHeadingMarkup(title);
  const std::string kHead = "PHỤ LỤC";
  if (!StartsWith(t, kHead)) return 0;
  std::size_t i = SkipSpaces(t, kHead.size());
  std::size_t j = i;
  while (j < t.size() && IsDigit(t[j])) ++j;
  if (j > i) return std::stoi(std::string(t.substr(i, j - i)));
  std::size_t r = RomanPrefix(std::string_view(t).substr(i));
  if (r == 0) return 0;
  // The numeral must end there: "PHỤ LỤC II:" but not "PHỤ LỤC IX..." glued to a word.
  if (i + r < t.size() && t[i + r] != ' ' && t[i + r] != ':' && t[i + r] != '.' && t[i + r] != '-') return 0;
  return RomanValue(std::string_view(t).substr(i, r));
}

LineMarker ParseMarker(std::string_view text) {
  LineMarker m;
  std::string_view t = text;
  if (StartsWith(t, "PHỤ LỤC")) {
    m.kind = Marker::kAppendix;
    m.rest = std::string(t);
    return m;
  }
  if (t.size() >= 2 && (t[0] == '-' || t[0] == '+') && t[1] == ' ') {
    m.kind = Marker::kList;
    m.rest = Trim(t.substr(2));
    return m;
  }
  if (StartsWith(t, "• ")) {
    m.kind = Marker::kList;
    m.rest = Trim(t.substr(std::string_view("• ").size()));
    return m;
  }
  // Roman: "II. X", "II- X", "II.X".
  if (std::size_t r = RomanPrefix(t); r > 0 && RomanValue(t.substr(0, r)) > 0 && r < t.size()) {
    std::size_t after = 0;
    if (t[r] == '.' || t[r] == '-') after = r + 1;
    else if (t.substr(r, 3) == "–") after = r + 3;
    if (after > 0) {
      std::size_t rest = SkipSpaces(t, after);
      // Without a space the next word must not be lower case: "X-quang" is a word.
      bool spaced = rest > after;
      if (rest < t.size() && t[rest] != '.' && t[rest] != '/' && (spaced || !StartsLowercase(t.substr(rest)))) {
        m.kind = Marker::kRoman;
        m.number = std::string(t.substr(0, r));
        m.rest = std::string(t.substr(rest));
        return m;
      }
    }
  }
  // Numbered: groups of one or two digits separated by dots, then a dot and a space.
  {
    std::size_t i = 0;
    bool ok = false;
    while (true) {
      std::size_t start = i;
      while (i < t.size() && IsDigit(t[i]) && i - start < 3) ++i;
      if (i == start || i - start > 2) break;
      if (i < t.size() && t[i] == '.') {
        ++i;
        if (i < t.size() && t[i] == ' ') {
          ok = true;
          break;
        }
        continue;
      }
      break;
    }
    if (ok) {
      std::size_t rest = SkipSpaces(t, i);
      if (rest < t.size()) {
        m.kind = Marker::kNumbered;
        m.number = std::string(t.substr(0, i - 1));
        m.rest = std::string(t.substr(rest));
        return m;
      }
    }
  }
  // "(1) ".
  if (t.size() > 3 && t[0] == '(') {
    std::size_t i = 1;
    while (i < t.size() && IsDigit(t[i]) && i < 3) ++i;
    if (i > 1 && i + 1 < t.size() && t[i] == ')' && t[i + 1] == ' ') {
      m.kind = Marker::kParen;
      m.number = std::string(t.substr(1, i - 1));
      m.rest = Trim(t.substr(i + 2));
      return m;
    }
  }
  m.rest = std::string(t);
  return m;
}

int NumberDepth(std::string_view number) {
  if (number.empty()) return 0;
  int depth = 1;
  for (char c : number) {
    if (c == '.') ++depth;
  }
  return depth;
}

std::size_t CodePointCount(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

bool IsAllCaps(std::string_view s) {
  int upper = 0;
  for (char32_t c : DecodeUtf8(s)) {
    LetterCase lc = CaseOf(c);
    if (!lc.letter) continue;
    if (lc.lower) return false;
    ++upper;
  }
  return upper >= 2;
}

bool StartsLowercase(std::string_view s) {
  std::u32string d = DecodeUtf8(s);
  if (d.empty()) return false;
  LetterCase lc = CaseOf(d[0]);
  return lc.letter && lc.lower;
}

bool EndsSentence(std::string_view s) {
  std::string t = Trim(s);
  // Closing marks after the punctuation: **, *, quotes, brackets.
  for (;;) {
    if (EndsWith(t, "*") || EndsWith(t, "\"") || EndsWith(t, ")") || EndsWith(t, "]")) {
      t.pop_back();
    } else if (EndsWith(t, "”") || EndsWith(t, "’")) {
      t.resize(t.size() - std::string_view("”").size());
    } else {
      break;
    }
    t = Trim(t);
  }
  if (t.empty()) return false;
  if (EndsWith(t, "…")) return true;
  char c = t.back();
  return c == '.' || c == ';' || c == ':' || c == '!' || c == '?';
}

bool LooksLikePersonName(std::string_view s) {
  std::string t = StripHeadingMarkup(s);
  std::vector<std::string> words = Split(CollapseSpace(t), ' ');
  if (words.size() < 2 || words.size() > 5) return false;
  for (const std::string& w : words) {
    std::u32string d = DecodeUtf8(w);
    if (d.empty()) return false;
    for (std::size_t i = 0; i < d.size(); ++i) {
      LetterCase lc = CaseOf(d[i]);
      if (!lc.letter) return false;
      if ((i == 0) == lc.lower) return false;  // first upper, the rest lower
    }
  }
  return true;
}

const std::vector<std::string>& IssuerHeads() {
  static const std::vector<std::string> kHeads = {"Ủy ban nhân dân", "UBND",          "Ban Chỉ đạo",
                                                  "Ban chỉ đạo",     "Ban Thường vụ", "Ban Chấp hành",
                                                  "Đảng ủy",         "Hội đồng nhân dân"};
  return kHeads;
}

const std::vector<std::string>& EnactingVerbs() {
  static const std::vector<std::string> kVerbs = {" xây dựng Kế hoạch", " xây dựng kế hoạch", " ban hành Kế hoạch",
                                                  " ban hành kế hoạch"};
  return kVerbs;
}

bool IsEnactingLine(std::string_view s) {
  bool head = false;
  for (const std::string& h : IssuerHeads()) head = head || StartsWith(s, h);
  if (!head) return false;
  for (const std::string& v : EnactingVerbs()) {
    if (s.find(v) != std::string_view::npos) return true;
  }
  return false;
}

std::string CapitalizeFirst(std::string_view s) {
  // Lower case -> capital for every Vietnamese letter, built once from the
  // LowerVi tables so both directions agree.
  static const std::map<std::string, std::string> kUpper = [] {
    std::map<std::string, std::string> m;
    const std::pair<char32_t, char32_t> kRanges[] = {{0x41, 0x5A}, {0xC0, 0xDE}, {0x100, 0x1B3}, {0x1EA0, 0x1EF9}};
    for (const auto& [lo, hi] : kRanges) {
      for (char32_t c = lo; c <= hi; ++c) {
        std::string up;
        AppendUtf8(&up, c);
        std::string low = LowerVi(up);
        if (low != up && !m.count(low)) m.emplace(low, up);
      }
    }
    return m;
  }();
  std::u32string d = DecodeUtf8(s);
  if (d.empty()) return std::string(s);
  std::string first;
  AppendUtf8(&first, d[0]);
  auto it = kUpper.find(first);
  if (it == kUpper.end()) return std::string(s);
  return it->second + EncodeUtf8(std::u32string_view(d).substr(1));
}

std::string StripHeadingMarkup(std::string_view s) {
  std::string t = Trim(s);
  if (!t.empty() && t[0] == '#') {
    std::size_t i = 0;
    while (i < t.size() && t[i] == '#') ++i;
    if (i == t.size() || t[i] == ' ') t = Trim(std::string_view(t).substr(i));
  }
  t = ReplaceAll(t, "**", "");
  return Trim(t);
}

}  // namespace minhbach::importer
