#include "base/text.h"

#include <catch2/catch.hpp>

#include <cmath>

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "base/date.h"
#include "base/value.h"

using namespace minhbach;

TEST_CASE("Slugify folds every Vietnamese tone mark and đ", "[text]") {
  CHECK(Slugify("Đại Sơn") == "dai-son");
  CHECK(Slugify("Đồng Phú") == "dong-phu");
  CHECK(Slugify("Phú Thái") == "phu-thai");
  CHECK(Slugify("Phụ lục II: Các chỉ tiêu") == "phu-luc-ii-cac-chi-tieu");
  CHECK(Slugify("ƯỚC TÍNH ỨNG DỤNG") == "uoc-tinh-ung-dung");
  CHECK(Slugify("  hồ sơ  trực tuyến!! ") == "ho-so-truc-tuyen");
  CHECK(Slugify("1.1. Hạ tầng số") == "1-1-ha-tang-so");
  CHECK(Slugify("") == "");
}

TEST_CASE("Nfc composes decomposed Vietnamese", "[text]") {
  // "Việt" written as e + circumflex + dot below, marks in either order.
  std::string decomposed = "Vie\xCC\x82\xCC\xA3t";
  std::string reordered = "Vie\xCC\xA3\xCC\x82t";
  CHECK(Nfc(decomposed) == "Việt");
  CHECK(Nfc(reordered) == "Việt");
  CHECK(Nfc("Đại Sơn") == "Đại Sơn");
  CHECK(FoldVi(decomposed) == "viet");
}

TEST_CASE("Nfc: text already in NFC comes back as it is, anything else is normalized", "[text]") {
  // Text made only of code points NFC never changes skips normalization
  // (the fast path); check the claim for every code point it covers: after
  // a combining mark (which forces the full path) each comes out unchanged.
  const std::pair<char32_t, char32_t> kStable[] = {{0x80, 0x2FF},     {0x1E00, 0x1EFF}, {0x2010, 0x205E},
                                                     {0x20A0, 0x20C0}, {0x2190, 0x22FF}, {0x2500, 0x27BF}};
  const std::string forced = "a\xCC\x81";  // a + combining acute -> á
  for (const auto& [lo, hi] : kStable) {
    for (char32_t cp = lo; cp <= hi; ++cp) {
      const std::string one = EncodeUtf8(std::u32string(1, cp));
      INFO("U+" << std::hex << static_cast<unsigned>(cp));
      CHECK(Nfc(forced + one) == "á" + one);
      CHECK(Nfc(one) == one);
    }
  }
  // Outside those ranges the full path runs: singletons and marks change.
  CHECK(Nfc("\xE2\x84\xA6") == "\xCE\xA9");        // OHM SIGN -> GREEK CAPITAL OMEGA
  CHECK(Nfc("Vie\xCC\x82\xCC\xA3t Nam") == "Việt Nam");
  CHECK(Nfc("Kế hoạch ₫ – “số”") == "Kế hoạch ₫ – “số”");
}

// Expected values from Python's unicodedata.normalize("NFC", ...).
TEST_CASE("Nfc: singletons, exclusions, reordering, blocking and Hangul as Unicode specifies", "[text]") {
  CHECK(Nfc("\u212B") == "\u00C5");               // ANGSTROM SIGN -> Å
  CHECK(Nfc("a\u0340") == "\u00E0");              // COMBINING GRAVE TONE MARK, as some Vietnamese input sends it
  CHECK(Nfc("a\u0323\u0302") == "\u1EAD");        // ậ from either order of its marks
  CHECK(Nfc("a\u0302\u0323") == "\u1EAD");
  CHECK(Nfc("e\u0302\u0301") == "\u1EBF");        // ế
  CHECK(Nfc("a\u0301\u0301") == "\u00E1\u0301");  // the second acute is blocked
  CHECK(Nfc("\u03B1\u0301") == "\u03AC");         // Greek
  CHECK(Nfc("\u0438\u0306") == "\u0439");         // Cyrillic
  CHECK(Nfc("\u0958") == "\u0915\u093C");         // excluded from composition: stays decomposed
  CHECK(Nfc("\u1112\u1161\u11AB") == "\uD55C");   // Hangul jamo -> syllable
  CHECK(Nfc("\u1100\u1161") == "\uAC00");
  CHECK(Nfc("\uD55C") == "\uD55C");
}

