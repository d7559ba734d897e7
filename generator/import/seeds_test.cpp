// Golden tests on the four real plans (MB_SEEDS_DIR). The expected counts
// were established by reading the seeds, not by running the importer: every
// table row is listed in content/README.md ("What the importer reports for
// the seeds"). The raw-text scans below are independent of the importer.
#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "base/csv.h"
#include "base/fs.h"
#include "base/text.h"
#include "import/clean.h"
#include "import/plan_import.h"
#include "load/front_matter.h"
#include "render/markdown.h"

using namespace minhbach;
using namespace minhbach::importer;

namespace {

const char* const kSeed000 = "000_9d0ac8b4a600eccf.txt";
const char* const kSeed001 = "001_655a6051acb334a3.txt";
const char* const kSeed002 = "002_b1c9f0e4ea3f87bd.txt";
const char* const kSeed003 = "003_d904d39f0f35ced9.txt";

std::string SeedText(const std::string& name) {
  Result<std::string> t = ReadTextFile(std::string(MB_SEEDS_DIR) + "/" + name);
  REQUIRE(t.ok());
  return t.value();
}

std::vector<std::string> SeedLines(const std::string& name) { return Split(SeedText(name), '\n'); }

ImportResult ImportSeed(const std::string& name, const std::string& unit, const std::string& key) {
  ImportOptions o;
  o.unit = unit;
  o.key = key;
  o.source = name;
  return ImportPlan(SeedText(name), o);
}

const ImportedTable& TableByKey(const ImportResult& r, const std::string& key) {
  for (const ImportedTable& t : r.tables) {
    if (t.key == key) return t;
  }
  FAIL("no table " << key);
  return r.tables.front();
}

const IndicatorRow& Indicator(const ImportResult& r, const std::string& key, const std::string& code) {
  for (const IndicatorRow& i : r.indicators) {
    if (i.table_key == key && i.code == code) return i;
  }
  FAIL("no indicator " << key << " " << code);
  return r.indicators.front();
}

bool HasNoteAt(const ImportResult& r, int line, const std::string& words) {
  for (const Note& n : r.notes) {
    if (n.line == line && n.message.find(words) != std::string::npos) return true;
  }
  return false;
}

// The first cells of the raw table lines in [first, last] that are numbers
// (with dots), read straight from the text: what "no row lost" compares with.
std::vector<std::string> RawCodes(const std::vector<std::string>& lines, int first, int last) {
  static const std::regex kCode("^\\d+(\\.\\d+)*\\.?$");
  std::vector<std::string> out;
  for (int n = first; n <= last; ++n) {
    const std::string& l = lines[static_cast<std::size_t>(n - 1)];
    if (l.find('\t') == std::string::npos) continue;
    std::string cell = CleanText(l.substr(0, l.find('\t')));
    if (std::regex_match(cell, kCode)) out.push_back(cell);
  }
  return out;
}

std::string ContentFile(const std::string& relative) {
  Result<std::string> t = ReadTextFile(std::string(MB_SOURCE_DIR) + "/content/" + relative);
  REQUIRE(t.ok());
  return t.value();
}

int Count(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (std::size_t p = haystack.find(needle); p != std::string::npos; p = haystack.find(needle, p + 1)) ++n;
  return n;
}

// index.md renders without raw HTML, with `tables` tables of `rows` rows in all (headers included).
void CheckRenders(const std::string& index_md, int tables, int rows) {
  InitMarkdown();
  Result<Document> doc = ParseFrontMatter(index_md, "index.md");
  REQUIRE(doc.ok());
  RenderedMarkdown html = RenderMarkdown(doc->body);
  CHECK(html.html.find("raw HTML omitted") == std::string::npos);
  CHECK(Count(html.html, "<table") == tables);
  CHECK(Count(html.html, "<tr>") == rows);
}

}  // namespace

