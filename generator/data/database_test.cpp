#include "data/database.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <thread>

#include "data/data_test_util.h"
#include "data/import_plan.h"
#include "load/site_config.h"

namespace minhbach {
namespace {

namespace fs = std::filesystem;
using testing::CopyFixtureSite;
using testing::QueryInt;
using testing::QueryText;

Db Built(const fs::path& site) {
  Result<SiteConfig> config = LoadSiteConfig(site);
  REQUIRE(config.ok());
  Result<DatabaseInfo> info = EnsureDatabase(config.value());
  INFO(info.status().ToString());
  REQUIRE(info.ok());
  Result<sqlite3*> db = OpenReadOnly(info->path);
  REQUIRE(db.ok());
  return Db(db.value());
}

TEST_CASE("the database is built from the fixture site", "[data]") {
  fs::path site = CopyFixtureSite();
  Db db = Built(site);
  sqlite3* d = db.get();
  CHECK(QueryInt(d, "SELECT COUNT(*) FROM unit") == 3);
  CHECK(QueryText(d, "SELECT group_concat(id, ',') FROM (SELECT id FROM unit ORDER BY position)") ==
        "dai-son,dong-phu,phu-thai");
  CHECK(QueryInt(d, "SELECT COUNT(*) FROM indicator WHERE plan_id = 'dai-son/kh-nq11-2026'") == 9);
  CHECK(QueryInt(d, "SELECT COUNT(*) FROM task WHERE plan_id = 'dai-son/kh-nq11-2026'") == 11);
  CHECK(QueryInt(d, "SELECT COUNT(*) FROM indicator WHERE plan_id = 'dong-phu/kh-nq57-2026'") == 4);
  CHECK(QueryInt(d, "SELECT COUNT(*) FROM task WHERE plan_id = 'phu-thai/kh-nq57-2030'") == 5);
  // 1.1, 2, 3: one each; 9.1: two; pl2-3: 3; pl2-4: 5; pl2-8: 2; pl2-22: 5; pl2-23: 5.
  CHECK(QueryInt(d, "SELECT COUNT(*) FROM target t JOIN indicator i ON i.id = t.indicator_id "
                    "WHERE i.plan_id = 'dai-son/kh-nq11-2026'") == 25);

  // Ids, provenance and plan fields.
  CHECK(QueryText(d, "SELECT source_file || ':' || source_line || ':' || origin_line FROM indicator "
                     "WHERE id = 'dai-son/nq11-pl2-22'") == "content/dai-son/kh-nq11-2026/indicators.csv:9:315");
  CHECK(QueryText(d, "SELECT id FROM indicator WHERE code = '9.1'") == "dai-son/nq11-pl1-9-1");
  CHECK(QueryText(d, "SELECT id FROM task WHERE deadline_raw = 'Giai đoạn 2025-2030'") == "dai-son/nq11-pl3-ii-4");
  CHECK(QueryText(d, "SELECT id FROM task WHERE unit_id = 'phu-thai' AND number = '1'") == "phu-thai/nq57-pl-1");
  CHECK(QueryText(d, "SELECT date FROM plan WHERE id = 'dong-phu/kh-nq57-2026'") == "2026-03-05");
  CHECK(QueryInt(d, "SELECT date IS NULL FROM plan WHERE id = 'dai-son/kh-nq11-2026'") == 1);
  CHECK(QueryInt(d, "SELECT COUNT(*) FROM plan_basis WHERE plan_id = 'dai-son/kh-nq11-2026'") == 2);

  // Targets.
  CHECK(QueryText(d, "SELECT group_concat(year || comparator || value || ':' || qualifier, '|') FROM "
                     "(SELECT * FROM target WHERE indicator_id = 'dai-son/nq11-pl1-9-1' ORDER BY seq)") ==
        "2030>=95.0:đối với cơ sở giáo dục phổ thông và giáo dục thường xuyên|"
        "2030>=95.0:đối với cơ sở giáo dục mầm non và các cơ quan quản lý giáo dục");
  CHECK(QueryText(d, "SELECT group_concat(year, ',') FROM (SELECT year FROM target "
                     "WHERE indicator_id = 'dai-son/nq11-pl2-3' ORDER BY year)") == "2035,2040,2045");
  CHECK(QueryText(d, "SELECT comparator || value FROM target WHERE indicator_id = 'dai-son/nq11-pl2-4' "
                     "AND year = 2045") == ">3.5");
  CHECK(QueryText(d, "SELECT comparator || value || '-' || value_hi FROM target "
                     "WHERE indicator_id = 'dai-son/nq11-pl2-8' AND year = 2040") == "range80.0-90.0");
  CHECK(QueryText(d, "SELECT comparator FROM target WHERE indicator_id = 'dai-son/nq11-pl1-3'") == "qualitative");
  CHECK(QueryText(d, "SELECT year || comparator || value FROM target WHERE indicator_id = 'dong-phu/nq57-ct-1-1-1'") ==
        "2026>=60.0");

  // Deadlines.
  CHECK(QueryText(d, "SELECT deadline_kind || ' ' || due FROM task WHERE id = 'dai-son/nq11-pl3-i-1'") ==
        "date 2025-10-31");
  CHECK(QueryText(d, "SELECT deadline_kind || ' ' || start || ' ' || due FROM task WHERE id = 'dai-son/nq11-pl3-ii-4'") ==
        "window 2025-01-01 2030-12-31");
  CHECK(QueryText(d, "SELECT deadline_kind || ' ' || start || ' ' || (due IS NULL) FROM task "
                     "WHERE id = 'dai-son/nq11-pl3-v-3'") == "yearly 2025-01-01 1");
  CHECK(QueryText(d, "SELECT deadline_kind || ' ' || due FROM task WHERE id = 'phu-thai/nq57-pl-1'") ==
        "milestones 2030-12-31");
  CHECK(QueryText(d, "SELECT group_concat(seq || ':' || start || '/' || due || ':' || label, '|') FROM "
                     "(SELECT * FROM task_milestone WHERE task_id = 'phu-thai/nq57-pl-1' ORDER BY seq)") ==
        "0:2025-01-01/2030-12-31:5G|1:2035-01-01/2045-12-31:6G");
  CHECK(QueryText(d, "SELECT due FROM task WHERE id = 'phu-thai/nq57-pl-2'") == "2029-12-31");
  CHECK(QueryText(d, "SELECT deadline_kind FROM task WHERE id = 'dai-son/nq11-pl3-ii-9'") == "unknown");

  // Agencies: spellings merged per unit, canonical = most frequent, "(phối hợp X)" = partner.
  CHECK(QueryInt(d, "SELECT COUNT(*) FROM agency WHERE id = 'dai-son/phong-van-hoa-xa-hoi'") == 1);
  CHECK(QueryText(d, "SELECT name FROM agency WHERE id = 'dai-son/phong-van-hoa-xa-hoi'") == "Phòng Văn hóa - Xã hội");
  CHECK(QueryInt(d, "SELECT COUNT(*) FROM agency_variant WHERE agency_id = 'dai-son/phong-van-hoa-xa-hoi'") == 2);
  CHECK(QueryInt(d, "SELECT COUNT(*) FROM agency_variant WHERE agency_id = 'dai-son/van-phong-hdnd-va-ubnd'") == 2);
  CHECK(QueryText(d, "SELECT group_concat(agency_id || ':' || role, '|') FROM (SELECT * FROM task_agency "
                     "WHERE task_id = 'phu-thai/nq57-pl-2' ORDER BY position)") ==
        "phu-thai/trung-tam-phuc-vu-hanh-chinh-cong:lead|phu-thai/van-phong-hdnd-va-ubnd:partner");
  CHECK(QueryText(d, "SELECT group_concat(agency_id || ':' || role, '|') FROM (SELECT * FROM task_agency "
                     "WHERE task_id = 'dai-son/nq11-pl3-i-1' ORDER BY position)") ==
        "dai-son/phong-van-hoa-xa-hoi:lead|dai-son/trung-tam-dich-vu-su-nghiep-cong:lead|"
        "dai-son/cac-phong-co-quan-chuyen-mon-thuoc-ubnd:partner");
  CHECK(QueryInt(d, "SELECT COUNT(*) FROM agency WHERE unit_id = 'dai-son' AND slug LIKE 'cac-phong-ban-nganh%'") == 1);

  // Report cycles stored under content/<unit>/bao-cao/.
  CHECK(QueryText(d, "SELECT kind || ' ' || period_start || ' ' || period_end || ' ' || published || ' ' || "
                     "illustrative || ' ' || source_file FROM cycle WHERE id = 'dai-son/2025'") ==
        "year 2025-01-01 2025-12-31 2026-01-20 1 content/dai-son/bao-cao/2025.csv");
  CHECK(QueryText(d, "SELECT value || ' ' || illustrative || ' ' || source_line FROM observation "
                     "WHERE indicator_id = 'dai-son/nq11-pl2-23'") == "41.5 1 3");
  CHECK(QueryText(d, "SELECT status || ' ' || percent || ' ' || evidence_review || ' ' || reported_on FROM task_report "
                     "WHERE task_id = 'dai-son/nq11-pl3-i-1'") == "hoàn thành 100.0 accepted 2025-10-28");
  fs::remove_all(site);
}

TEST_CASE("the database is rebuilt only when a source changes, and a failed build keeps the old one", "[data]") {
  fs::path site = CopyFixtureSite();
  Result<SiteConfig> config = LoadSiteConfig(site);
  REQUIRE(config.ok());
  Result<DatabaseInfo> first = EnsureDatabase(config.value());
  REQUIRE(first.ok());
  CHECK(first->rebuilt);
  CHECK(first->path == site / ".cache/test.sqlite");
  Result<DatabaseInfo> second = EnsureDatabase(config.value());
  REQUIRE(second.ok());
  CHECK_FALSE(second->rebuilt);

  // A CSV edited after the build makes the database stale; a broken one fails
  // with file:line: column, and the previous database stays in place.
  fs::path csv = site / "content/dai-son/kh-nq11-2026/indicators.csv";
  std::string text = ReadFile(csv).value();
  std::string broken = text;
  broken.replace(broken.find(",%,,"), 4, ",%,sideways,");
  fs::last_write_time(csv, fs::last_write_time(first->path) + std::chrono::seconds(2));
  CHECK(DatabaseIsStale(config.value(), first->path));
  REQUIRE(WriteFileAtomic(csv, broken).ok());
  fs::last_write_time(csv, fs::last_write_time(first->path) + std::chrono::seconds(2));
  Result<DatabaseInfo> failed = EnsureDatabase(config.value());
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.status().ToString() ==
        "content/dai-son/kh-nq11-2026/indicators.csv:2: column direction: expected increase or decrease "
        "(tăng/giảm), got 'sideways'");
  REQUIRE(fs::exists(first->path));
  {
    Result<sqlite3*> db = OpenReadOnly(first->path);
    REQUIRE(db.ok());
    Db owned(db.value());
    CHECK(QueryInt(owned.get(), "SELECT COUNT(*) FROM indicator") == 13);
  }
  for (const auto& e : fs::directory_iterator(site / ".cache")) {
    CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);
  }
  fs::remove_all(site);
}

