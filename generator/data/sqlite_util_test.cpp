#include "data/sqlite_util.h"

#include <catch2/catch.hpp>

using namespace minhbach;

namespace {

// The statements a connection has not finalized.
int LiveStatements(sqlite3* db) {
  int n = 0;
  for (sqlite3_stmt* s = sqlite3_next_stmt(db, nullptr); s != nullptr; s = sqlite3_next_stmt(db, s)) ++n;
  return n;
}

std::vector<long long> Ids(sqlite3* db, const char* sql, int min_id, bool stop_after_first = false) {
  std::vector<long long> ids;
  Stmt q(db, sql);
  q.Bind(1, min_id);
  while (q.Step()) {
    ids.push_back(q.Int(0));
    if (stop_after_first) break;
  }
  REQUIRE(q.status().ok());
  return ids;
}

}  // namespace

TEST_CASE("StatementCache: a statement is prepared once and comes back reset", "[data]") {
  auto db = OpenReadWrite(":memory:", true);
  REQUIRE(db.ok());
  REQUIRE(db->Exec("CREATE TABLE t(id INTEGER PRIMARY KEY); INSERT INTO t VALUES (1), (2), (3);").ok());
  const char* kSql = "SELECT id FROM t WHERE id >= ?1 ORDER BY id";
  {
    StatementCache cache(db->get());
    // Left mid-way (one row stepped) with ?1 = 2: the next user of the same
    // SQL must start from the first row of its own binding.
    CHECK(Ids(db->get(), kSql, 2, /*stop_after_first=*/true) == std::vector<long long>{2});
    CHECK(LiveStatements(db->get()) == 1);  // kept, not finalized
    CHECK(Ids(db->get(), kSql, 1) == std::vector<long long>{1, 2, 3});
    CHECK(LiveStatements(db->get()) == 1);  // the same statement again
    {
      // Two at once with the same SQL: the second is prepared anew.
      Stmt a(db->get(), kSql);
      Stmt b(db->get(), kSql);
      CHECK(LiveStatements(db->get()) == 2);
    }
    CHECK(Ids(db->get(), "SELECT id FROM t WHERE id = ?1", 3) == std::vector<long long>{3});
    CHECK(LiveStatements(db->get()) == 3);
  }
  // The cache finalized what it kept: the connection can close.
  CHECK(LiveStatements(db->get()) == 0);
  // Without a cache, statements are finalized as before.
  CHECK(Ids(db->get(), kSql, 3) == std::vector<long long>{3});
  CHECK(LiveStatements(db->get()) == 0);
}

TEST_CASE("StatementCache: SQL with text after its statement is not kept", "[data]") {
  // SQLite files a statement under its SQL up to the end of the first
  // statement; one asked for with a trailing blank would never be found
  // again, and keeping each would grow the cache on every use.
  auto db = OpenReadWrite(":memory:", true);
  REQUIRE(db.ok());
  StatementCache cache(db->get());
  for (int i = 0; i < 3; ++i) {
    Stmt q(db->get(), "SELECT 1; ");
    REQUIRE(q.Step());
    CHECK(q.Int(0) == 1);
  }
  CHECK(LiveStatements(db->get()) == 0);
}

TEST_CASE("StatementCache: bad SQL is an error, not a kept statement", "[data]") {
  auto db = OpenReadWrite(":memory:", true);
  REQUIRE(db.ok());
  StatementCache cache(db->get());
  Stmt q(db->get(), "SELECT nothing FROM nowhere");
  CHECK_FALSE(q.status().ok());
  CHECK(q.status().message().find("nowhere") != std::string::npos);
  CHECK_FALSE(q.Step());
}