TEST_CASE("import seed 000 (Đại Sơn, NQ 11): three appendices", "[import]") {
  ImportResult r = ImportSeed(kSeed000, "Đại Sơn", "nq11");
  std::vector<std::string> lines = SeedLines(kSeed000);

  // Counted by hand: Phụ lục I has codes 1..12 with 1.1-1.9, 3.1-3.2 and
  // 9.1-9.6; "1" and "9" carry no value (groups), so 29 - 2 = 27
  // indicators. Phụ lục II: 29. Phụ lục 3: I 1-7, II 1-5, III 1-9, IV 1-5,
  // V 1-14, VI 1-3, VII 1-2 = 45 tasks.
  REQUIRE(r.tables.size() == 3);
  const ImportedTable& pl1 = TableByKey(r, "pl1");
  CHECK(pl1.kind == TableKind::kIndicators);
  CHECK(pl1.rows == 27);
  CHECK(pl1.repeated_headers == 4);
  CHECK(pl1.continuations == 2);
  CHECK(pl1.title == "Phụ lục I: Các chỉ tiêu theo Nghị quyết số 71/NQ-CP");
  const ImportedTable& pl2 = TableByKey(r, "pl2");
  CHECK(pl2.rows == 29);
  CHECK(pl2.repeated_headers == 0);
  CHECK(pl2.continuations == 1);
  CHECK(pl2.title == "Phụ lục II: Các chỉ tiêu theo dõi đánh giá theo giai đoạn 05 năm");
  const ImportedTable& pl3 = TableByKey(r, "pl3");
  CHECK(pl3.kind == TableKind::kTasks);
  CHECK(pl3.rows == 45);
  CHECK(pl3.repeated_headers == 9);
  CHECK(pl3.continuations == 6);
  CHECK(r.indicators.size() == 56);
  CHECK(r.tasks.size() == 45);

  // No row lost: every code written in the text is an indicator, except the two groups.
  std::vector<std::string> raw1 = RawCodes(lines, pl1.line, pl1.end_line);
  CHECK(raw1.size() == 29);
  std::set<std::string> codes1;
  for (const IndicatorRow& i : r.indicators) {
    if (i.table_key == "pl1") codes1.insert(i.code);
  }
  for (const std::string& c : raw1) {
    if (c != "1" && c != "9") CHECK(codes1.count(c) == 1);
  }
  std::vector<std::string> raw3 = RawCodes(lines, pl3.line, pl3.end_line);
  REQUIRE(raw3.size() == r.tasks.size());
  for (std::size_t i = 0; i < raw3.size(); ++i) CHECK(r.tasks[i].number == raw3[i]);

  // Cells.
  const IndicatorRow& r22 = Indicator(r, "pl2", "22");
  CHECK(r22.targets == std::map<int, std::string>{
                           {2025, "≥ 70%"}, {2030, "≥ 85%"}, {2035, "≥ 95%"}, {2040, "100%"}, {2045, "100%"}});
  CHECK(r22.measure == "%");
  CHECK(r22.group_path == "III Phát triển chuyển đổi số");
  CHECK(r22.source_line == 313);
  CHECK(Indicator(r, "pl2", "8").targets.at(2040) == "80-90%");
  CHECK(Indicator(r, "pl2", "8").targets.at(2025) == "-");
  CHECK(Indicator(r, "pl2", "20").name == "Tỷ lệ hồ sơ, kết quả giải quyết thủ tục hành chính được số hóa.");
  CHECK(Indicator(r, "pl2", "20").lead == "Trung tâm Phục vụ hành chính công");
  CHECK(Indicator(r, "pl2", "20").output == "Báo cáo số liệu");
  const IndicatorRow& r91 = Indicator(r, "pl1", "9.1");
  CHECK(r91.targets == std::map<int, std::string>{
                           {2030, "≥ 95 đối với cơ sở giáo dục phổ thông và giáo dục thường xuyên ≥ 95 đối với cơ sở "
                                  "giáo dục mầm non và các cơ quan quản lý giáo dục"}});
  CHECK(r91.group_path == "I Đến năm 2030 / 9 Các chỉ tiêu về giáo dục và đào tạo");
  CHECK(Indicator(r, "pl1", "1.1").group_path ==
        "I Đến năm 2030 / 1 Chỉ tiêu về thực hiện thủ tục hành chính, dịch vụ công và chỉ đạo, điều hành, quản trị "
        "nội bộ trên môi trường điện tử");
  CHECK(Indicator(r, "pl1", "2").targets.at(2030) == "Phấn đấu đạt 3%");
  CHECK(Indicator(r, "pl1", "2").measure == "% tổng chi ngân sách nhà nước");
  CHECK(Indicator(r, "pl1", "3").targets.at(2030) == "Tiến tiến, hiện đại, dung lượng lớn, băng thông rộng");
  CHECK(Indicator(r, "pl1", "5").name ==
        "Quản lý nhà nước trên môi trường số, kết nối và vận hành thông suốt giữa các cơ quan trong hệ thống chính trị");
  CHECK(Indicator(r, "pl1", "5").partners == "Sở Khoa học và Công nghệ; Các cơ quan chuyên môn, đơn vị liên quan.");
  CHECK(Indicator(r, "pl1", "11").targets == std::map<int, std::string>{{2045, "100"}});
  CHECK(Indicator(r, "pl1", "11").name ==
        "Cơ sở giáo dục phổ thông thực hiện lồng ghép, tích hợp khởi nghiệp vào các môn học và hoạt động giáo dục");
  const TaskRow& t5 = r.tasks[4];
  CHECK(t5.section == "I");
  CHECK(t5.number == "5");
  CHECK(EndsWith(t5.title, "“học tập số” thường xuyên, liên tục, phổ cập, nâng cao kiến thức về khoa học công nghệ, "
                           "đổi mới sáng tạo, kỹ năng số, công nghệ số cơ bản trong cán bộ, công chức và Nhân dân"));
  CHECK(t5.partners == "Các phòng, cơ quan chuyên môn thuộc UBND xã");
  CHECK(r.tasks.back().section == "VII");
  CHECK(r.tasks.back().number == "2");
  CHECK(r.tasks.back().source_line == 403);

  // Front matter.
  const Value& fm = r.front_matter;
  CHECK(StartsWith(fm.GetString("title"), "KẾ HOẠCH Thực hiện Nghị quyết số 11/NQ-CP ngày 14/01/2026"));
  CHECK(EndsWith(fm.GetString("title"), "trên địa bàn xã Đại Sơn"));
  CHECK(fm.GetString("key") == "nq11");
  CHECK(fm.GetString("number") == "Số: /KH-UBND");
  CHECK(fm.GetString("issuer") == "Ủy ban nhân dân xã Đại Sơn");
  CHECK(fm.GetString("place_date") == "Đại Sơn, ngày tháng 3 năm 2026");
  CHECK(fm.GetString("date") == "");
  CHECK(fm.GetString("signer") == "Đào Văn Soái");
  CHECK(fm.GetString("source") == kSeed000);
  REQUIRE(fm.Get("basis")->size() == 3);
  CHECK(EndsWith(fm.Get("basis")->as_array()[2].as_string(), "(Kế hoạch hành động số 26-KH/ĐU)"));
  CHECK(KeyFromText(fm.GetString("title")) == "nq11");
  CHECK(r.slug == "kh-nq11-2026");

  // What the editor is told.
  CHECK(HasNoteAt(r, 203, "Phụ lục IV"));
  CHECK(HasNoteAt(r, 5, "lacks its day"));
  CHECK(r.notes.size() == 2);
  CheckRenders(r.index_md, 3, (31 + 1) + (32 + 1) + (52 + 1));
}

