#include "base/csv.h"

#include <catch2/catch.hpp>

using namespace minhbach;

TEST_CASE("CSV: quotes, embedded commas and newlines, line numbers", "[csv]") {
  auto t = ParseCsv("a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n\n2,\"two\nlines\",z\n3,,\n", "f.csv");
  REQUIRE(t.ok());
  REQUIRE(t->header == std::vector<std::string>{"a", "b", "c"});
  REQUIRE(t->rows.size() == 3);
  CHECK(t->rows[0].line == 2);
  CHECK(t->rows[0].cells[1] == "x, y");
  CHECK(t->rows[0].cells[2] == "say \"hi\"");
  CHECK(t->rows[1].line == 4);
  CHECK(t->rows[1].cells[1] == "two\nlines");
  CHECK(t->rows[2].line == 6);
  CHECK(t->Cell(t->rows[2], "b") == "");
  CHECK(t->Cell(t->rows[2], "nope") == "");
}

TEST_CASE("CSV: unclosed quote names its line", "[csv]") {
  auto t = ParseCsv("a,b\n1,2\n3,\"oops\n", "r.csv");
  REQUIRE_FALSE(t.ok());
  CHECK(t.status().ToString() == "r.csv:3: a quoted field is never closed: add the missing '\"'");
}

TEST_CASE("CSV: writing round-trips", "[csv]") {
  std::string line = CsvLine({"Phòng Văn hóa - Xã hội", "a, b", "q\"q", ""});
  CHECK(line == "Phòng Văn hóa - Xã hội,\"a, b\",\"q\"\"q\",\n");
  auto t = ParseCsv("h1,h2,h3,h4\n" + line, "x");
  REQUIRE(t.ok());
  CHECK(t->rows[0].cells == std::vector<std::string>{"Phòng Văn hóa - Xã hội", "a, b", "q\"q", ""});
}

TEST_CASE("CSV: required columns", "[csv]") {
  auto t = ParseCsv("ma,gia_tri\n1,2\n", "bao-cao.csv");
  REQUIRE(t.ok());
  auto s = t->RequireColumns({"ma", "chu_ky"});
  CHECK(s.ToString() == "bao-cao.csv:1: missing column 'chu_ky' in the header row; expected columns: ma, chu_ky");
}
