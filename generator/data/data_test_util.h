// Helpers shared by the data stage's tests: a private copy of the fixture
// site, and one-value queries.
#pragma once

#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <string>

#include "base/fs.h"
#include "data/sqlite_util.h"

namespace minhbach::testing {

inline std::filesystem::path DataFixtures() { return std::filesystem::path(MB_SOURCE_DIR) / "tests/fixtures/data"; }

// A fresh temporary folder holding a copy of tests/fixtures/data/site
// (report add and the database write into the site).
inline std::filesystem::path CopyFixtureSite() {
  char tmpl[] = "/tmp/minhbach-data-XXXXXX";
  std::filesystem::path dir = mkdtemp(tmpl);
  std::filesystem::copy(DataFixtures() / "site", dir, std::filesystem::copy_options::recursive);
  return dir;
}

// The first column of the first row of `sql` as text ("" when none).
inline std::string QueryText(sqlite3* db, const char* sql) {
  Stmt q(db, sql);
  return q.Step() ? q.Text(0) : std::string();
}

inline long long QueryInt(sqlite3* db, const char* sql) {
  Stmt q(db, sql);
  return q.Step() ? q.Int(0) : -1;
}

}  // namespace minhbach::testing