TEST_CASE("import seed 001 (Đồng Phú): a repeated task number is kept", "[import]") {
  ImportResult r = ImportSeed(kSeed001, "Đồng Phú", "");
  std::vector<std::string> lines = SeedLines(kSeed001);
  // I 1-6, II 1, III 1-2, IV 1-2, V 1, VI 1, 2, 2, 3-9 = 22 tasks.
  REQUIRE(r.tables.size() == 1);
  const ImportedTable& pl = r.tables[0];
  CHECK(pl.key == "pl");
  CHECK(pl.rows == 22);
  CHECK(pl.continuations == 1);
  CHECK(pl.title == "Phụ lục: Nhiệm vụ chuyên đổi số gắn với việc triển khai Nghị quyết 57-NQ/TW trên địa bàn xã "
                    "Đồng Phú năm 2026");
  std::vector<std::string> raw = RawCodes(lines, pl.line, pl.end_line);
  REQUIRE(raw.size() == 22);
  for (std::size_t i = 0; i < raw.size(); ++i) {
    CHECK((r.tasks[i].number == raw[i] || r.tasks[i].number == raw[i] + "-b"));
  }
  const TaskRow& dup = r.tasks[14];
  CHECK(dup.section == "VI");
  CHECK(dup.number == "2-b");
  CHECK(dup.title == "Xây dựng Đề án Chuyển đổi số trên địa bàn xã giai đoạn 2025-2030");
  CHECK(dup.source_line == 253);
  CHECK(r.tasks[13].number == "2");
  CHECK(HasNoteAt(r, 253, "appears twice"));
  const TaskRow& six = r.tasks[5];
  CHECK(six.title == "Nâng cấp Đầu tư xây dựng Trung tâm điều hành thông minh cấp xã kết nối trung tâm điều hành "
                     "thông minh cấp tỉnh");
  CHECK(six.lead == "Phòng Văn hóa - Xã hội");
  CHECK(StartsWith(six.output, "Nâng cấp đầu tư xây dựng Trung tâm điều hành thông minh cấp xã nhằm: Tăng cường"));
  CHECK(r.indicators.empty());
  // (1)..(n) statements under "1. Mục tiêu" (lines 36-108): 2 + 5 + 24.
  CHECK(HasNoteAt(r, 36, "31 statements"));

  const Value& fm = r.front_matter;
  CHECK(fm.GetString("key") == "nq57");
  CHECK(fm.GetString("number") == "Số -KH/BCĐ");
  CHECK(fm.GetString("issuer") ==
        "Ban Chỉ đạo về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số xã Đồng Phú");
  CHECK(fm.GetString("place_date") == "Đồng Phú, ngày 05 tháng 3 năm 2026");
  CHECK(fm.GetString("date") == "2026-03-05");
  CHECK(fm.GetString("signer") == "Nguyễn Tấn Hùng");
  CHECK(fm.Get("basis")->size() == 6);
  CHECK(r.slug == "kh-nq57-2026");
  CheckRenders(r.index_md, 1, 28 + 1);
}

