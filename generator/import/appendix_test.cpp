#include "import/appendix.h"

#include <catch2/catch.hpp>

using namespace minhbach::importer;

namespace {

Table MakeTable(std::vector<std::string> header, std::vector<std::vector<std::string>> rows) {
  Table t;
  t.line = 1;
  t.header = std::move(header);
  int line = 2;
  for (auto& cells : rows) {
    TableRow r;
    r.line = line++;
    r.cells = std::move(cells);
    r.cells.resize(t.header.size());
    t.rows.push_back(std::move(r));
  }
  return t;
}

}  // namespace

TEST_CASE("import: indicator groups, years from the group, indicators with children", "[import]") {
  Table t = MakeTable({"TT", "Chỉ tiêu", "Đơn vị tính", "Kết quả", "Cơ quan chủ trì", "Cơ quan phối hợp"},
                      {{"I", "Đến năm 2030"},
                       {"1", "Chỉ tiêu về thủ tục hành chính"},
                       {"1.1.", "Tỉ lệ sử dụng dịch vụ công", "%", "≥ 80", "Trung tâm", "Các cơ quan"},
                       {"2", "Chi ngân sách", "% tổng chi", "Phấn đấu đạt 3%", "Phòng Kinh tế", ""},
                       {"3", "Hạ tầng số", "", "Tiên tiến, hiện đại", "Phòng Văn hóa - Xã hội", ""},
                       {"3.1", "Tỉ lệ truy nhập băng rộng", "%", "100", "Phòng Văn hóa - Xã hội", ""},
                       {"II", "Đến năm 2045"},
                       {"10", "Mức độ chuyển đổi số", "%", "100", "Phòng Văn hóa - Xã hội", ""}});
  std::vector<Note> notes;
  std::vector<IndicatorRow> rows = ReadIndicators(t, "pl1", "Phụ lục I", &notes);
  CHECK(notes.empty());
  REQUIRE(rows.size() == 5);
  CHECK(rows[0].code == "1.1");  // trailing dot dropped
  CHECK(rows[0].group_path == "I Đến năm 2030 / 1 Chỉ tiêu về thủ tục hành chính");
  CHECK(rows[0].targets == std::map<int, std::string>{{2030, "≥ 80"}});
  CHECK(rows[0].measure == "%");
  CHECK(rows[0].lead == "Trung tâm");
  CHECK(rows[0].partners == "Các cơ quan");
  CHECK(rows[0].source_line == 4);
  CHECK(rows[1].code == "2");
  CHECK(rows[1].group_path == "I Đến năm 2030");
  CHECK(rows[2].code == "3");  // a target makes it an indicator though 3.1 follows
  CHECK(rows[2].targets.at(2030) == "Tiên tiến, hiện đại");
  CHECK(rows[3].code == "3.1");
  CHECK(rows[3].group_path == "I Đến năm 2030");
  CHECK(rows[4].code == "10");
  CHECK(rows[4].group_path == "II Đến năm 2045");
  CHECK(rows[4].targets == std::map<int, std::string>{{2045, "100"}});
}

TEST_CASE("import: year columns, '-' kept, measure inferred from percentages", "[import]") {
  Table t = MakeTable({"Stt", "Chỉ tiêu", "Năm 2025", "Năm 2030", "Năm 2040", "Cơ quan chủ trì theo dõi, đánh giá",
                       "Cơ quan phối hợp", "Sản phẩm đầu ra"},
                      {{"III", "Phát triển chuyển đổi số"},
                       {"8", "Tỷ lệ dân số dùng dịch vụ số", "-", "-", "80-90%", "Phòng Văn hóa - Xã hội", "", "Báo cáo"},
                       {"9", "Chỉ tiêu định tính", "Đạt", "100%", "", "Phòng Kinh tế", "", ""},
                       {"9", "Trùng số", "", "50%", "", "Phòng Kinh tế", "", ""}});
  std::vector<Note> notes;
  std::vector<IndicatorRow> rows = ReadIndicators(t, "pl2", "Phụ lục II", &notes);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].targets == std::map<int, std::string>{{2025, "-"}, {2030, "-"}, {2040, "80-90%"}});
  CHECK(rows[0].measure == "%");
  CHECK(rows[0].output == "Báo cáo");
  CHECK(rows[0].group_path == "III Phát triển chuyển đổi số");
  CHECK(rows[1].measure == "");  // "Đạt" is not a percentage
  CHECK(rows[2].code == "9-b");
  REQUIRE(notes.size() == 1);
  CHECK(notes[0].line == 5);
}

