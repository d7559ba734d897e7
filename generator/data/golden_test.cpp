// The database built from the shipped content/ (the four seed plans) holds
// exactly the rows counted by hand from the seeds (shared/seeds):
//  - dai-son/kh-nq11-2026 (seed 000): Phụ lục I has 27 indicators (1.1-1.9, 2,
//    3, 3.1, 3.2, 4-8, 9.1-9.6, 10-12; "1" and "9" are group headings) with one
//    target each, except 9.1 which has two (28 targets); Phụ lục II has 29
//    indicators whose non-"-" cells give 117 targets; Phụ lục 3 has 45 tasks
//    (sections I-VII: 7+5+9+5+14+3+2).
//  - dai-son/kh-qd709-2026 (seed 003): no indicator table, 32 tasks.
//  - dong-phu/kh-nq57-2026 (seed 001): 31 prose indicators (1.1: 2, 1.2: 5,
//    1.4: 24; 1.3 states no measurable target), one 2026 target each; 22
//    appendix tasks (6+1+2+2+1+10).
//  - phu-thai/kh-nq57-2030 (seed 002): 18 distinct indicators in the
//    milestone prose (2030: 11 targets, 2035: 9, 2040: 8, 2045: 7 = 35); the
//    assignment table has 9 rows, two of them with two milestones each.
#include <catch2/catch.hpp>

#include "data/data_test_util.h"
#include "data/database.h"
#include "load/site_config.h"

namespace minhbach {
namespace {

namespace fs = std::filesystem;

TEST_CASE("the database built from the shipped content has the seeds' rows", "[data][golden]") {
  Result<SiteConfig> config = LoadSiteConfig(MB_SOURCE_DIR);
  INFO(config.status().ToString());
  REQUIRE(config.ok());
  char tmpl[] = "/tmp/minhbach-golden-XXXXXX";
  fs::path dir = mkdtemp(tmpl);
  config->database = dir / "golden.sqlite";
  Status built = BuildDatabase(config.value(), config->database);
  INFO(built.ToString());
  REQUIRE(built.ok());
  Result<sqlite3*> opened = OpenReadOnly(config->database);
  REQUIRE(opened.ok());
  Db db(opened.value());

  Stmt q(db.get(),
         "SELECT p.id, "
         "(SELECT COUNT(*) FROM indicator i WHERE i.plan_id = p.id), "
         "(SELECT COUNT(*) FROM target t JOIN indicator i ON i.id = t.indicator_id WHERE i.plan_id = p.id), "
         "(SELECT COUNT(*) FROM task t WHERE t.plan_id = p.id), "
         "(SELECT COUNT(*) FROM task_milestone m JOIN task t ON t.id = m.task_id WHERE t.plan_id = p.id) "
         "FROM plan p JOIN unit u ON u.id = p.unit_id ORDER BY u.position, p.position");
  std::vector<std::string> rows;
  while (q.Step()) {
    rows.push_back(q.Text(0) + " indicators=" + q.Text(1) + " targets=" + q.Text(2) + " tasks=" + q.Text(3) +
                   " milestones=" + q.Text(4));
  }
  CHECK(rows == std::vector<std::string>{
                    "dai-son/kh-nq11-2026 indicators=56 targets=145 tasks=45 milestones=0",
                    "dai-son/kh-qd709-2026 indicators=0 targets=0 tasks=32 milestones=0",
                    "dong-phu/kh-nq57-2026 indicators=31 targets=31 tasks=22 milestones=0",
                    "phu-thai/kh-nq57-2030 indicators=18 targets=35 tasks=9 milestones=4",
                });
  // Every deadline of the seeds matches a rule.
  CHECK(testing::QueryInt(db.get(), "SELECT COUNT(*) FROM task WHERE deadline_kind = 'unknown'") == 0);
  // The two-target cell of Phụ lục I, 9.1.
  CHECK(testing::QueryInt(db.get(), "SELECT COUNT(*) FROM target WHERE indicator_id = 'dai-son/nq11-pl1-9-1' "
                                    "AND year = 2030") == 2);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace minhbach