TEST_CASE("import seed 002 (Phú Thái): cut lines, no appendix, a broken table reported", "[import]") {
  ImportResult r = ImportSeed(kSeed002, "Phú Thái", "");
  CHECK(r.tables.empty());
  CHECK(r.tasks.empty());
  CHECK(HasNoteAt(r, 654, "lines 654–1125"));
  CHECK(HasNoteAt(r, 98, "lines 98–169"));
  CHECK(HasNoteAt(r, 1, "no document number"));
  CHECK(HasNoteAt(r, 1, "no place and date"));
  CHECK(r.notes.size() == 4);
  const Value& fm = r.front_matter;
  CHECK(fm.GetString("title") ==
        "KẾ HOẠCH Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, Nghị quyết 03-NQ/CP ngày "
        "09/01/2025 của Chính phủ, Nghị quyết số 71-NQ/CP ngày 01/4/2025 của Chính phủ và Chương trình hành động số "
        "89-CTr/TU ngày 25/02/2025 của Ban Thường vụ Thành ủy Hải Phòng về phát triển khoa học, công nghệ, đổi mới "
        "sáng tạo và chuyển đổi số trên địa bàn xã đến năm 2030, tầm nhìn đến năm 2045");
  CHECK(fm.GetString("issuer") == "Ủy ban nhân dân xã Phú Thái");
  CHECK(fm.GetString("signer") == "Nguyễn Phúc Công");
  REQUIRE(fm.Get("basis")->size() == 5);
  CHECK(fm.Get("basis")->as_array()[1].as_string() ==
        "Nghị quyết số 71-NQ/CP ngày 01/4/2025 của Chính phủ sửa đổi, bổ sung, cập nhật Chương trình hành động của "
        "Chính phủ về thực hiện Nghị quyết số 57-NQ/TW (Nghị quyết số 71-NQ/CP)");
  CHECK(r.slug == "kh-nq57-2030");
  // A bullet cut at the page width is one list item again.
  CHECK(r.index_md.find("- 100% khu vực trung tâm xã có phủ sóng 5G; 100% hộ gia đình có khả năng truy cập "
                        "Internet băng thông rộng tốc độ ≥ 1Gb/s.\n") != std::string::npos);
  CheckRenders(r.index_md, 0, 0);
}

