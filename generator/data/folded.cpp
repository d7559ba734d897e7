#include "data/folded.h"

#include <cstdlib>
#include <unordered_map>

#include "base/fs.h"
#include "base/text.h"

namespace minhbach {

std::string FoldedText::Original(std::size_t begin, std::size_t end) const {
  if (begin >= end) return std::string();
  return original.substr(offset[begin], offset[end] - offset[begin]);
}

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Extraction artefacts that stand for plain symbols.
std::string CleanSymbols(std::string s) {
  s = ReplaceAll(std::move(s), "\\geq", "≥");
  s = ReplaceAll(std::move(s), "\\ge", "≥");
  s = ReplaceAll(std::move(s), "\\leq", "≤");
  s = ReplaceAll(std::move(s), "\\le", "≤");
  s = ReplaceAll(std::move(s), "\\%", "%");
  s = ReplaceAll(std::move(s), "$", " ");
  s = ReplaceAll(std::move(s), ">=", "≥");
  s = ReplaceAll(std::move(s), "<=", "≤");
  s = ReplaceAll(std::move(s), "–", "-");  // en dash
  s = ReplaceAll(std::move(s), "—", "-");  // em dash
  s = ReplaceAll(std::move(s), "−", "-");  // minus sign
  return s;
}

}  // namespace

std::string NfcIfNeeded(std::string_view s) {
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    // U+0300..U+036F (CC 80..CD AF), U+1DC0..U+1DFF (E1 B7 80..), U+20D0..U+20FF (E2 83 90..), U+FE20.. (EF B8 A0..)
    if (c == 0xCC || c == 0xCD) return Nfc(s);
    if ((c == 0xE1 || c == 0xE2 || c == 0xEF) && i + 2 < s.size()) {
      unsigned char d = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xE1 && d == 0xB7) || (c == 0xE2 && d == 0x83) || (c == 0xEF && d == 0xB8)) return Nfc(s);
    }
  }
  return std::string(s);
}

Result<std::string> ReadNfcFile(const std::filesystem::path& path) {
  Result<std::string> raw = ReadFile(path);
  if (!raw.ok()) return raw.status();
  std::string& s = raw.value();
  if (StartsWith(s, "\xEF\xBB\xBF")) s.erase(0, 3);
  if (!IsValidUtf8(s)) return ReadTextFile(path);  // its error names the first bad line
  if (s.find('\r') != std::string::npos) s = ReplaceAll(std::move(s), "\r\n", "\n");
  return NfcIfNeeded(s);
}

FoldedText FoldForParsing(std::string_view raw) {
  FoldedText f;
  f.original = CollapseSpace(CleanSymbols(NfcIfNeeded(raw)));
  // Fold code point by code point so that every folded byte knows its source.
  std::size_t i = 0;
  const std::string& o = f.original;
  while (i < o.size()) {
    unsigned char c = static_cast<unsigned char>(o[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    if (i + len > o.size()) len = o.size() - i;
    std::string_view ch = std::string_view(o).substr(i, len);
    std::string folded;
    if (len == 1) {
      folded.assign(1, static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    } else {
      // Folding one code point is costly (decompose, recompose); the
      // alphabet is small, so remember each one.
      thread_local std::unordered_map<std::string, std::string> cache;
      auto it = cache.find(std::string(ch));
      if (it == cache.end()) it = cache.emplace(std::string(ch), FoldVi(ch)).first;
      folded = it->second;
    }
    for (char b : folded) {
      f.text.push_back(b);
      f.offset.push_back(i);
    }
    i += len;
  }
  f.offset.push_back(o.size());
  return f;
}

std::size_t ScanNumber(std::string_view t, std::size_t pos, double* value) {
  std::size_t i = pos;
  if (i >= t.size() || !IsDigit(t[i])) return pos;
  std::string digits;
  while (i < t.size() && IsDigit(t[i])) digits.push_back(t[i++]);
  // Thousands groups: "12.000", "1.250.000".
  while (i + 3 < t.size() + 0 && t[i] == '.' && IsDigit(t[i + 1]) && IsDigit(t[i + 2]) && IsDigit(t[i + 3]) &&
         (i + 4 >= t.size() || !IsDigit(t[i + 4]))) {
    digits += t.substr(i + 1, 3);
    i += 4;
  }
  if (i + 1 < t.size() && (t[i] == ',' || t[i] == '.') && IsDigit(t[i + 1])) {
    digits.push_back('.');
    ++i;
    while (i < t.size() && IsDigit(t[i])) digits.push_back(t[i++]);
  }
  if (value) *value = std::strtod(digits.c_str(), nullptr);
  return i;
}

}  // namespace minhbach
