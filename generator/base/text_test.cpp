#include "base/text.h"

#include <catch2/catch.hpp>

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

TEST_CASE("LowerVi and FoldVi", "[text]") {
  CHECK(LowerVi("PHÒNG VĂN HÓA - XÃ HỘI") == "phòng văn hóa - xã hội");
  CHECK(FoldVi("Hồ sơ TRỰC tuyến") == "ho so truc tuyen");
}

TEST_CASE("HtmlEscape escapes markup and quotes", "[text]") {
  CHECK(HtmlEscape("<script>alert('x')</script> & \"y\"") ==
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;");
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