TEST_CASE("LowerVi and FoldVi", "[text]") {
  CHECK(LowerVi("PHÒNG VĂN HÓA - XÃ HỘI") == "phòng văn hóa - xã hội");
  CHECK(FoldVi("Hồ sơ TRỰC tuyến") == "ho so truc tuyen");
  CHECK(FoldVi("ĐƯỜNG Đê, Quý I/2026") == "duong de, quy i/2026");
  CHECK(FoldVi("Vie\u0323\u0302t NAM") == "viet nam");   // decomposed marks, in either order
  CHECK(FoldVi("Vie\u0302\u0323t") == "viet");
  CHECK(FoldVi("a\xE1" "b") == "a\xEF\xBF\xBD" "b");     // a broken sequence folds to U+FFFD
  CHECK(FoldVi("") == "");
}

TEST_CASE("IsValidUtf8", "[text]") {
  CHECK(IsValidUtf8(""));
  CHECK(IsValidUtf8("Việt Nam ≥ 85% ✓ \xF0\x9F\x98\x80"));
  CHECK_FALSE(IsValidUtf8("\xE1" "b"));   // lead byte, then ASCII
  CHECK_FALSE(IsValidUtf8("ab\xC3"));     // cut short at the end
  CHECK_FALSE(IsValidUtf8("\x80"));       // continuation byte alone
  CHECK_FALSE(IsValidUtf8("\xFF"));
  // ASCII is skipped 8 bytes at a time: a bad byte at every offset of a
  // longer text, and text that ends cut short after a long ASCII run.
  const std::string ascii(40, 'a');
  for (std::size_t at = 0; at <= ascii.size(); ++at) {
    std::string s = ascii;
    s.insert(at, "\xFF");
    INFO(at);
    CHECK_FALSE(IsValidUtf8(s));
    CHECK(IsValidUtf8(ascii.substr(0, at) + "Việt" + ascii.substr(at)));
    CHECK_FALSE(IsValidUtf8(ascii.substr(0, at) + "\xE1\xBB"));
  }
}

TEST_CASE("HtmlEscape escapes markup and quotes", "[text]") {
  CHECK(HtmlEscape("<script>alert('x')</script> & \"y\"") ==
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;");
}

TEST_CASE("HtmlEscape finds special bytes at every offset of long text", "[text]") {
  // Escaping scans 16 bytes at a time: put each special byte at every
  // offset of texts longer than one step, among Vietnamese (multi-byte)
  // text, and compare with escaping byte by byte.
  auto one_by_one = [](const std::string& s) {
    std::string out;
    for (char c : s) {
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
      }
    }
    return out;
  };
  const std::string base = "Chỉ tiêu số hóa cấp xã, phường năm 2025";  // 40+ bytes
  for (char special : {'&', '<', '>', '"', '\''}) {
    for (std::size_t at = 0; at <= base.size(); ++at) {
      std::string s = base;
      s.insert(at, 1, special);
      INFO(s);
      CHECK(HtmlEscape(s) == one_by_one(s));
      s.insert(s.size() - at, 1, special);  // and a second one further on
      CHECK(HtmlEscape(s) == one_by_one(s));
    }
  }
  CHECK(HtmlEscape(base) == base);
  CHECK(HtmlEscape("") == "");
}

TEST_CASE("Trim and CollapseSpace handle no-break spaces", "[text]") {
  CHECK(Trim("\xC2\xA0 abc \t\n") == "abc");
  CHECK(CollapseSpace("  a \xC2\xA0\n b  ") == "a b");
}