TEST_CASE("import: task sections, repeated numbers and sub-items", "[import]") {
  Table t = MakeTable({"TT", "TÊN NHIỆM VỤ", "ĐƠN VỊ CHỦ TRÌ", "MỤC TIÊU CHÍNH ĐẦU TƯ/ SẢN PHẨM ĐẦU RA"},
                      {{"VI", "NÂNG CAO NHẬN THỨC"},
                       {"1", "Tổ chức triển khai", "Phòng Văn hóa - Xã hội", "Văn bản"},
                       {"2", "Triển khai Phong trào", "Ban Xây dựng Đảng", "Phong trào"},
                       {"2", "Xây dựng Đề án", "Phòng Văn hóa - Xã hội", "Đề án"},
                       {"", "Việc con", "Phòng Kinh tế", ""},
                       {"3.", "Kế hoạch", "Phòng Văn hóa - Xã hội", "Kế hoạch"}});
  t.rows[4].sub_item = true;
  std::vector<Note> notes;
  std::vector<TaskRow> rows = ReadTasks(t, "pl", "Phụ lục", &notes);
  REQUIRE(rows.size() == 5);
  CHECK(rows[0].section == "VI");
  CHECK(rows[0].section_title == "NÂNG CAO NHẬN THỨC");
  CHECK(rows[0].output == "Văn bản");
  CHECK(rows[1].number == "2");
  CHECK(rows[2].number == "2-b");
  CHECK(rows[3].number == "2.a");
  CHECK(rows[3].lead == "Phòng Kinh tế");
  CHECK(rows[4].number == "3");
  CHECK(notes.size() == 2);
}

TEST_CASE("import: task columns by header words", "[import]") {
  Table t = MakeTable({"Stt", "Nội dung công việc", "Kết quả/sản phẩm dự kiến", "Đơn vị chủ trì", "Đơn vị phối hợp",
                       "Thời gian thực hiện", "Ghi chú"},
                      {{"1", "Tuyên truyền", "Báo cáo", "Trung tâm", "Các cơ quan", "Thường xuyên", "x"}});
  std::vector<Note> notes;
  std::vector<TaskRow> rows = ReadTasks(t, "pl", "Phụ lục", &notes);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].section == "");
  CHECK(rows[0].title == "Tuyên truyền");
  CHECK(rows[0].output == "Báo cáo");
  CHECK(rows[0].lead == "Trung tâm");
  CHECK(rows[0].partners == "Các cơ quan");
  CHECK(rows[0].deadline == "Thường xuyên");
  CHECK(rows[0].note == "x");
  CHECK(ClassifyTable(t) == TableKind::kTasks);
}

TEST_CASE("import: appendix keys and titles", "[import]") {
  CHECK(AppendixKey("PHỤ LỤC II: CÁC CHỈ TIÊU") == "pl2");
  CHECK(AppendixKey("PHỤ LỤC 3 DANH MỤC") == "pl3");
  CHECK(AppendixKey("PHỤ LỤC PHÂN CÔNG") == "pl");
  CHECK(AppendixTitle("PHỤ LỤC I: CÁC CHỈ TIÊU THEO NGHỊ QUYẾT SỐ 71/NQ-CP", "Đại Sơn") ==
        "Phụ lục I: Các chỉ tiêu theo Nghị quyết số 71/NQ-CP");
  CHECK(AppendixTitle("PHỤ LỤC 3 DANH MỤC CÁC NHIỆM VỤ TRIỂN KHAI", "Đại Sơn") ==
        "Phụ lục 3: Danh mục các nhiệm vụ triển khai");
  CHECK(AppendixTitle("PHỤ LỤC NHIỆM VỤ TRIỂN KHAI NGHỊ QUYẾT 57-NQ/TW TRÊN ĐỊA BÀN XÃ ĐỒNG PHÚ NĂM 2026",
                      "Đồng Phú") ==
        "Phụ lục: Nhiệm vụ triển khai Nghị quyết 57-NQ/TW trên địa bàn xã Đồng Phú năm 2026");
  CHECK(AppendixTitle("Phụ lục kèm theo", "") == "Phụ lục kèm theo");
  CHECK(CodeWithoutTrailingDot("1.1.") == "1.1");
  CHECK(CodeWithoutTrailingDot(" 12 ") == "12");
}

TEST_CASE("import: CSV files", "[import]") {
  IndicatorRow r;
  r.table_key = "pl2";
  r.table_title = "Phụ lục II: Các chỉ tiêu";
  r.code = "22";
  r.name = "Tỷ lệ hồ sơ, xử lý";
  r.measure = "%";
  r.targets = {{2025, "≥ 70%"}, {2026, "80%"}};
  r.source_line = 313;
  std::vector<int> years = TargetYears({r});
  CHECK(years == std::vector<int>{2025, 2026, 2030, 2035, 2040, 2045});
  CHECK(IndicatorsCsv({r}, years) ==
        "table_key,table_title,code,group_path,name,measure,direction,t2025,t2026,t2030,t2035,t2040,t2045,lead,"
        "partners,output,source_line\n"
        "pl2,Phụ lục II: Các chỉ tiêu,22,,\"Tỷ lệ hồ sơ, xử lý\",%,increase,≥ 70%,80%,,,,,,,,313\n");
  TaskRow t;
  t.table_key = "pl3";
  t.number = "1";
  t.title = "A";
  t.source_line = 9;
  CHECK(TasksCsv({t}) == std::string(kTasksHeader) + "\npl3,,,,1,A,,,,,,9\n");
}
