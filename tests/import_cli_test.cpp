// End to end: the `minhbach import` command on a seed (exit codes, notes,
// files, --db) and every shipped plan folder loading into a database.
#include <sqlite3.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "base/fs.h"
#include "data/import_plan.h"
#include "tests/test_util.h"

namespace fs = std::filesystem;
using namespace minhbach;
using minhbach::testing::RunBinary;
using minhbach::testing::RunResult;

namespace {

fs::path TempDir(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("minhbach-import-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

long long Scalar(const fs::path& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(db_path.string().c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  long long v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

}  // namespace

TEST_CASE("import command: writes the folder, reports, refuses to overwrite, loads --db", "[import]") {
  fs::path dir = TempDir("cli");
  const std::string seed = std::string(MB_SEEDS_DIR) + "/001_655a6051acb334a3.txt";
  const std::string out = (dir / "plan").string();
  const fs::path db = dir / "t.sqlite";

  RunResult r = RunBinary({"import", seed, "--unit", "Đồng Phú", "--out", out, "--db", db.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(fs::exists(fs::path(out) / "index.md"));
  CHECK(fs::exists(fs::path(out) / "indicators.csv"));
  CHECK(fs::exists(fs::path(out) / "tasks.csv"));
  CHECK(r.err.find(seed + ":253: task number 2 appears twice in section VI") != std::string::npos);
  CHECK(r.err.find(seed + ":36: lines 36–108: 31 statements") != std::string::npos);
  CHECK(r.err.find("tasks.csv: 22 rows") != std::string::npos);
  CHECK(Scalar(db, "SELECT count(*) FROM task") == 22);
  CHECK(Scalar(db, "SELECT count(*) FROM task WHERE slug = 'nq57-pl-vi-2-b'") == 1);

  // A second run would overwrite what an editor may have fixed.
  RunResult again = RunBinary({"import", seed, "--unit", "Đồng Phú", "--out", out});
  CHECK(again.exit_code == 1);
  CHECK(again.err.find("--force") != std::string::npos);
  CHECK(RunBinary({"import", seed, "--unit", "Đồng Phú", "--out", out, "--force"}).exit_code == 0);

  CHECK(RunBinary({"import", seed}).exit_code == 2);                                  // no --unit
  CHECK(RunBinary({"import", "--unit", "X"}).exit_code == 2);                         // no file
  CHECK(RunBinary({"import", seed, "--unit", "X", "--colour", "red"}).exit_code == 2);  // unknown option
  RunResult missing = RunBinary({"import", (dir / "nope.txt").string(), "--unit", "X"});
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("nope.txt") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("import: every shipped plan folder loads into a database", "[import]") {
  fs::path dir = TempDir("content");
  fs::path db = dir / "t.sqlite";
  const fs::path content = fs::path(MB_SOURCE_DIR) / "content";
  struct Plan {
    const char* unit;
    const char* folder;
    long long indicators, tasks;
  };
  for (const Plan& p : {Plan{"Đại Sơn", "dai-son/kh-nq11-2026", 56, 45}, Plan{"Đại Sơn", "dai-son/kh-qd709-2026", 0, 32},
                        Plan{"Đồng Phú", "dong-phu/kh-nq57-2026", 31, 22},
                        Plan{"Phú Thái", "phu-thai/kh-nq57-2030", 18, 9}}) {
    INFO(p.folder);
    Status s = ImportPlanDirectory(db.string(), p.unit, content / p.folder);
    INFO((s.ok() ? std::string() : s.ToString()));
    REQUIRE(s.ok());
    std::string plan_id = std::string(p.folder);
    CHECK(Scalar(db, "SELECT count(*) FROM indicator WHERE plan_id = '" + plan_id + "'") == p.indicators);
    CHECK(Scalar(db, "SELECT count(*) FROM task WHERE plan_id = '" + plan_id + "'") == p.tasks);
  }
  // 001's targets are for the end of 2026, in their own column.
  CHECK(Scalar(db, "SELECT count(*) FROM target t JOIN indicator i ON i.id = t.indicator_id "
                   "WHERE i.plan_id = 'dong-phu/kh-nq57-2026' AND t.year = 2026") >= 31);
  fs::remove_all(dir);
}