// The build publishes the database as a hard link to it; a writer must
// never change a file that is linked like that.
TEST_CASE("a database with other links is changed in a copy that replaces it, writers take turns", "[data]") {
  const fs::path dir = fs::temp_directory_path() / ("minhbach-change-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path path = dir / "db.sqlite", link = dir / "published.sqlite";
  auto exec = [](DatabaseChange& c, const char* sql) {
    return sqlite3_exec(c.get(), sql, nullptr, nullptr, nullptr) == SQLITE_OK;
  };
  auto change = [&](const char* sql, bool commit) {
    auto c = DatabaseChange::Begin(path, true);
    if (!c.ok() || !exec(*c.value(), sql)) return false;
    return !commit || c.value()->Commit().ok();
  };
  auto count = [](const fs::path& p) {
    Result<sqlite3*> db = OpenReadOnly(p);
    REQUIRE(db.ok());
    Db owned(db.value());
    return QueryInt(owned.get(), "SELECT COUNT(*) FROM t");
  };
  auto inode = [](const fs::path& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 ? st.st_ino : 0;
  };
  auto leftovers = [&] {
    int n = 0;
    for (const auto& e : fs::directory_iterator(dir)) n += e.path().filename().string().find(".tmp-") != std::string::npos;
    return n;
  };

  REQUIRE(change("CREATE TABLE t(x); INSERT INTO t VALUES (1)", true));
  const auto alone = inode(path);
  REQUIRE(change("INSERT INTO t VALUES (2)", true));
  CHECK(inode(path) == alone);  // no other link: changed in place

  fs::create_hard_link(path, link);
  REQUIRE(change("INSERT INTO t VALUES (3)", false));  // never committed
  CHECK(count(path) == 2);
  CHECK(inode(path) == alone);
  CHECK(leftovers() == 0);
  REQUIRE(change("INSERT INTO t VALUES (3)", true));
  CHECK(count(path) == 3);
  CHECK(count(link) == 2);  // the published file is as it was
  CHECK(inode(path) != alone);
  CHECK(leftovers() == 0);

  // Two writers at once: the second waits for the first's lock, then finds
  // the file replaced under it and changes the new one.
  fs::remove(link);
  fs::create_hard_link(path, link);
  auto first = DatabaseChange::Begin(path, false);
  REQUIRE(first.ok());
  REQUIRE(exec(*first.value(), "INSERT INTO t VALUES (4)"));
  bool second_ok = false;
  std::thread second([&] { second_ok = change("INSERT INTO t VALUES (5)", true); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  REQUIRE(first.value()->Commit().ok());
  second.join();
  CHECK(second_ok);
  CHECK(count(path) == 5);
  CHECK(count(link) == 3);
  CHECK(leftovers() == 0);

  // A reader (a build) holds its shared lock from its first query to its
  // close: a writer does not wait for it but changes a copy, and the
  // reader keeps reading the state it started with.
  fs::remove(link);
  Result<sqlite3*> reader = OpenReadOnly(path);
  REQUIRE(reader.ok());
  Db reading(reader.value());
  CHECK(QueryInt(reading.get(), "SELECT COUNT(*) FROM t") == 5);
  const auto read_inode = inode(path);
  const auto t0 = std::chrono::steady_clock::now();
  REQUIRE(change("INSERT INTO t VALUES (6)", true));
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2));
  CHECK(inode(path) != read_inode);
  CHECK(QueryInt(reading.get(), "SELECT COUNT(*) FROM t") == 5);
  CHECK(count(path) == 6);
  CHECK(leftovers() == 0);
  reading = Db();
  // Nobody reads it any more, and it has no other link: in place again.
  const auto unread = inode(path);
  REQUIRE(change("INSERT INTO t VALUES (7)", true));
  CHECK(inode(path) == unread);
  CHECK(count(path) == 7);
  fs::remove_all(dir);
}

TEST_CASE("a duplicate task number is an error naming both lines", "[data]") {
  fs::path site = CopyFixtureSite();
  fs::path csv = site / "content/phu-thai/kh-nq57-2030/tasks.csv";
  std::string text = ReadFile(csv).value();
  text += "pl,Bảng phân công thực hiện,,,4,Một nhiệm vụ trùng số,Phòng Kinh tế,,,2026,,0\n";
  REQUIRE(WriteFileAtomic(csv, text).ok());
  Result<SiteConfig> config = LoadSiteConfig(site);
  REQUIRE(config.ok());
  Result<DatabaseInfo> r = EnsureDatabase(config.value());
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().ToString() ==
        "content/phu-thai/kh-nq57-2030/tasks.csv:7: column number: task id 'nq57-pl-4' is already used at line 4; "
        "give this row a distinct number (e.g. 2.a)");
  CHECK_FALSE(fs::exists(config->database));
  fs::remove_all(site);
}

