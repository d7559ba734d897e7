#include "data/target_parser.h"

#include <catch2/catch.hpp>

namespace minhbach {
namespace {

struct Case {
  const char* cell;
  const char* comparator;
  double value;     // ignored for qualitative
  double value_hi;  // 0 when none
  const char* qualifier;
};

TEST_CASE("target cells with one target", "[data]") {
  const Case cases[] = {
      {"≥ 80", ">=", 80, 0, ""},
      {"≥80%", ">=", 80, 0, ""},
      {"$\\geq 70\\%$", ">=", 70, 0, ""},
      {"$\\geq 100\\%$", ">=", 100, 0, ""},
      {"80-90%", "range", 80, 90, ""},
      {"80–90%", "range", 80, 90, ""},
      {"15-17%", "range", 15, 17, ""},
      {"45-50% GRDP", "range", 45, 50, "GRDP"},
      {"100%", ">=", 100, 0, ""},
      {"90", ">=", 90, 0, ""},
      {"3,5%", ">=", 3.5, 0, ""},
      {"Phấn đấu đạt 3%", ">=", 3, 0, ""},
      {"phần đầu 3%", ">=", 3, 0, ""},
      {"phần đầu đạt 3%", ">=", 3, 0, ""},
      {"phần đầu đạt trên 3,5%", ">", 3.5, 0, ""},
      {"đạt trên 3,5%", ">", 3.5, 0, ""},
      {"ít nhất 3%", ">=", 3, 0, ""},
      {"từ 60% dân số trở lên", ">=", 60, 0, "dân số"},
      {"từ 70% trở lên", ">=", 70, 0, ""},
      {"khoảng 40%", "=", 40, 0, ""},
      {"không quá 5%", "<=", 5, 0, ""},
      {"dưới 2%", "<", 2, 0, ""},
      {"≤ 10%", "<=", 10, 0, ""},
      {"$\\geq 2\\%$ và tăng dần theo yêu cầu phát triển", ">=", 2, 0, "và tăng dần theo yêu cầu phát triển"},
      {"Phủ sóng 6G đạt ≥ 50% địa bàn", ">=", 50, 0, "Phủ sóng 6G địa bàn"},
      {"12.000", ">=", 12000, 0, ""},
      {"từ 80 đến 90%", "range", 80, 90, ""},
      {"tối thiểu 3%", ">=", 3, 0, ""},
      {"không dưới 3%", ">=", 3, 0, ""},
      {"hơn 3%", ">", 3, 0, ""},
      {"xấp xỉ 40%", "=", 40, 0, ""},
      {"tối đa 5%", "<=", 5, 0, ""},
      {"đạt 3%", ">=", 3, 0, ""},
      {"≥ 1.250 người", ">=", 1250, 0, "người"},
  };
  for (const Case& c : cases) {
    INFO(c.cell);
    std::vector<ParsedTarget> t = ParseTargetCell(c.cell);
    REQUIRE(t.size() == 1);
    CHECK(t[0].comparator == c.comparator);
    REQUIRE(t[0].value.has_value());
    CHECK(*t[0].value == Approx(c.value));
    if (c.value_hi != 0) {
      REQUIRE(t[0].value_hi.has_value());
      CHECK(*t[0].value_hi == Approx(c.value_hi));
    } else {
      CHECK_FALSE(t[0].value_hi.has_value());
    }
    CHECK(t[0].qualifier == c.qualifier);
    CHECK(t[0].raw == c.cell);
  }
}

TEST_CASE("target cells without a number are qualitative", "[data]") {
  for (const char* cell : {"Đạt", "Tiên tiến, hiện đại, dung lượng lớn, băng thông rộng",
                           "Tiến tiến, hiện đại, dung lượng lớn, băng thông rộng", "Phủ sóng 5G"}) {
    INFO(cell);
    std::vector<ParsedTarget> t = ParseTargetCell(cell);
    REQUIRE(t.size() == 1);
    CHECK(t[0].comparator == "qualitative");
    CHECK_FALSE(t[0].value.has_value());
    CHECK(t[0].raw == cell);
  }
}

TEST_CASE("decomposed text parses like precomposed text", "[data]") {
  std::vector<ParsedTarget> t = ParseTargetCell("pha\u0302\u0300n \u0111a\u0302\u0300u \u0111a\u0323t tre\u0302n 3,5%");
  REQUIRE(t.size() == 1);
  CHECK(t[0].comparator == ">");
  CHECK(*t[0].value == 3.5);
  CHECK(t[0].raw == "phần đầu đạt trên 3,5%");
}

TEST_CASE("blank and dash target cells give no row", "[data]") {
  for (const char* cell : {"", "  ", "-", "–", "—", " - "}) {
    INFO(cell);
    CHECK(ParseTargetCell(cell).empty());
  }
}

TEST_CASE("two targets in one cell are two rows with their qualifiers", "[data]") {
  std::vector<ParsedTarget> t = ParseTargetCell(
      "≥ 95 đối với cơ sở giáo dục phổ thông và giáo dục thường xuyên ≥ 95 đối với cơ sở giáo dục mầm non và "
      "các cơ quan quản lý giáo dục");
  REQUIRE(t.size() == 2);
  CHECK(t[0].comparator == ">=");
  CHECK(*t[0].value == 95);
  CHECK(t[0].qualifier == "đối với cơ sở giáo dục phổ thông và giáo dục thường xuyên");
  CHECK(t[0].raw == "≥ 95 đối với cơ sở giáo dục phổ thông và giáo dục thường xuyên");
  CHECK(t[1].comparator == ">=");
  CHECK(*t[1].value == 95);
  CHECK(t[1].qualifier == "đối với cơ sở giáo dục mầm non và các cơ quan quản lý giáo dục");

  std::vector<ParsedTarget> u = ParseTargetCell("≥ 95% cơ sở giáo dục phổ thông, ≥ 90% cơ sở mầm non");
  REQUIRE(u.size() == 2);
  CHECK(*u[0].value == 95);
  CHECK(u[0].qualifier == "cơ sở giáo dục phổ thông");
  CHECK(*u[1].value == 90);
  CHECK(u[1].qualifier == "cơ sở mầm non");
}

TEST_CASE("years and dates inside a target cell are not targets", "[data]") {
  std::vector<ParsedTarget> t = ParseTargetCell("≥ 85% hồ sơ trực tuyến (2030), 100% (2040)");
  REQUIRE(t.size() == 2);
  CHECK(*t[0].value == 85);
  CHECK(t[0].comparator == ">=");
  CHECK(*t[1].value == 100);
}

TEST_CASE("a bare target of a decreasing indicator is an upper bound", "[data]") {
  std::vector<ParsedTarget> t = ParseTargetCell("5%", /*decreasing=*/true);
  REQUIRE(t.size() == 1);
  CHECK(t[0].comparator == "<=");
  CHECK(ParseTargetCell("≥ 5%", true)[0].comparator == ">=");
}

}  // namespace
}  // namespace minhbach
