#include "base/text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "base/nfc_table.h"

namespace minhbach {

// ---------------------------------------------------------------- UTF-8

std::u32string DecodeUtf8(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    char32_t cp;
    int len;
    if (c < 0x80) { cp = c; len = 1; }
    else if ((c >> 5) == 0x6) { cp = c & 0x1F; len = 2; }
    else if ((c >> 4) == 0xE) { cp = c & 0x0F; len = 3; }
    else if ((c >> 3) == 0x1E) { cp = c & 0x07; len = 4; }
    else { out.push_back(0xFFFD); ++i; continue; }
    if (i + len > s.size()) { out.push_back(0xFFFD); ++i; continue; }
    bool bad = false;
    for (int k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc >> 6) != 0x2) { bad = true; break; }
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (bad) { out.push_back(0xFFFD); ++i; continue; }
    out.push_back(cp);
    i += len;
  }
  return out;
}

void AppendUtf8(std::string* out, char32_t c) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

std::string EncodeUtf8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char32_t c : s) AppendUtf8(&out, c);
  return out;
}

std::size_t SkipAscii(std::string_view s, std::size_t i) {
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, s.data() + i, 8);
    if (word & 0x8080808080808080ull) break;
  }
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i;
}

bool IsValidUtf8(std::string_view s) {
  // Checked in place: decoding whole plan files into UTF-32 to look for
  // U+FFFD was 1% of a build's instructions.
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      i = SkipAscii(s, i);
      continue;
    }
    std::size_t len;
    if ((c >> 5) == 0x6) len = 2;
    else if ((c >> 4) == 0xE) len = 3;
    else if ((c >> 3) == 0x1E) len = 4;
    else return false;
    if (i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    }
    i += len;
  }
  return true;
}

// ---------------------------------------------------------------- NFC

namespace {

int CombiningClassOf(char32_t c) {
  const CombiningClass* begin = kCombiningClasses;
  const CombiningClass* end = kCombiningClasses + kCombiningClassCount;
  auto it = std::lower_bound(begin, end, c,
                             [](const CombiningClass& e, char32_t v) { return e.mark < v; });
  return (it != end && it->mark == c) ? it->ccc : 0;
}

// Hangul syllables are composed and decomposed by rule (Unicode 3.12).
constexpr char32_t kSBase = 0xAC00, kLBase = 0x1100, kVBase = 0x1161, kTBase = 0x11A7;
constexpr char32_t kLCount = 19, kVCount = 21, kTCount = 28, kNCount = kVCount * kTCount, kSCount = kLCount * kNCount;

char32_t Compose(char32_t base, char32_t mark) {
  if (base >= kLBase && base < kLBase + kLCount && mark >= kVBase && mark < kVBase + kVCount) {
    return kSBase + ((base - kLBase) * kVCount + (mark - kVBase)) * kTCount;
  }
  if (base >= kSBase && base < kSBase + kSCount && (base - kSBase) % kTCount == 0 && mark > kTBase &&
      mark < kTBase + kTCount) {
    return base + (mark - kTBase);
  }
  const CompositionPair* begin = kCompositionPairs;
  const CompositionPair* end = kCompositionPairs + kCompositionPairCount;
  auto it = std::lower_bound(begin, end, std::make_pair(base, mark),
                             [](const CompositionPair& e, std::pair<char32_t, char32_t> v) {
                               return e.base != v.first ? e.base < v.first : e.mark < v.second;
                             });
  return (it != end && it->base == base && it->mark == mark) ? it->composed : 0;
}

// Appends the full canonical decomposition of `c`.
void Decompose(char32_t c, std::u32string* out) {
  if (c >= kSBase && c < kSBase + kSCount) {
    const char32_t s = c - kSBase;
    out->push_back(kLBase + s / kNCount);
    out->push_back(kVBase + (s % kNCount) / kTCount);
    if (s % kTCount) out->push_back(kTBase + s % kTCount);
    return;
  }
  const Decomposition* begin = kDecompositions;
  const Decomposition* end = kDecompositions + kDecompositionCount;
  auto it = std::lower_bound(begin, end, c, [](const Decomposition& e, char32_t v) { return e.composed < v; });
  if (it == end || it->composed != c) {
    out->push_back(c);
    return;
  }
  Decompose(it->first, out);
  if (it->second) Decompose(it->second, out);
}

std::u32string DecomposeAll(std::u32string_view s) {
  std::u32string d;
  d.reserve(s.size() * 2);
  for (char32_t c : s) Decompose(c, &d);
  // Canonical ordering: stable sort each run of combining marks by class.
  std::size_t i = 0;
  while (i < d.size()) {
    if (CombiningClassOf(d[i]) == 0) { ++i; continue; }
    std::size_t j = i;
    while (j < d.size() && CombiningClassOf(d[j]) != 0) ++j;
    std::stable_sort(d.begin() + i, d.begin() + j,
                     [](char32_t a, char32_t b) { return CombiningClassOf(a) < CombiningClassOf(b); });
    i = j;
  }
  return d;
}

std::u32string ComposeAll(const std::u32string& d) {
  std::u32string out;
  out.reserve(d.size());
  std::size_t starter = std::u32string::npos;
  int last_ccc = -1;
  for (char32_t c : d) {
    int ccc = CombiningClassOf(c);
    // Not blocked: right after the starter, or after marks of lower class.
    if (starter != std::u32string::npos && (last_ccc == -1 || (ccc != 0 && last_ccc < ccc))) {
      if (char32_t comp = Compose(out[starter], c)) {
        out[starter] = comp;
        continue;
      }
    }
    if (ccc == 0) {
      starter = out.size();
      last_ccc = -1;
    } else {
      last_ccc = ccc;
    }
    out.push_back(c);
  }
  return out;
}

char32_t LowerBase(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c == 0x0110) return 0x0111;  // Đ -> đ
  return c;
}