TEST_CASE("data problems are listed with file and line", "[data]") {
  fs::path site = CopyFixtureSite();
  Db db = Built(site);
  Result<std::vector<Status>> problems = ListDataProblems(db.get());
  REQUIRE(problems.ok());
  std::vector<std::string> text;
  for (const Status& s : problems.value()) text.push_back(s.ToString());
  REQUIRE(text.size() == 1);
  CHECK(text[0].rfind("content/dai-son/kh-nq11-2026/tasks.csv:12: column deadline: 'Sớm nhất có thể' matches no "
                      "deadline rule", 0) == 0);
  fs::remove_all(site);
}

TEST_CASE("one plan folder is imported into a database, and re-imported in place", "[data]") {
  fs::path site = CopyFixtureSite();
  std::string db_path = (site / "import.sqlite").string();
  fs::path plan = site / "content/phu-thai/kh-nq57-2030";
  REQUIRE(ImportPlanDirectory(db_path, "Phú Thái", plan).ok());
  REQUIRE(ImportPlanDirectory(db_path, "Đại Sơn", site / "content/dai-son/kh-nq11-2026").ok());
  Status again = ImportPlanDirectory(db_path, "Phú Thái", plan);
  INFO(again.ToString());
  REQUIRE(again.ok());
  Result<sqlite3*> opened = OpenReadOnly(db_path);
  REQUIRE(opened.ok());
  Db db(opened.value());
  CHECK(QueryText(db.get(), "SELECT group_concat(id || ':' || position, ',') FROM (SELECT * FROM unit ORDER BY position)") ==
        "phu-thai:0,dai-son:1");
  CHECK(QueryInt(db.get(), "SELECT COUNT(*) FROM task WHERE unit_id = 'phu-thai'") == 5);
  CHECK(QueryInt(db.get(), "SELECT COUNT(*) FROM task_milestone") == 4);
  CHECK(QueryInt(db.get(), "SELECT COUNT(*) FROM indicator WHERE unit_id = 'dai-son'") == 9);
  CHECK(QueryText(db.get(), "SELECT source_file FROM task WHERE id = 'phu-thai/nq57-pl-1'") ==
        plan.lexically_normal().string() + "/tasks.csv");

  // A broken plan leaves the database as it was.
  fs::path csv = plan / "tasks.csv";
  std::string text = ReadFile(csv).value();
  REQUIRE(WriteFileAtomic(csv, text + "pl,x,,,,Không số,Phòng Kinh tế,,,2026,,0\n").ok());
  std::string before = ReadFile(db_path).value();
  Status bad = ImportPlanDirectory(db_path, "Phú Thái", plan);
  CHECK(bad.ToString() == plan.lexically_normal().string() +
                              "/tasks.csv:7: column number: empty; expected the task's number as written, e.g. 4");
  CHECK(ReadFile(db_path).value() == before);
  fs::remove_all(site);
}

}  // namespace
}  // namespace minhbach
