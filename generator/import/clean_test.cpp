#include "import/clean.h"

#include <catch2/catch.hpp>

using namespace minhbach::importer;

TEST_CASE("import: LaTeX math becomes the symbol it stands for", "[import]") {
  CHECK(CleanLatex("$\\geq 70\\%$") == "≥ 70%");
  CHECK(CleanLatex("$\\leq 5\\%$") == "≤ 5%");
  CHECK(CleanLatex("GRDP $\\geq 2\\%$ và tăng dần") == "GRDP ≥ 2% và tăng dần");
  CHECK(CleanLatex("$\\geq 100\\%$") == "≥ 100%");
  CHECK(CleanLatex("$70\\%$") == "70%");
  CHECK(CleanText("$\\text{đạt } 80\\%$") == "đạt 80%");
  // Outside "$...$" the known commands are converted too.
  CHECK(CleanLatex("\\geq 90\\%") == "≥ 90%");
}

TEST_CASE("import: text that only looks like LaTeX stays", "[import]") {
  CHECK(CleanLatex("giá 5$ một lần, 6$ lần sau") == "giá 5$ một lần, 6$ lần sau");
  CHECK(CleanLatex("no math here") == "no math here");
  CHECK(CleanLatex("\\$5") == "$5");
}

TEST_CASE("import: unknown LaTeX commands are kept and reported", "[import]") {
  std::vector<std::string> unknown;
  CHECK(CleanLatex("$\\frac 1 2$", &unknown) == "\\frac 1 2");
  REQUIRE(unknown == std::vector<std::string>{"\\frac"});
}

TEST_CASE("import: HTML tags are removed, their text kept", "[import]") {
  CHECK(StripTags("<b>II</b>") == "II");
  CHECK(StripTags("<b>Stt</b>") == "Stt");
  CHECK(StripTags("<p>một</p><p>hai</p>") == " một  hai ");
  CHECK(StripTags("a<br/>b") == "a b");
  CHECK(StripTags("< 50% và <5") == "< 50% và <5");
  CHECK(CleanText("  <b>TĂNG CƯỜNG</b>   SỰ  ") == "TĂNG CƯỜNG SỰ");
  CHECK(CleanText("<p>một</p><p>hai</p>") == "một hai");
}