// Whether every code point of valid UTF-8 `s` is one that NFC leaves as it
// is whatever surrounds it: below U+0300 (ASCII, Latin-1, Latin Extended-A/B,
// IPA, spacing modifiers), U+1E00-U+1EFF (the precomposed Vietnamese
// letters), U+2010-U+205E (dashes, quotes, bullets), U+20A0-U+20C0
// (currency, ₫), U+2190-U+22FF (arrows, ≥ ≤ ≠) and U+2500-U+27BF (box
// drawing, shapes, ✓). Text in NFC already -- nearly all Vietnamese text -- then
// skips the decompose/compose round trip, which was 5% of a build's CPU.
// Anything else (a combining mark, another script) takes the full path.
bool NfcStable(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    char32_t cp;
    std::size_t len;
    if (c < 0xE0) {
      if (end - p < 2) return false;
      cp = ((c & 0x1Fu) << 6) | (p[1] & 0x3Fu);
      len = 2;
    } else if (c < 0xF0) {
      if (end - p < 3) return false;
      cp = ((c & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
      len = 3;
    } else {
      return false;
    }
    const bool stable = cp < 0x0300 || (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2010 && cp <= 0x205E) ||
                        (cp >= 0x20A0 && cp <= 0x20C0) || (cp >= 0x2190 && cp <= 0x22FF) ||
                        (cp >= 0x2500 && cp <= 0x27BF);
    if (!stable) return false;
    p += len;
  }
  return true;
}

}  // namespace

std::string Nfc(std::string_view s) {
  if (NfcStable(s)) return std::string(s);
  return EncodeUtf8(ComposeAll(DecomposeAll(DecodeUtf8(s))));
}

std::string LowerVi(std::string_view s) {
  std::u32string d = DecomposeAll(DecodeUtf8(s));
  for (char32_t& c : d) c = LowerBase(c);
  return EncodeUtf8(ComposeAll(d));
}

std::string FoldVi(std::string_view s) {
  // Every combining mark is dropped, so their canonical order does not
  // matter: each code point is decomposed on its own, and ASCII (most of
  // Vietnamese text) is only lowered. A run of non-ASCII bytes never splits
  // a valid UTF-8 sequence, so decoding run by run gives what decoding the
  // whole string gives.
  std::string out;
  out.reserve(s.size());
  std::u32string d;
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < s.size() && static_cast<unsigned char>(s[end]) >= 0x80) ++end;
    d.clear();
    for (char32_t cp : DecodeUtf8(s.substr(i, end - i))) Decompose(cp, &d);
    for (char32_t cp : d) {
      if (CombiningClassOf(cp) != 0) continue;
      cp = LowerBase(cp);
      if (cp == 0x0111) cp = 'd';
      AppendUtf8(&out, cp);
    }
    i = end;
  }
  return out;
}

std::string Slugify(std::string_view s) {
  std::string folded = FoldVi(s);
  std::string out;
  bool dash = false;
  for (char c : folded) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep) {
      if (dash && !out.empty()) out.push_back('-');
      out.push_back(c);
      dash = false;
    } else {
      dash = true;
    }
  }
  return out;
}

// ---------------------------------------------------------------- HTML

