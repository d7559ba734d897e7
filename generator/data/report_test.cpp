#include "data/report.h"

#include <catch2/catch.hpp>

#include "cli/commands.h"
#include "data/data_test_util.h"
#include "data/database.h"
#include "load/site_config.h"

namespace minhbach {
namespace {

namespace fs = std::filesystem;
using testing::CopyFixtureSite;
using testing::DataFixtures;
using testing::QueryInt;
using testing::QueryText;

TEST_CASE("cycle codes give their period", "[data]") {
  struct Case {
    const char* code;
    const char* kind;
    const char* start;
    const char* end;
  };
  const Case cases[] = {
      {"2025", "year", "2025-01-01", "2025-12-31"},      {"2026-Q1", "quarter", "2026-01-01", "2026-03-31"},
      {"2026-Q3", "quarter", "2026-07-01", "2026-09-30"}, {"2026-Q4", "quarter", "2026-10-01", "2026-12-31"},
      {"2026-6T", "half", "2026-01-01", "2026-06-30"},    {"2026-9T", "nine_months", "2026-01-01", "2026-09-30"},
      {"2026-03", "month", "2026-03-01", "2026-03-31"},   {"2028-02", "month", "2028-02-01", "2028-02-29"},
  };
  for (const Case& c : cases) {
    INFO(c.code);
    Result<CycleCode> r = ParseCycleCode(c.code);
    REQUIRE(r.ok());
    CHECK(r->kind == c.kind);
    CHECK(r->start.ToIso() == c.start);
    CHECK(r->end.ToIso() == c.end);
  }
  for (const char* bad : {"", "26", "2026-Q5", "2026-13", "2026-q1", "2026-7T", "Q1-2026", "2026-Q1x"}) {
    INFO(bad);
    CHECK_FALSE(ParseCycleCode(bad).ok());
  }
}

TEST_CASE("reported numbers as editors write them", "[data]") {
  double v = 0;
  CHECK((ParseReportedNumber("82,5", &v) && v == 82.5));
  CHECK((ParseReportedNumber("82.5", &v) && v == 82.5));
  CHECK((ParseReportedNumber(" 40% ", &v) && v == 40));
  CHECK((ParseReportedNumber("1.250", &v) && v == 1250));
  CHECK((ParseReportedNumber("-3", &v) && v == -3));
  CHECK_FALSE(ParseReportedNumber("khoảng 70", &v));
  CHECK_FALSE(ParseReportedNumber("70 người", &v));
  CHECK_FALSE(ParseReportedNumber("", &v));
}

// A built fixture site, for report commands run in-process.
struct ReportSite {
  fs::path dir = CopyFixtureSite();
  fs::path db_path;
  ReportSite() {
    Result<SiteConfig> config = LoadSiteConfig(dir);
    REQUIRE(config.ok());
    Result<DatabaseInfo> info = EnsureDatabase(config.value());
    REQUIRE(info.ok());
    db_path = info->path;
  }
  ~ReportSite() { fs::remove_all(dir); }
  int Add(const std::string& file, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"add", (DataFixtures() / "reports" / file).string(), "--site", dir.string(),
                                     "--unit", "dai-son"};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunReportCommand(args);
  }
  Db Open() const {
    Result<sqlite3*> db = OpenReadOnly(db_path);
    REQUIRE(db.ok());
    return Db(db.value());
  }
};

// Loads a fixture report into a transaction that is always rolled back and
// returns the error.
std::string LoadError(const ReportSite& site, const std::string& file, bool replace = false) {
  Result<Db> db = OpenReadWrite(site.db_path.string(), false);
  REQUIRE(db.ok());
  std::string path = (DataFixtures() / "reports" / file).string();
  Result<CsvTable> csv = ReadCsvFile(path);
  REQUIRE(csv.ok());
  REQUIRE(db->Exec("BEGIN").ok());
  ReportLoad load;
  load.unit_id = "dai-son";
  load.code = "2026-Q1";
  load.published = Date{2026, 4, 15};
  load.replace = replace;
  Status s = LoadReport(db->get(), csv.value(), load);
  REQUIRE(db->Exec("ROLLBACK").ok());
  std::string text = s.ToString();
  const std::string prefix = path + ":";
  REQUIRE(text.rfind(prefix, 0) == 0);
  return text.substr(prefix.size());
}

TEST_CASE("report add stores a good report in the database and in content/", "[data]") {
  ReportSite site;
  REQUIRE(site.Add("good.csv", {"--cycle", "2026-Q1", "--published", "2026-04-15"}) == 0);
  {
    Db db = site.Open();
    sqlite3* d = db.get();
    CHECK(QueryText(d, "SELECT kind || ' ' || period_start || ' ' || period_end || ' ' || published || ' ' || "
                       "illustrative || ' ' || source_file FROM cycle WHERE id = 'dai-son/2026-Q1'") ==
          "quarter 2026-01-01 2026-03-31 2026-04-15 0 content/dai-son/bao-cao/2026-Q1.csv");
    CHECK(QueryInt(d, "SELECT COUNT(*) FROM observation WHERE cycle_id = 'dai-son/2026-Q1'") == 2);
    CHECK(QueryInt(d, "SELECT COUNT(*) FROM task_report WHERE cycle_id = 'dai-son/2026-Q1'") == 3);
    CHECK(QueryText(d, "SELECT value FROM observation WHERE indicator_id = 'dai-son/nq11-pl2-22' "
                       "AND cycle_id = 'dai-son/2026-Q1'") == "74.5");
    CHECK(QueryText(d, "SELECT value FROM observation WHERE indicator_id = 'dai-son/nq11-pl1-3'") == "1.0");
    CHECK(QueryText(d, "SELECT status || '|' || percent || '|' || evidence_review || '|' || reported_on || '|' || "
                       "evidence_url FROM task_report WHERE task_id = 'dai-son/nq11-pl3-i-7'") ==
          "chờ hoàn thiện|90.0|rejected|2026-03-25|https://daison.example.vn/minh-chung/7");
    CHECK(QueryText(d, "SELECT status || '|' || (percent IS NULL) || '|' || reported_on FROM task_report "
                       "WHERE task_id = 'dai-son/nq11-pl3-ii-4'") == "chưa triển khai|1|2026-03-31");
    // Line numbers refer to the stored copy, so a rebuild gives the same rows.
    CHECK(QueryText(d, "SELECT group_concat(source_line, ',') FROM (SELECT source_line FROM task_report "
                       "WHERE cycle_id = 'dai-son/2026-Q1' ORDER BY source_line)") == "4,5,6");
  }
  std::string stored = ReadFile(site.dir / "content/dai-son/bao-cao/2026-Q1.csv").value();
  CHECK(stored.rfind("loai,ma,gia_tri,trang_thai,phan_tram,minh_chung,tham_dinh,ngay_bao_cao,ghi_chu,nguon\n", 0) == 0);
  CHECK(stored.find("nq11-pl2-23") == std::string::npos);  // the blank template row is not kept
  CHECK(ReadFile(site.dir / "content/dai-son/bao-cao/cycles.csv").value() ==
        "ky,ngay_cong_bo,minh_hoa\n2025,2026-01-20,1\n2026-Q1,2026-04-15,0\n");

  // A fresh build from content/ gives the same rows.
  std::string dump_sql =
      "SELECT group_concat(x, '\n') FROM (SELECT task_id || status || ifnull(percent, '') || reported_on || "
      "source_line || illustrative AS x FROM task_report UNION ALL SELECT indicator_id || value || source_line "
      "|| illustrative FROM observation UNION ALL SELECT id || published || source_file FROM cycle ORDER BY 1)";
  std::string incremental;
  {
    Db db = site.Open();
    incremental = QueryText(db.get(), dump_sql.c_str());
  }
  fs::remove(site.db_path);
  Result<SiteConfig> config = LoadSiteConfig(site.dir);
  REQUIRE(config.ok());
  REQUIRE(EnsureDatabase(config.value()).ok());
  Db rebuilt = site.Open();
  CHECK(QueryText(rebuilt.get(), dump_sql.c_str()) == incremental);
  CHECK_FALSE(incremental.empty());
}

TEST_CASE("report add refuses a bad file and changes nothing", "[data]") {
  ReportSite site;
  CHECK(LoadError(site, "bad-unknown.csv") ==
        "3: column ma: no task 'nq11-pl3-ix-99' in unit dai-son; `minhbach report template --unit dai-son` lists "
        "the ids");
  CHECK(LoadError(site, "bad-percent.csv") == "2: column phan_tram: percentage 120 is outside 0-100");
  CHECK(LoadError(site, "bad-date.csv") ==
        "3: column ngay_bao_cao: 2025-12-31 is outside cycle 2026-Q1 (2026-01-01 to 2026-04-15)");
  CHECK(LoadError(site, "bad-duplicate.csv") ==
        "4: column ma: 'nq11-pl2-22' is reported twice in this file (first at line 2)");
  CHECK(LoadError(site, "bad-status.csv") ==
        "2: column trang_thai: expected one of: chưa triển khai, đang thực hiện, hoàn thành, chờ hoàn thiện; got 'xong'");
  CHECK(LoadError(site, "bad-value.csv") ==
        "2: column gia_tri: expected a number such as 82,5 (or đạt / chưa đạt for a qualitative target), got "
        "'khoảng bảy mươi'");
  CHECK(LoadError(site, "bad-column.csv").rfind("1: column phan_tramm: unknown column", 0) == 0);

  // Through the command: the database file and content/ stay byte for byte.
  std::string db_before = ReadFile(site.db_path).value();
  for (const char* bad : {"bad-unknown.csv", "bad-percent.csv", "bad-date.csv", "bad-duplicate.csv", "bad-status.csv",
                          "bad-value.csv", "bad-column.csv"}) {
    INFO(bad);
    CHECK(site.Add(bad, {"--cycle", "2026-Q1", "--published", "2026-04-15"}) == 1);
    CHECK(ReadFile(site.db_path).value() == db_before);
    CHECK_FALSE(fs::exists(site.dir / "content/dai-son/bao-cao/2026-Q1.csv"));
    CHECK(ReadFile(site.dir / "content/dai-son/bao-cao/cycles.csv").value() == "ky,ngay_cong_bo,minh_hoa\n2025,2026-01-20,1\n");
  }
  Db db = site.Open();
  CHECK(QueryInt(db.get(), "SELECT COUNT(*) FROM cycle") == 1);
}

TEST_CASE("a report already in the database is a duplicate unless --replace", "[data]") {
  ReportSite site;
  REQUIRE(site.Add("good.csv", {"--cycle", "2026-Q1", "--published", "2026-04-15"}) == 0);
  CHECK(LoadError(site, "replace.csv") ==
        "2: column ma: 'nq11-pl2-22' already has a report in cycle 2026-Q1; use --replace to replace the cycle's "
        "report");
  std::string db_before = ReadFile(site.db_path).value();
  std::string csv_before = ReadFile(site.dir / "content/dai-son/bao-cao/2026-Q1.csv").value();
  CHECK(site.Add("replace.csv", {"--cycle", "2026-Q1"}) == 1);
  CHECK(ReadFile(site.db_path).value() == db_before);
  CHECK(ReadFile(site.dir / "content/dai-son/bao-cao/2026-Q1.csv").value() == csv_before);

  // Rows for other ids are added to the cycle (and to its stored file).
  REQUIRE(site.Add("more.csv", {"--cycle", "2026-Q1"}) == 0);
  {
    Db db = site.Open();
    CHECK(QueryInt(db.get(), "SELECT COUNT(*) FROM task_report WHERE cycle_id = 'dai-son/2026-Q1'") == 4);
    CHECK(QueryText(db.get(), "SELECT published FROM cycle WHERE id = 'dai-son/2026-Q1'") == "2026-04-15");
  }
  // --replace replaces the whole cycle.
  REQUIRE(site.Add("replace.csv", {"--cycle", "2026-Q1", "--replace", "--illustrative"}) == 0);
  Db db = site.Open();
  CHECK(QueryInt(db.get(), "SELECT COUNT(*) FROM task_report WHERE cycle_id = 'dai-son/2026-Q1'") == 1);
  CHECK(QueryInt(db.get(), "SELECT COUNT(*) FROM observation WHERE cycle_id = 'dai-son/2026-Q1'") == 1);
  CHECK(QueryText(db.get(), "SELECT value || ' ' || illustrative FROM observation WHERE cycle_id = 'dai-son/2026-Q1'") ==
        "76.0 1");
  CHECK(QueryInt(db.get(), "SELECT illustrative FROM cycle WHERE id = 'dai-son/2026-Q1'") == 1);
  CHECK(ReadFile(site.dir / "content/dai-son/bao-cao/cycles.csv").value() ==
        "ky,ngay_cong_bo,minh_hoa\n2025,2026-01-20,1\n2026-Q1,2026-04-15,1\n");
}

TEST_CASE("report add with --db alone changes the database and stores nothing", "[data]") {
  ReportSite site;
  fs::path copy = site.dir / "other.sqlite";
  fs::copy_file(site.db_path, copy);
  std::vector<std::string> args = {"add", (DataFixtures() / "reports" / "good.csv").string(), "--db", copy.string(),
                                   "--unit", "Đại Sơn", "--cycle", "2026-Q1", "--published", "2026-04-15"};
  REQUIRE(RunReportCommand(args) == 0);
  CHECK_FALSE(fs::exists(site.dir / "content/dai-son/bao-cao/2026-Q1.csv"));
  Result<sqlite3*> opened = OpenReadOnly(copy);
  REQUIRE(opened.ok());
  Db db(opened.value());
  CHECK(QueryText(db.get(), "SELECT source_file FROM cycle WHERE id = 'dai-son/2026-Q1'") ==
        (DataFixtures() / "reports" / "good.csv").string());
  CHECK(QueryInt(db.get(), "SELECT COUNT(*) FROM task_report WHERE cycle_id = 'dai-son/2026-Q1'") == 3);
  // Line numbers are the editor's file's own.
  CHECK(QueryText(db.get(), "SELECT source_line FROM observation WHERE indicator_id = 'dai-son/nq11-pl1-3'") == "3");
  // Usage errors: no cycle, a bad cycle code.
  CHECK(RunReportCommand({"add", (DataFixtures() / "reports" / "good.csv").string(), "--db", copy.string()}) == 2);
  CHECK(RunReportCommand({"add", (DataFixtures() / "reports" / "good.csv").string(), "--db", copy.string(),
                          "--cycle", "2026-Q5"}) == 1);
}

TEST_CASE("report template lists every indicator and task of a unit", "[data]") {
  ReportSite site;
  Db db = site.Open();
  Result<std::string> csv = ReportTemplate(db.get(), "dai-son");
  REQUIRE(csv.ok());
  Result<CsvTable> t = ParseCsv(csv.value(), "template.csv");
  REQUIRE(t.ok());
  std::vector<std::string> header = ReportColumns();
  header.push_back("ten");
  CHECK(t->header == header);
  REQUIRE(t->rows.size() == 9 + 11);
  CHECK(t->rows.front().cells[0] == "chi_tieu");
  CHECK(t->rows.front().cells[1] == "nq11-pl1-1-1");
  CHECK(t->rows.back().cells[0] == "nhiem_vu");
  CHECK(t->rows.back().cells[1] == "nq11-pl3-ii-9");
  // Left blank, the template loads as "no report".
  REQUIRE(WriteFileAtomic(site.dir / "blank.csv", csv.value()).ok());
  Result<Db> rw = OpenReadWrite(site.db_path.string(), false);
  REQUIRE(rw.ok());
  ReportLoad load;
  load.unit_id = "dai-son";
  load.code = "2026-Q2";
  load.published = Date{2026, 7, 10};
  REQUIRE(rw->Exec("BEGIN").ok());
  CHECK(LoadReport(rw->get(), t.value(), load).ok());
  CHECK(QueryInt(rw->get(), "SELECT COUNT(*) FROM task_report WHERE cycle_id = 'dai-son/2026-Q2'") == 0);
  REQUIRE(rw->Exec("ROLLBACK").ok());
}

}  // namespace
}  // namespace minhbach
