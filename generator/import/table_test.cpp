#include "import/table.h"

#include <catch2/catch.hpp>

#include "base/text.h"

using namespace minhbach;
using namespace minhbach::importer;

namespace {

// Table lines as the extraction writes them: "\t" between cells, "" for a
// blank line (a page break inside the table).
std::vector<TableLine> Lines(const std::vector<std::string>& raw) {
  std::vector<TableLine> out;
  bool brk = false;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i].empty()) {
      brk = true;
      continue;
    }
    out.push_back(TableLine{static_cast<int>(i) + 1, Split(raw[i], '\t'), brk});
    brk = false;
  }
  return out;
}

}  // namespace

TEST_CASE("import: a repeated header row is dropped", "[import]") {
  Table t = RebuildTable(Lines({"STT\tTên nhiệm vụ\tThời gian", "1\tMột\tThường xuyên", "",
                                "STT\tTên nhiệm vụ\tThời gian", "2\tHai\tTháng 10/2025"}));
  REQUIRE(t.rows.size() == 2);
  CHECK(t.repeated_headers == 1);
  CHECK(t.rows[1].cells == std::vector<std::string>{"2", "Hai", "Tháng 10/2025"});
  CHECK(t.rows[1].line == 5);
}

TEST_CASE("import: a header repeated in <b> tags is still the header", "[import]") {
  Table t = RebuildTable(Lines({"Stt\tNội dung công việc\tGhi chú", "16\tMười sáu\t", "",
                                "<b>Stt</b>\t<b>Nội dung công việc</b>\t<b>Ghi chú</b>", "17\tMười bảy\t"}));
  REQUIRE(t.rows.size() == 2);
  CHECK(t.repeated_headers == 1);
  CHECK(t.rows[1].cells[0] == "17");
}

TEST_CASE("import: a row cut by a page break is merged cell by cell", "[import]") {
  // Seed 000, Phụ lục II row 20: cut mid-word ("thủ" / "tục") in two columns.
  Table t = RebuildTable(Lines({"Stt\tChỉ tiêu\tNăm 2025\tCơ quan chủ trì",
                                "20\tTỷ lệ hồ sơ, kết quả giải quyết thủ\t≥ 80%\tTrung tâm", "",
                                "\ttục hành chính được số hóa.\t\tPhục vụ hành chính công"}));
  REQUIRE(t.rows.size() == 1);
  CHECK(t.continuations == 1);
  CHECK(t.rows[0].cells[1] == "Tỷ lệ hồ sơ, kết quả giải quyết thủ tục hành chính được số hóa.");
  CHECK(t.rows[0].cells[2] == "≥ 80%");
  CHECK(t.rows[0].cells[3] == "Trung tâm Phục vụ hành chính công");
  CHECK(t.rows[0].merged_lines == std::vector<int>{4});
}

TEST_CASE("import: a continuation after a repeated header merges too", "[import]") {
  Table t = RebuildTable(Lines({"TT\tChỉ tiêu\tCơ quan phối hợp", "5\tQuản lý nhà nước trong hệ thống\tCác đơn", "",
                                "TT\tChỉ tiêu\tCơ quan phối hợp", "\tchính trị\tvị liên quan."}));
  REQUIRE(t.rows.size() == 1);
  CHECK(t.rows[0].cells[1] == "Quản lý nhà nước trong hệ thống chính trị");
  CHECK(t.rows[0].cells[2] == "Các đơn vị liên quan.");
}

TEST_CASE("import: a code cut after its hyphen joins without a space", "[import]") {
  CHECK(JoinContinuation("Nghị quyết 57-", "NQ/TW") == "Nghị quyết 57-NQ/TW");
  CHECK(JoinContinuation("Phòng Văn hóa -", "Xã hội") == "Phòng Văn hóa - Xã hội");
  CHECK(JoinContinuation("", "Xã hội") == "Xã hội");
  CHECK(JoinContinuation("Trung tâm", "") == "Trung tâm");
}

TEST_CASE("import: an empty first cell without a page break is a sub-item", "[import]") {
  Table t = RebuildTable(Lines({"STT\tTên nhiệm vụ\tThời gian", "2\tNhiệm vụ hai\tThường xuyên",
                                "\tViệc con không đánh số\tQuý I/2026", "", "\t- Việc con có gạch đầu dòng\t"}));
  REQUIRE(t.rows.size() == 3);
  CHECK(t.continuations == 0);
  CHECK(t.rows[1].sub_item);
  CHECK(t.rows[1].cells[1] == "Việc con không đánh số");
  CHECK(t.rows[2].sub_item);  // after a break, but it starts with a list mark
}

TEST_CASE("import: cells are cleaned, extra cells are reported", "[import]") {
  Table t = RebuildTable(Lines({"Stt\tChỉ tiêu\tNăm 2025", "<b>22</b>\t  Tỷ lệ   hồ sơ \t$\\geq 70\\%$\t\t",
                                "23\tTỷ lệ\t50%\tthừa"}));
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0].cells == std::vector<std::string>{"22", "Tỷ lệ hồ sơ", "≥ 70%"});
  CHECK(t.rows[1].cells[2] == "50% thừa");
  REQUIRE(t.notes.size() == 1);
  CHECK(t.notes[0].first == 3);
}

TEST_CASE("import: group rows", "[import]") {
  TableRow group{1, {"I", "Đến năm 2030", "", ""}, {}, false};
  TableRow item{2, {"1", "Chỉ tiêu", "", ""}, {}, false};
  TableRow filled{3, {"II", "Tên", "x", ""}, {}, false};
  CHECK(IsSectionRow(group));
  CHECK_FALSE(IsSectionRow(item));
  CHECK_FALSE(IsSectionRow(filled));
}
