#include "data/export.h"

#include <catch2/catch.hpp>

#include "cli/commands.h"
#include "data/data_test_util.h"
#include "data/database.h"
#include "load/site_config.h"

namespace minhbach {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Keys(const Value& object) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : object.as_object()) keys.push_back(k);
  return keys;
}

TEST_CASE("open data carries exactly the documented fields, in a stable order", "[data]") {
  fs::path site = testing::CopyFixtureSite();
  Result<SiteConfig> config = LoadSiteConfig(site);
  REQUIRE(config.ok());
  Result<DatabaseInfo> info = EnsureDatabase(config.value());
  REQUIRE(info.ok());
  Result<sqlite3*> opened = OpenReadOnly(info->path);
  REQUIRE(opened.ok());
  Db db(opened.value());

  Value indicators = ExportIndicators(db.get());
  REQUIRE(indicators.size() == 13);
  const Value& first = indicators.as_array().front();
  CHECK(Keys(first) == std::vector<std::string>{"id", "unit", "plan", "code", "name", "measure", "direction", "lead",
                                                "targets", "observations"});
  CHECK(first.GetString("id") == "dai-son/nq11-pl1-1-1");
  CHECK(indicators.as_array().back().GetString("id") == "dong-phu/nq57-ct-1-4-6");
  const Value* targets = first.Get("targets");
  REQUIRE(targets->size() == 1);
  CHECK(Keys(targets->as_array()[0]) ==
        std::vector<std::string>{"year", "comparator", "value", "value_hi", "raw", "qualifier"});
  CHECK(targets->as_array()[0].ToJson() ==
        R"({"year":2030,"comparator":">=","value":80,"value_hi":null,"raw":"≥ 80","qualifier":""})");
  CHECK(first.Get("lead")->ToJson() ==
        R"([{"id":"dai-son/trung-tam-phuc-vu-hanh-chinh-cong","name":"Trung tâm Phục vụ hành chính công"}])");
  const Value* pl2_22 = nullptr;
  for (const Value& v : indicators.as_array()) {
    if (v.GetString("id") == "dai-son/nq11-pl2-22") pl2_22 = &v;
  }
  REQUIRE(pl2_22);
  CHECK(pl2_22->Get("observations")->ToJson() == R"([{"cycle":"2025","value":68,"illustrative":true}])");

  Value tasks = ExportTasks(db.get());
  REQUIRE(tasks.size() == 11 + 4 + 5);
  const Value& t0 = tasks.as_array().front();
  CHECK(Keys(t0) == std::vector<std::string>{"id", "unit", "plan", "section", "number", "title", "lead", "partners",
                                             "deadline_raw", "deadline_kind", "due", "start", "status", "percent",
                                             "evidence_review", "illustrative"});
  CHECK(t0.GetString("id") == "dai-son/nq11-pl3-i-1");
  CHECK(t0.GetString("status") == "hoàn thành");
  CHECK(t0.Get("percent")->as_number() == 100);
  CHECK(t0.GetString("evidence_review") == "accepted");
  CHECK(t0.Get("illustrative")->as_bool());
  const Value& t1 = tasks.as_array()[1];
  CHECK(t1.Get("status")->is_null());
  CHECK(t1.Get("due")->is_null());
  CHECK_FALSE(t1.Get("illustrative")->as_bool());
  CHECK(tasks.as_array().back().GetString("id") == "phu-thai/nq57-pl-8");

  CHECK(ExportUnits(db.get()).size() == 3);
  CHECK(ExportPlans(db.get()).size() == 3);
  CHECK(ExportCycles(db.get()).ToJson() ==
        R"([{"id":"dai-son/2025","unit":"dai-son","code":"2025","kind":"year","period_start":"2025-01-01",)"
        R"("period_end":"2025-12-31","published":"2026-01-20","illustrative":true}])");
  CHECK(ExportAgencies(db.get()).size() > 10);

  REQUIRE(WriteOpenData(db.get(), site / "out").ok());
  for (const char* f : {"units", "plans", "agencies", "cycles", "indicators", "tasks"}) {
    INFO(f);
    CHECK(fs::exists(site / "out/api/v1" / (std::string(f) + ".json")));
  }
  CHECK(ReadFile(site / "out/api/v1/tasks.json").value() == tasks.ToJsonLines());

  // `minhbach export --db FILE --out DIR` writes the same files.
  REQUIRE(RunExportCommand({"--db", info->path.string(), "--out", (site / "cli").string()}) == 0);
  for (const char* f : {"units", "plans", "agencies", "cycles", "indicators", "tasks"}) {
    INFO(f);
    CHECK(ReadFile(site / "cli/api/v1" / (std::string(f) + ".json")).value() ==
          ReadFile(site / "out/api/v1" / (std::string(f) + ".json")).value());
  }
  fs::remove_all(site);
}