std::size_t FindEscapable(std::string_view s, std::size_t i, const char (&any)[5], unsigned char below) {
#if defined(__SSE2__)
  const __m128i c0 = _mm_set1_epi8(any[0]), c1 = _mm_set1_epi8(any[1]), c2 = _mm_set1_epi8(any[2]),
                c3 = _mm_set1_epi8(any[3]), c4 = _mm_set1_epi8(any[4]);
  // v < below  <=>  min(v, below - 1) == v, unsigned (never, when below is 0).
  const __m128i low = _mm_set1_epi8(static_cast<char>(below - 1));
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, c0), _mm_cmpeq_epi8(v, c1)),
                               _mm_or_si128(_mm_cmpeq_epi8(v, c2), _mm_cmpeq_epi8(v, c3)));
    hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, c4));
    if (below != 0) hit = _mm_or_si128(hit, _mm_cmpeq_epi8(_mm_min_epu8(v, low), v));
    const int mask = _mm_movemask_epi8(hit);
    if (mask != 0) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c == any[0] || c == any[1] || c == any[2] || c == any[3] || c == any[4] ||
        static_cast<unsigned char>(c) < below) {
      return i;
    }
  }
  return s.size();
}

void AppendHtmlEscaped(std::string* out, std::string_view s) {
  // Most text has nothing to escape: copy the runs between special bytes.
  // Templates escape about 150 values per page: finding those bytes 16 at a
  // time instead of switching on each halved escaping's instructions.
  static constexpr char kSpecial[5] = {'&', '<', '>', '"', '\''};
  std::size_t from = 0;
  for (std::size_t i = FindEscapable(s, 0, kSpecial); i < s.size(); i = FindEscapable(s, from, kSpecial)) {
    out->append(s, from, i - from);
    switch (s[i]) {
      case '&': out->append("&amp;"); break;
      case '<': out->append("&lt;"); break;
      case '>': out->append("&gt;"); break;
      case '"': out->append("&quot;"); break;
      default: out->append("&#39;"); break;
    }
    from = i + 1;
  }
  out->append(s, from, s.size() - from);
}

std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  AppendHtmlEscaped(&out, s);
  return out;
}

// ---------------------------------------------------------------- strings

namespace {
// Length of a white-space sequence at s[i] (ASCII space/tab/CR/LF, U+00A0,
// U+FEFF), or 0.
std::size_t SpaceAt(std::string_view s, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) return 2;
  if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBB &&
      static_cast<unsigned char>(s[i + 2]) == 0xBF)
    return 3;
  return 0;
}
}  // namespace

std::string Trim(std::string_view s) {
  std::size_t b = 0;
  while (b < s.size()) {
    std::size_t n = SpaceAt(s, b);
    if (!n) break;
    b += n;
  }
  std::size_t e = s.size();
  while (e > b) {
    // Walk back over one trailing space sequence if there is one.
    if (e >= 1 && SpaceAt(s, e - 1) == 1) { --e; continue; }
    if (e >= 2 && SpaceAt(s, e - 2) == 2) { e -= 2; continue; }
    if (e >= 3 && SpaceAt(s, e - 3) == 3) { e -= 3; continue; }
    break;
  }
  return std::string(s.substr(b, e - b));
}

std::string CollapseSpace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending = false;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t n = SpaceAt(s, i);
    if (n) {
      pending = !out.empty();
      i += n;
      continue;
    }
    if (pending) out.push_back(' ');
    pending = false;
    out.push_back(s[i]);
    ++i;
  }
  return out;
}

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.emplace_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

std::string ReplaceAll(std::string s, std::string_view from, std::string_view to) {
  if (from.empty()) return s;
  std::size_t pos = 0;
  while ((pos = s.find(from, pos)) != std::string::npos) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
  return s;
}

std::string FormatNumberVi(double v, int decimals) {
  if (!std::isfinite(v)) return "";
  // to_chars with a precision rounds as printf's "%.*f" does, at a fraction
  // of its cost (numbers are formatted for every table cell); the result is
  // regrouped in place, without temporary strings.
  char buf[400];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, std::clamp(decimals, 0, 20));
  std::string_view digits(buf, ec == std::errc() ? static_cast<std::size_t>(end - buf) : 0);
  std::string_view frac;
  if (std::size_t dot = digits.find('.'); dot != std::string_view::npos) {
    frac = digits.substr(dot + 1);
    digits = digits.substr(0, dot);
    while (!frac.empty() && frac.back() == '0') frac.remove_suffix(1);
  }
  const bool neg = !digits.empty() && digits[0] == '-';
  if (neg) digits.remove_prefix(1);
  std::string out;
  out.reserve(digits.size() + digits.size() / 3 + frac.size() + 2);
  if (neg && (digits != "0" || !frac.empty())) out.push_back('-');
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out.push_back('.');
    out.push_back(digits[i]);
  }
  if (!frac.empty()) {
    out.push_back(',');
    out.append(frac);
  }
  return out;
}

}  // namespace minhbach