TEST_CASE("import seed 003 (Đại Sơn, QĐ 709): <b> tags and headers repeated in bold", "[import]") {
  ImportResult r = ImportSeed(kSeed003, "Đại Sơn", "qd709");
  std::vector<std::string> lines = SeedLines(kSeed003);
  // Tasks 1-32 numbered straight through sections I-X.
  REQUIRE(r.tables.size() == 1);
  const ImportedTable& pl = r.tables[0];
  CHECK(pl.rows == 32);
  CHECK(pl.repeated_headers == 9);
  CHECK(pl.continuations == 2);
  CHECK(pl.title == "Phụ lục: Phân công thực hiện các nhiệm vụ");
  std::vector<std::string> raw = RawCodes(lines, pl.line, pl.end_line);
  REQUIRE(raw.size() == 32);
  int seventeen = 0;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    CHECK(r.tasks[i].number == std::to_string(i + 1));
    if (r.tasks[i].number == "17") ++seventeen;
  }
  CHECK(seventeen == 1);  // the header before it is in <b> and was still dropped
  const TaskRow& t17 = r.tasks[16];
  CHECK(t17.section == "V");
  CHECK(t17.section_title == "ĐẨY MẠNH HOẠT ĐỘNG TÌM KIẾM, CHUYỂN GIAO, ỨNG DỤNG VÀ PHÁT TRIỂN CÔNG NGHỆ");
  CHECK(t17.source_line == 189);
  CHECK(EndsWith(r.tasks[6].title, "tổ chức tuyên truyền, phổ biến đến cán bộ, công chức và Nhân dân trên địa bàn."));
  CHECK(EndsWith(r.tasks[18].title, "để báo cáo thành phố xem xét, hỗ trợ theo quy định."));
  CHECK(r.tasks[1].output == "Báo cáo kết quả (nêu rõ số lượng tin bài, số cuộc tuyên truyền...)");
  CHECK(r.tasks[1].lead == "Trung tâm dịch vụ sự nghiệp công xã");
  CHECK(r.tasks[1].deadline == "Thường xuyên");
  for (const TaskRow& t : r.tasks) {
    CHECK(t.section.find('<') == std::string::npos);
    CHECK(t.title.find("<b>") == std::string::npos);
  }

  const Value& fm = r.front_matter;
  CHECK(fm.GetString("title") == "KẾ HOẠCH Thực hiện Kế hoạch số 98/KH-UBND ngày 28/3/2026 của Ủy ban nhân dân thành phố");
  CHECK(fm.GetString("issuer") == "Ủy ban nhân dân xã Đại Sơn");
  CHECK(fm.GetString("signer") == "Đào Văn Soái");
  REQUIRE(fm.Get("basis")->size() == 1);
  CHECK(EndsWith(fm.Get("basis")->as_array()[0].as_string(), "định hướng xã hội chủ nghĩa và hội nhập quốc tế"));
  // Without --key the key comes from the basis (the title cites only a plan).
  CHECK(ImportSeed(kSeed003, "Đại Sơn", "").key == "qd709");
  CHECK(r.index_md.find("\n## II. NHIỆM VỤ GIẢI PHÁP\n") != std::string::npos);
  CHECK(r.index_md.find("\n### 5. Đẩy mạnh hoạt động tìm kiếm") != std::string::npos);
  CheckRenders(r.index_md, 1, 42 + 1);
}

