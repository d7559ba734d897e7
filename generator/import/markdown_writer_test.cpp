#include "import/markdown_writer.h"

#include <catch2/catch.hpp>

#include "render/markdown.h"

using namespace minhbach;
using namespace minhbach::importer;

TEST_CASE("import: Markdown escaping of extracted text", "[import]") {
  CHECK(EscapeLineStart("1. Kế hoạch này thay thế") == "1\\. Kế hoạch này thay thế");
  CHECK(EscapeLineStart("12) Một") == "12\\) Một");
  CHECK(EscapeLineStart("1.1. Triển khai") == "1.1. Triển khai");
  CHECK(EscapeLineStart("(1) Tỷ lệ") == "(1) Tỷ lệ");
  CHECK(EscapeLineStart("# không phải tiêu đề") == "\\# không phải tiêu đề");
  CHECK(EscapeLineStart("- gạch") == "\\- gạch");
  CHECK(EscapeLineStart("---") == "\\---");
  CHECK(EscapeLineStart("*Chi tiết*") == "*Chi tiết*");
  CHECK(EscapeInline("a <b>b</b> < 5") == "a \\<b>b\\</b> < 5");
  CHECK(EscapeInline("GD&ĐT, a &amp; b") == "GD&ĐT, a \\&amp; b");
}

TEST_CASE("import: blocks as Markdown", "[import]") {
  Block h;
  h.kind = BlockKind::kHeading;
  h.level = 3;
  h.lines = {"1. Mục đích"};
  Block sig;
  sig.kind = BlockKind::kParagraph;
  sig.lines = {"**TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH**"};
  Block item1;
  item1.kind = BlockKind::kListItem;
  item1.lines = {"UBND thành phố;"};
  Block item2 = item1;
  item2.lines = {"Lưu: VT, VHXH."};
  CHECK(BodyMarkdown({h, sig, item1, item2}, {}) ==
        "### 1. Mục đích\n\n**TM. ỦY BAN NHÂN DÂN\\\nCHỦ TỊCH**\n\n- UBND thành phố;\n- Lưu: VT, VHXH.\n");
}

TEST_CASE("import: tables as GFM, pipes escaped, group rows bold", "[import]") {
  Table t;
  t.header = {"TT", "Chỉ tiêu", "Kết quả"};
  t.rows.push_back(TableRow{2, {"I", "Đến năm 2030", ""}, {}, false});
  t.rows.push_back(TableRow{3, {"1", "A | B", "≥ 80"}, {}, false});
  std::string md = TableMarkdown(t);
  CHECK(md ==
        "| TT | Chỉ tiêu | Kết quả |\n| --- | --- | --- |\n| **I** | **Đến năm 2030** | |\n| 1 | A \\| B | ≥ 80 |");
  InitMarkdown();
  RenderedMarkdown html = RenderMarkdown(md + "\n");
  CHECK(html.html.find("<table") != std::string::npos);
  CHECK(html.html.find("A | B") != std::string::npos);
  CHECK(html.html.find("raw HTML omitted") == std::string::npos);
}