TEST_CASE("FormatNumberVi uses a decimal comma", "[text]") {
  CHECK(FormatNumberVi(3.5) == "3,5");
  CHECK(FormatNumberVi(100) == "100");
  CHECK(FormatNumberVi(12000) == "12.000");
  CHECK(FormatNumberVi(4.75) == "4,75");
  CHECK(FormatNumberVi(0.6333333, 2) == "0,63");
  CHECK(FormatNumberVi(-3) == "-3");
  CHECK(FormatNumberVi(1234567.5) == "1.234.567,5");
  CHECK(FormatNumberVi(-1234.25) == "-1.234,25");
  CHECK(FormatNumberVi(-0.001, 2) == "0");  // no "-0"
  CHECK(FormatNumberVi(-0.5, 0) == "0");    // rounds to even, as printf
  CHECK(FormatNumberVi(0) == "0");
  CHECK(FormatNumberVi(999.999, 2) == "1.000");
  CHECK(FormatNumberVi(std::nan("")) == "");
}

TEST_CASE("Dates: leap years, month and quarter ends, day numbers", "[date]") {
  CHECK(EndOfMonth(2024, 2).ToIso() == "2024-02-29");
  CHECK(EndOfMonth(2026, 2).ToIso() == "2026-02-28");
  CHECK(EndOfQuarter(2026, 1).ToIso() == "2026-03-31");
  CHECK(EndOfQuarter(2026, 3).ToIso() == "2026-09-30");
  CHECK(DaysBetween(Date{2025, 10, 31}, Date{2026, 11, 23}) == 388);
  CHECK(Date::FromDayNumber(Date{2028, 2, 29}.DayNumber()) == Date{2028, 2, 29});
  CHECK(ParseIsoDate("2026-02-29") == std::nullopt);
  CHECK(ParseIsoDate("2026-11-23")->ToVi() == "23/11/2026");
}

TEST_CASE("Value keeps insertion order and writes deterministic JSON", "[value]") {
  Value v = Value::MakeObject();
  v.Set("z", 1);
  v.Set("a", "Đạt </script>");
  v.Set("n", 3.5);
  v.Set("list", Value::MakeArray()).Push(nullptr);
  v.Set("z", 2);
  CHECK(v.ToJson() == R"({"z":2,"a":"Đạt <\/script>","n":3.5,"list":[null]})");
}

TEST_CASE("FormatNumberVi groups thousands with '.', decimals after ',' as printf rounds them", "[text]") {
  CHECK(FormatNumberVi(1234567.5, 1) == "1.234.567,5");
  CHECK(FormatNumberVi(-0.04, 1) == "0");
  CHECK(FormatNumberVi(-1234.5, 0) == "-1.234");  // ties to even, as printf
  CHECK(FormatNumberVi(2.50, 2) == "2,5");
  CHECK(FormatNumberVi(0.125, 2) == "0,12");
  // Random values: the digits printf gives, grouped and with a comma.
  std::uint64_t x = 88172645463325252ull;
  for (int i = 0; i < 5000; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    const double v = static_cast<double>(static_cast<std::int64_t>(x % 2000000000ull) - 1000000000) / 997.0;
    const int decimals = static_cast<int>((x >> 60) % 4);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string printed = buf, whole = printed, frac;
    if (auto dot = printed.find('.'); dot != std::string::npos) {
      whole = printed.substr(0, dot);
      frac = printed.substr(dot + 1);
      while (!frac.empty() && frac.back() == '0') frac.pop_back();
    }
    std::string got = FormatNumberVi(v, decimals), got_whole = got, got_frac;
    if (auto comma = got.find(','); comma != std::string::npos) {
      got_whole = got.substr(0, comma);
      got_frac = got.substr(comma + 1);
    }
    got_whole.erase(std::remove(got_whole.begin(), got_whole.end(), '.'), got_whole.end());
    INFO(v << " with " << decimals << " decimals: printf " << printed << ", got " << got);
    CHECK(got_frac == frac);
    if (got_whole != "0" || !got_frac.empty()) CHECK(got_whole == whole);
  }
}
