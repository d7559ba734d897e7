#include "import/plan_text.h"

#include <catch2/catch.hpp>

using namespace minhbach::importer;

TEST_CASE("import: the header, the title line and the blocks after it", "[import]") {
  PlanText p = ParsePlanText("\n\nSố: /KH-UBND\n\nĐại Sơn, ngày tháng 3 năm 2026\n\nKẾ HOẠCH\n\nThực hiện X\n");
  CHECK(p.title_line == 7);
  REQUIRE(p.header.size() == 2);
  CHECK(p.header[0] == std::pair<int, std::string>{3, "Số: /KH-UBND"});
  REQUIRE(p.blocks.size() == 1);
  CHECK(p.blocks[0].Text() == "Thực hiện X");
  CHECK(p.blocks[0].line == 9);

  CHECK(ParsePlanText("## KẾ HOẠCH\n\n### Thực hiện Y\n").title_line == 1);
  CHECK(ParsePlanText("Không có tiêu đề\n").title_line == 0);
}

TEST_CASE("import: lines cut at the page width are joined", "[import]") {
  // Seed 002: every line of a paragraph is followed by a blank line.
  std::vector<Block> b = BuildBlocks({"- 100% khu vực trung tâm xã có phủ sóng 5G; 100% hộ gia đình có khả ", "",
                                      "năng truy cập Internet băng thông rộng tốc độ ≥ 1Gb/s. ", "",
                                      "Kế hoạch số 142/KH-UBND ngày 09/6/2025 của UBND thành phố Hải ", "",
                                      "Phòng về Thực hiện Nghị quyết số 57-", "", "NQ/TW;", "", "Căn cứ khác"},
                                     0);
  REQUIRE(b.size() == 3);
  CHECK(b[0].kind == BlockKind::kListItem);
  CHECK(b[0].Text() ==
        "100% khu vực trung tâm xã có phủ sóng 5G; 100% hộ gia đình có khả năng truy cập Internet băng thông rộng "
        "tốc độ ≥ 1Gb/s.");
  CHECK(b[0].end_line == 3);
  CHECK(b[1].Text() == "Kế hoạch số 142/KH-UBND ngày 09/6/2025 của UBND thành phố Hải Phòng về Thực hiện Nghị "
                       "quyết số 57-NQ/TW;");
  CHECK(b[2].Text() == "Căn cứ khác");  // a basis document starts its own paragraph
}

TEST_CASE("import: a list item continues after its semicolon", "[import]") {
  std::vector<Block> b = BuildBlocks({"- 100% dân số trưởng thành tiếp cận dịch vụ số; ", "", "≥ 40% dân số có chữ ký số. ",
                                      "", "Đoạn mới."},
                                     0);
  REQUIRE(b.size() == 2);
  CHECK(b[0].Text() == "100% dân số trưởng thành tiếp cận dịch vụ số; ≥ 40% dân số có chữ ký số.");
}

TEST_CASE("import: a paragraph continues after a semicolon only in lower case", "[import]") {
  std::vector<Block> b = BuildBlocks({"Chủ trì phát triển nguồn nhân lực số; tổ chức tuyên truyền, nâng cao nhận thức; ",
                                      "", "triển khai số hóa dữ liệu trong y tế.", "", "Nghị quyết số 71-NQ/CP;", "",
                                      "Chương trình hành động 89-CTr/TU;"},
                                     0);
  REQUIRE(b.size() == 3);
  CHECK(b[0].Text() == "Chủ trì phát triển nguồn nhân lực số; tổ chức tuyên truyền, nâng cao nhận thức; triển khai "
                       "số hóa dữ liệu trong y tế.");
  CHECK(b[1].Text() == "Nghị quyết số 71-NQ/CP;");
}

TEST_CASE("import: numbered lines are headings or numbered paragraphs", "[import]") {
  std::vector<Block> b = BuildBlocks(
      {"III. NHIỆM VỤ VÀ GIẢI PHÁP", "", "5. Đẩy mạnh chuyển đổi số, bảo đảm quốc phòng và an ninh.", "",
       "5.1. Triển khai hiệu quả chương trình.", "", "5.2. Tăng cường quản lý công, phòng chống lãng phí", "",
       "5.3. Nâng cao chất lượng.", "", "8. Tăng cường giám sát đánh giá", "", "Phân công các cơ quan.", "",
       "1.3. Phát triển Khoa học, Công nghệ", "", "Tiếp nhận và triển khai ứng dụng AI."},
      0);
  REQUIRE(b.size() == 9);
  CHECK(b[0].kind == BlockKind::kHeading);
  CHECK(b[0].level == 2);
  CHECK(b[1].kind == BlockKind::kHeading);  // has a child (5.1.) though it ends with '.'
  CHECK(b[1].level == 3);
  CHECK(b[2].kind == BlockKind::kParagraph);
  CHECK(b[3].kind == BlockKind::kParagraph);  // no full stop, but its sibling 5.3. follows
  CHECK(b[4].kind == BlockKind::kParagraph);
  CHECK(b[5].kind == BlockKind::kHeading);
  CHECK(b[6].kind == BlockKind::kParagraph);
  CHECK(b[7].kind == BlockKind::kHeading);  // a capitalised sentence does not continue a heading
  CHECK(b[7].level == 4);
  CHECK(b[8].Text() == "Tiếp nhận và triển khai ứng dụng AI.");
}