TEST_CASE("import: the shipped content is what the importer produces", "[import]") {
  struct Case {
    const char* seed;
    const char* unit;
    const char* key;
    const char* dir;
    bool indicators_generated;
  };
  for (const Case& c : {Case{kSeed000, "Đại Sơn", "nq11", "dai-son/kh-nq11-2026", true},
                        Case{kSeed001, "Đồng Phú", "nq57", "dong-phu/kh-nq57-2026", false},
                        Case{kSeed003, "Đại Sơn", "qd709", "dai-son/kh-qd709-2026", true}}) {
    INFO(c.dir);
    ImportResult r = ImportSeed(c.seed, c.unit, c.key);
    CHECK(ContentFile(std::string(c.dir) + "/index.md") == r.index_md);
    CHECK(ContentFile(std::string(c.dir) + "/tasks.csv") == r.tasks_csv);
    if (c.indicators_generated) CHECK(ContentFile(std::string(c.dir) + "/indicators.csv") == r.indicators_csv);
  }
}

TEST_CASE("import: seed 002's shipped index.md differs from the import only in the fixed table", "[import]") {
  ImportResult r = ImportSeed(kSeed002, "Phú Thái", "nq57");
  std::string shipped = ContentFile("phu-thai/kh-nq57-2030/index.md");
  // The importer leaves the broken table as lines with hard breaks, from
  // its first fragment to its last.
  std::size_t from = r.index_md.find("Nội dung\\\nnhiệm vụ\\\n");
  std::size_t to = r.index_md.find("(2030)\n", from);
  REQUIRE(from != std::string::npos);
  REQUIRE(to != std::string::npos);
  to += std::string("(2030)\n").size();
  std::string before = r.index_md.substr(0, from), after = r.index_md.substr(to);
  REQUIRE(StartsWith(shipped, before));
  REQUIRE(EndsWith(shipped, after));
  std::string table = shipped.substr(before.size(), shipped.size() - before.size() - after.size());
  std::vector<std::string> rows = Split(table, '\n');
  REQUIRE(rows.size() == 2 + 9 + 1);  // header, delimiter, 9 rows, final ""
  CHECK(rows[0] == "| Nội dung nhiệm vụ | Đơn vị phụ trách | Việc phải làm | Trách nhiệm | Thời gian | Đánh giá |");
  // Every cell fragment of the broken table (after its header, line 668 on) is in the table.
  std::vector<std::string> lines = SeedLines(kSeed002);
  std::string flat = ReplaceAll(table, " | ", " ");
  for (int n = 668; n <= 1125; ++n) {
    std::string fragment = CollapseSpace(lines[static_cast<std::size_t>(n - 1)]);
    if (fragment.empty()) continue;
    INFO("line " << n);
    CHECK(flat.find(fragment) != std::string::npos);
  }
  CheckRenders(shipped, 1, 10);
}