// The ids `sql` returns, in its order.
std::vector<std::string> Ids(sqlite3* db, const char* sql) {
  std::vector<std::string> ids;
  Stmt q(db, sql);
  while (q.Step()) ids.push_back(q.Text(0));
  return ids;
}

std::vector<std::string> Ids(const Value& rows) {
  std::vector<std::string> ids;
  for (const Value& v : rows.as_array()) ids.push_back(v.GetString("id"));
  return ids;
}

TEST_CASE("open data orders rows and picks the latest report as the SQL it replaced", "[data]") {
  // The exports read each table in key order and join in memory; SQL's
  // joins with ORDER BY are the oracle. Two more cycles whose id order is
  // not their period order (2026-06 sorts before 2026-q1 but ends later),
  // with observations and reports in both, and positions that are not id
  // order (task i-10 comes after i-2).
  fs::path site = testing::CopyFixtureSite();
  Result<SiteConfig> config = LoadSiteConfig(site);
  REQUIRE(config.ok());
  Result<DatabaseInfo> info = EnsureDatabase(config.value());
  REQUIRE(info.ok());
  {
    Result<Db> rw = OpenReadWrite(info->path.string(), false);
    REQUIRE(rw.ok());
    REQUIRE(rw->Exec(
                  "INSERT INTO cycle(id, unit_id, code, kind, period_start, period_end, published, illustrative, "
                  "source_file) VALUES "
                  "('dai-son/2026-06', 'dai-son', '2026-06', 'month', '2026-06-01', '2026-06-30', '2026-07-05', 0, 'x'),"
                  "('dai-son/2026-q1', 'dai-son', '2026-Q1', 'quarter', '2026-01-01', '2026-03-31', '2026-04-05', 0, 'x');"
                  "INSERT INTO observation(indicator_id, cycle_id, value, source_line, illustrative) "
                  "SELECT id, 'dai-son/2026-06', 90, 1, 0 FROM indicator WHERE unit_id = 'dai-son';"
                  "INSERT INTO observation(indicator_id, cycle_id, value, source_line, illustrative) "
                  "SELECT id, 'dai-son/2026-q1', 70, 1, 0 FROM indicator WHERE unit_id = 'dai-son';"
                  "INSERT INTO task_report(task_id, cycle_id, status, percent, reported_on, source_line) "
                  "SELECT id, 'dai-son/2026-06', 'hoàn thành', 100, '2026-06-30', 1 FROM task WHERE unit_id = 'dai-son';"
                  "INSERT INTO task_report(task_id, cycle_id, status, percent, reported_on, source_line) "
                  "SELECT id, 'dai-son/2026-q1', 'đang thực hiện', 40, '2026-03-31', 1 FROM task WHERE unit_id = 'dai-son';")
              .ok());
  }
  Result<sqlite3*> opened = OpenReadOnly(info->path);
  REQUIRE(opened.ok());
  Db db(opened.value());

  const Value tasks = ExportTasks(db.get());
  const auto task_ids = Ids(tasks);
  CHECK(task_ids == Ids(db.get(), "SELECT t.id FROM task t JOIN unit u ON u.id = t.unit_id "
                                  "JOIN plan p ON p.id = t.plan_id ORDER BY u.position, p.position, t.position"));
  CHECK(task_ids != Ids(db.get(), "SELECT id FROM task ORDER BY id"));  // the case is tested
  const Value indicators = ExportIndicators(db.get());
  CHECK(Ids(indicators) == Ids(db.get(), "SELECT i.id FROM indicator i JOIN unit u ON u.id = i.unit_id "
                                         "JOIN plan p ON p.id = i.plan_id ORDER BY u.position, p.position, i.position"));

  // Latest report: the cycle that ends last (2026-06), for every dai-son task.
  int dai_son = 0;
  for (const Value& t : tasks.as_array()) {
    if (t.GetString("unit") != "dai-son") continue;
    ++dai_son;
    INFO(t.GetString("id"));
    CHECK(t.GetString("status") == "hoàn thành");
    CHECK(t.Get("percent")->as_number() == 100);
  }
  CHECK(dai_son == 11);
  // Observations in period order: 2025, 2026-Q1, 2026-06.
  for (const Value& i : indicators.as_array()) {
    if (i.GetString("unit") != "dai-son") continue;
    std::vector<std::string> cycles;
    for (const Value& o : i.Get("observations")->as_array()) cycles.push_back(o.GetString("cycle"));
    INFO(i.GetString("id"));
    CHECK(cycles.size() >= 2);
    CHECK(cycles[cycles.size() - 2] == "2026-Q1");
    CHECK(cycles.back() == "2026-06");
  }
  fs::remove_all(site);
}

}  // namespace
}  // namespace minhbach