TEST_CASE("import: a numbered line cut mid-sentence is continued", "[import]") {
  std::vector<Block> b = BuildBlocks({"1. Kế hoạch này thay thế Kế hoạch số 103/KH-UBND về khoa học, công", "",
                                      "nghệ, đổi mới sáng tạo tại xã Đại Sơn", "", "2. Các cơ quan thực hiện."},
                                     0);
  REQUIRE(b.size() == 2);
  CHECK(b[0].kind == BlockKind::kParagraph);
  CHECK(b[0].Text() == "1. Kế hoạch này thay thế Kế hoạch số 103/KH-UBND về khoa học, công nghệ, đổi mới sáng tạo "
                       "tại xã Đại Sơn");
}

TEST_CASE("import: lines directly below each other are hard line breaks", "[import]") {
  std::vector<Block> b = BuildBlocks({"**TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH**", "", "Đào Văn Soái", "", "PHỤ LỤC 3",
                                      "DANH MỤC CÁC NHIỆM VỤ", "(Kèm theo Kế hoạch)"},
                                     0);
  REQUIRE(b.size() == 4);
  CHECK(b[0].lines == std::vector<std::string>{"**TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH**"});
  CHECK(b[1].Text() == "Đào Văn Soái");
  CHECK(b[2].kind == BlockKind::kHeading);
  CHECK(b[2].marker == Marker::kAppendix);
  CHECK(b[2].Text() == "PHỤ LỤC 3 DANH MỤC CÁC NHIỆM VỤ");
  CHECK(b[3].Text() == "(Kèm theo Kế hoạch)");
}

TEST_CASE("import: Markdown headings keep their text, levels follow the numbering", "[import]") {
  std::vector<Block> b = BuildBlocks({"### I. MỤC TIÊU", "", "## **5. Đẩy mạnh hoạt động**", "", "#### 1. Mục đích"}, 0);
  REQUIRE(b.size() == 3);
  CHECK(b[0].level == 2);
  CHECK(b[1].level == 3);
  CHECK(b[1].Text() == "5. Đẩy mạnh hoạt động");
  CHECK(b[2].level == 3);
}

TEST_CASE("import: tab-separated lines are one table, blank lines are page breaks", "[import]") {
  std::vector<Block> b =
      BuildBlocks({"PHỤ LỤC", "", "TT\tTên", "1\tMột", "", "\ttiếp", "2\tHai", "", "Đoạn sau."}, 0);
  REQUIRE(b.size() == 3);
  REQUIRE(b[1].kind == BlockKind::kTable);
  REQUIRE(b[1].rows.size() == 4);
  CHECK(b[1].line == 3);
  CHECK(b[1].end_line == 7);
  CHECK_FALSE(b[1].rows[1].after_break);
  CHECK(b[1].rows[2].after_break);
  CHECK(b[1].rows[2].cells == std::vector<std::string>{"", "tiếp"});
}

TEST_CASE("import: a run of short lines is a broken table", "[import]") {
  std::vector<std::string> lines = {"3. Bảng phân công thực hiện", ""};
  for (int i = 0; i < kMinBrokenRun; ++i) {
    lines.push_back("ô " + std::to_string(i));
    lines.push_back("");
  }
  lines.push_back("Ủy ban nhân dân xã yêu cầu các cơ quan, đơn vị chịu trách nhiệm.");
  std::vector<Block> b = BuildBlocks(lines, 0);
  REQUIRE(b.size() == 3);
  CHECK(b[0].kind == BlockKind::kHeading);
  CHECK(b[1].kind == BlockKind::kBrokenTable);
  CHECK(b[1].line == 3);
  CHECK(b[1].end_line == 3 + 2 * (kMinBrokenRun - 1));
  CHECK(b[1].lines.size() == static_cast<std::size_t>(kMinBrokenRun));
  CHECK(b[2].kind == BlockKind::kParagraph);

  // One line fewer is ordinary text.
  lines.erase(lines.begin() + 2, lines.begin() + 4);
  std::vector<Block> short_run = BuildBlocks(lines, 0);
  for (const Block& x : short_run) CHECK(x.kind != BlockKind::kBrokenTable);
}