TEST_CASE("import: indicators entered by the editor (seeds 001 and 002) are faithful", "[import]") {
  static const std::regex kPercent("(\\d+(?:,\\d+)?)\\s?%");
  auto percents = [](const std::string& s) {
    std::set<std::string> out;
    for (auto it = std::sregex_iterator(s.begin(), s.end(), kPercent); it != std::sregex_iterator(); ++it) {
      out.insert((*it)[1].str());
    }
    return out;
  };

  // 001: one row per "(n)" statement under "1. Mục tiêu" (lines 36-108); its
  // target's numbers are on the line it cites.
  {
    Result<CsvTable> t = ParseCsv(ContentFile("dong-phu/kh-nq57-2026/indicators.csv"), "001");
    REQUIRE(t.ok());
    CHECK(t->header == std::vector<std::string>{"table_key", "table_title", "code", "group_path", "name", "measure",
                                                "direction", "t2026", "lead", "partners", "output", "source_line"});
    std::vector<std::string> lines = SeedLines(kSeed001);
    int statements = 0;
    for (int n = 36; n <= 108; ++n) statements += StartsWith(lines[static_cast<std::size_t>(n - 1)], "(") ? 1 : 0;
    CHECK(statements == 31);
    REQUIRE(t->rows.size() == 31);
    for (const CsvRow& row : t->rows) {
      INFO(t->Cell(row, "code"));
      CHECK(t->Cell(row, "table_key") == "ct");
      std::string source = CleanText(lines[static_cast<std::size_t>(std::stoi(t->Cell(row, "source_line")) - 1)]);
      CHECK(StartsWith(source, "("));
      for (const std::string& p : percents(t->Cell(row, "t2026"))) CHECK(percents(source).count(p) == 1);
      CHECK(LowerVi(source).find(LowerVi(t->Cell(row, "name")).substr(0, 20)) != std::string::npos);
    }
  }
  // 002: every percentage under "1. Chỉ tiêu" (lines 100-169) is a target, and every target is in the text.
  {
    Result<CsvTable> t = ParseCsv(ContentFile("phu-thai/kh-nq57-2030/indicators.csv"), "002");
    REQUIRE(t.ok());
    REQUIRE(t->rows.size() == 18);
    std::vector<std::string> lines = SeedLines(kSeed002);
    std::string section;
    for (int n = 100; n <= 169; ++n) section += lines[static_cast<std::size_t>(n - 1)] + " ";
    std::set<std::string> in_text = percents(section);
    std::set<std::string> in_csv;
    for (const CsvRow& row : t->rows) {
      for (const char* y : {"t2025", "t2030", "t2035", "t2040", "t2045"}) {
        for (const std::string& p : percents(t->Cell(row, y))) in_csv.insert(p);
      }
      int line = std::stoi(t->Cell(row, "source_line"));
      CHECK((line >= 100 && line <= 169));
    }
    CHECK(in_csv == in_text);
  }
  // 002: the tasks of the fixed table.
  {
    Result<CsvTable> t = ParseCsv(ContentFile("phu-thai/kh-nq57-2030/tasks.csv"), "002");
    REQUIRE(t.ok());
    CHECK(t->header == Split(kTasksHeader, ','));
    REQUIRE(t->rows.size() == 9);
    int previous = 0;
    for (const CsvRow& row : t->rows) {
      CHECK(t->Cell(row, "table_key") == "pc");
      int line = std::stoi(t->Cell(row, "source_line"));
      CHECK(line > previous);
      previous = line;
    }
  }
}

TEST_CASE("seeds: the copies in tests/fixtures/seeds are shared/seeds byte for byte", "[import]") {
  // The golden tests read the copies (so that a clone anywhere can run
  // them); the plans themselves live in shared/seeds. Beside it, every plan
  // there must have an identical copy here, and no copy may be extra.
  namespace fs = std::filesystem;
  const fs::path shared = MB_SHARED_SEEDS_DIR, copies = MB_SEEDS_DIR;
  if (!fs::is_directory(shared)) {
    WARN("shared/seeds is not beside the repository: the copies cannot be compared here");
    return;
  }
  std::set<std::string> in_shared, in_copies;
  for (const auto& e : fs::directory_iterator(shared)) {
    if (e.path().extension() == ".txt") in_shared.insert(e.path().filename().string());
  }
  for (const auto& e : fs::directory_iterator(copies)) {
    if (e.path().extension() == ".txt") in_copies.insert(e.path().filename().string());
  }
  CHECK(in_copies == in_shared);
  for (const std::string& name : in_shared) {
    INFO(name);
    Result<std::string> a = ReadFile(shared / name), b = ReadFile(copies / name);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a.value() == b.value());
  }
}
