#include "import/clean.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <utility>

#include "base/text.h"

namespace minhbach::importer {

namespace {

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// Word commands and the text they stand for. Commands that wrap an argument
// ("\text{...}") are handled separately.
constexpr std::pair<const char*, const char*> kWordCommands[] = {
    {"geq", "≥"},   {"ge", "≥"},      {"geqslant", "≥"}, {"leq", "≤"},   {"le", "≤"},
    {"leqslant", "≤"}, {"neq", "≠"},  {"ne", "≠"},       {"approx", "≈"}, {"sim", "~"},
    {"times", "×"}, {"cdot", "·"},    {"pm", "±"},       {"div", "÷"},    {"infty", "∞"},
    {"to", "→"},    {"rightarrow", "→"}, {"circ", "°"},  {"quad", " "},   {"qquad", " "},
    {"percent", "%"},
};
constexpr const char* kWrapCommands[] = {"text", "mathrm", "textrm", "textbf", "mathbf", "mbox", "operatorname"};

// Converts the commands in `s`. Inside math (`in_math`) braces and "^" are
// layout only and are dropped; outside they are kept.
std::string ConvertCommands(std::string_view s, bool in_math, std::vector<std::string>* unknown) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c == '\\' && i + 1 < s.size()) {
      char n = s[i + 1];
      if (!IsAsciiLetter(n)) {
        // One-character commands: "\%" "\&" "\$" "\_" "\#" and spacing "\," "\;" "\:" "\!" "\ ".
        if (std::strchr("%&$_#{}", n) != nullptr) {
          out.push_back(n);
        } else if (std::strchr(",;:! ", n) != nullptr) {
          out.push_back(' ');
        } else {
          out.push_back(c);
          out.push_back(n);
        }
        i += 2;
        continue;
      }
      std::size_t j = i + 1;
      while (j < s.size() && IsAsciiLetter(s[j])) ++j;
      std::string word(s.substr(i + 1, j - i - 1));
      bool done = false;
      for (const auto& [name, text] : kWordCommands) {
        if (word == name) {
          out += text;
          done = true;
          break;
        }
      }
      if (!done && std::find_if(std::begin(kWrapCommands), std::end(kWrapCommands),
                                [&](const char* w) { return word == w; }) != std::end(kWrapCommands)) {
        // The argument's braces are removed below (in math) or here (outside).
        if (j < s.size() && s[j] == '{') {
          std::size_t close = s.find('}', j);
          if (close != std::string_view::npos) {
            out += ConvertCommands(s.substr(j + 1, close - j - 1), in_math, unknown);
            i = close + 1;
            continue;
          }
        }
        done = true;
      }
      if (!done) {
        out += "\\" + word;
        if (unknown) unknown->push_back("\\" + word);
      }
      i = j;
      continue;
    }
    if (in_math && (c == '{' || c == '}' || c == '^')) {
      ++i;
      continue;
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

// Math content worth unwrapping: a command, or a short formula of digits and
// operators ("$70\%$", "$80-90$"); never prose that happens to sit between
// two dollar signs.
bool LooksLikeMath(std::string_view content) {
  if (content.empty()) return false;
  if (content.find('\\') != std::string_view::npos) return true;
  bool digit = false;
  for (char c : content) {
    if (IsAsciiDigit(c)) {
      digit = true;
    } else if (std::strchr(" .,%<>=+-()^{}", c) == nullptr) {
      return false;
    }
  }
  return digit;
}

bool IsBlockTag(std::string_view name) {
  static constexpr const char* kBlock[] = {"p", "br", "div", "td", "th", "tr", "li", "ul", "ol", "table", "hr"};
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* b : kBlock) {
    if (lower == b) return true;
  }
  return false;
}

// The next "$" at or after `from` that is not escaped as "\$".
std::size_t FindDollar(std::string_view s, std::size_t from) {
  for (std::size_t i = s.find('$', from); i != std::string_view::npos; i = s.find('$', i + 1)) {
    if (i == 0 || s[i - 1] != '\\') return i;
  }
  return std::string_view::npos;
}

}  // namespace

std::string CleanLatex(std::string_view s, std::vector<std::string>* unknown) {
  if (s.find('$') == std::string_view::npos && s.find('\\') == std::string_view::npos) return std::string(s);
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t dollar = FindDollar(s, i);
    if (dollar == std::string_view::npos) {
      out += ConvertCommands(s.substr(i), false, unknown);
      break;
    }
    out += ConvertCommands(s.substr(i, dollar - i), false, unknown);
    std::size_t close = FindDollar(s, dollar + 1);
    if (close != std::string_view::npos && LooksLikeMath(s.substr(dollar + 1, close - dollar - 1))) {
      out += ConvertCommands(s.substr(dollar + 1, close - dollar - 1), true, unknown);
      i = close + 1;
    } else {
      out.push_back('$');
      i = dollar + 1;
    }
  }
  return out;
}

std::string StripTags(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '<') {
      std::size_t j = i + 1;
      if (j < s.size() && s[j] == '/') ++j;
      std::size_t name_start = j;
      while (j < s.size() && (IsAsciiLetter(s[j]) || (j > name_start && IsAsciiDigit(s[j])))) ++j;
      std::size_t close = s.find('>', j);
      std::size_t next_open = s.find('<', i + 1);
      bool is_tag = j > name_start && close != std::string_view::npos &&
                    (next_open == std::string_view::npos || close < next_open) &&
                    (j == close || s[j] == ' ' || s[j] == '/');
      if (is_tag) {
        if (IsBlockTag(s.substr(name_start, j - name_start))) out.push_back(' ');
        i = close + 1;
        continue;
      }
    }
    out.push_back(s[i]);
    ++i;
  }
  return out;
}

std::string CleanText(std::string_view s, std::vector<std::string>* unknown) {
  return CollapseSpace(Nfc(CleanLatex(StripTags(s), unknown)));
}

}  // namespace minhbach::importer
