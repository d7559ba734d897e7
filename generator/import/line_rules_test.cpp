#include "import/line_rules.h"

#include <catch2/catch.hpp>

using namespace minhbach::importer;

TEST_CASE("import: numbering markers", "[import]") {
  LineMarker m = ParseMarker("II. MỤC TIÊU, CHỈ TIÊU");
  CHECK(m.kind == Marker::kRoman);
  CHECK(m.number == "II");
  CHECK(m.rest == "MỤC TIÊU, CHỈ TIÊU");
  CHECK(ParseMarker("I- MỤC TIÊU, YÊU CẦU").kind == Marker::kRoman);
  CHECK(ParseMarker("Internet băng rộng").kind == Marker::kNone);
  CHECK(ParseMarker("X-quang").kind == Marker::kNone);

  m = ParseMarker("1.1. Đến năm 2030");
  CHECK(m.kind == Marker::kNumbered);
  CHECK(m.number == "1.1");
  CHECK(m.rest == "Đến năm 2030");
  CHECK(ParseMarker("10.5. Đảm bảo").number == "10.5");
  CHECK(ParseMarker("1.1 Không có dấu chấm").kind == Marker::kNone);
  CHECK(ParseMarker("2030, tầm nhìn đến năm 2045").kind == Marker::kNone);
  CHECK(ParseMarker("2035–2040.").kind == Marker::kNone);

  m = ParseMarker("(12) Tỷ lệ");
  CHECK(m.kind == Marker::kParen);
  CHECK(m.number == "12");
  CHECK(ParseMarker("(2030), 100%").kind == Marker::kNone);

  CHECK(ParseMarker("- Quán triệt").kind == Marker::kList);
  CHECK(ParseMarker("- Quán triệt").rest == "Quán triệt");
  CHECK(ParseMarker("PHỤ LỤC 3").kind == Marker::kAppendix);
  CHECK(ParseMarker("Phụ lục kèm theo").kind == Marker::kNone);
}

TEST_CASE("import: Roman numerals and appendix numbers", "[import]") {
  CHECK(RomanValue("IV") == 4);
  CHECK(RomanValue("XIII") == 13);
  CHECK(RomanValue("IIII") == 0);
  CHECK(RomanValue("VX") == 0);
  CHECK(RomanValue("Iv") == 0);
  CHECK(AppendixNumber("PHỤ LỤC II: CÁC CHỈ TIÊU") == 2);
  CHECK(AppendixNumber("PHỤ LỤC 3 DANH MỤC") == 3);
  CHECK(AppendixNumber("## PHỤ LỤC PHÂN CÔNG") == 0);
  CHECK(AppendixNumber("PHỤ LỤC") == 0);
}

TEST_CASE("import: line facts", "[import]") {
  CHECK(IsAllCaps("CHỦ TỊCH**"));
  CHECK(IsAllCaps("TRƯỞNG BAN CHỈ ĐẠO"));
  CHECK_FALSE(IsAllCaps("kiêm"));
  CHECK_FALSE(IsAllCaps("Nguyễn Tấn Hùng"));
  CHECK_FALSE(IsAllCaps("“"));
  CHECK(StartsLowercase("nghệ, đổi mới"));
  CHECK(StartsLowercase("đột phá"));
  CHECK_FALSE(StartsLowercase("Đột phá"));
  CHECK_FALSE(StartsLowercase("2030, tầm nhìn"));
  CHECK(EndsSentence("... xã hội số. "));
  CHECK(EndsSentence("(*Chi tiết tại Phụ lục III*)."));
  CHECK(EndsSentence("giải quyết./."));
  CHECK(EndsSentence("Nơi nhận:"));
  CHECK(EndsSentence("thực hiện;”"));
  CHECK_FALSE(EndsSentence("(Chi tiết tại Phụ lục II)"));
  CHECK_FALSE(EndsSentence("của Bộ Chính trị, Nghị"));
  CHECK(LooksLikePersonName("Đào Văn Soái"));
  CHECK(LooksLikePersonName("**Đào Văn Soái**"));
  CHECK_FALSE(LooksLikePersonName("CHỦ TỊCH"));
  CHECK_FALSE(LooksLikePersonName("Nơi nhận:"));
  CHECK_FALSE(LooksLikePersonName("Soái"));
  CHECK(CapitalizeFirst("nghị quyết") == "Nghị quyết");
  CHECK(CapitalizeFirst("đồng phú") == "Đồng phú");
  CHECK(CapitalizeFirst("ủy ban") == "Ủy ban");
  CHECK(StripHeadingMarkup("## **II. NHIỆM VỤ GIẢI PHÁP**") == "II. NHIỆM VỤ GIẢI PHÁP");
  CHECK(IsEnactingLine("Ủy ban nhân dân xã Phú Thái xây dựng Kế hoạch thực hiện"));
  CHECK_FALSE(IsEnactingLine("Ủy ban nhân dân xã yêu cầu các cơ quan"));
}
