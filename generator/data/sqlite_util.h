// Thin RAII helpers over the SQLite C API: one owner per handle, bound
// parameters only (never SQL built from data), errors as Status.
#pragma once

#include <sqlite3.h>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"

namespace minhbach {

// The rows of one unit, or of the whole site, as a range of ids [lo, hi).
// Every id in the database starts with its unit's id and "/" (docs/data.md),
// and the rows that hang from another have keys that start with its id, so
// one unit's rows of any table are one range of its primary key: [unit + "/",
// unit + "0"), '0' being the character after '/'. Queries bind lo and hi
// and stay index range scans whether they read one unit or all of them.
struct IdRange {
  std::string unit;  // "": every unit
  std::string lo, hi;
  static IdRange All() { return IdRange{"", "", "\xff"}; }
  static IdRange Unit(const std::string& id) { return IdRange{id, id + "/", id + "0"}; }
};

// Owns a connection; closes it on destruction.
class Db {
 public:
  Db() = default;
  explicit Db(sqlite3* db) : db_(db) {}
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  Db(Db&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
  Db& operator=(Db&& o) noexcept;
  ~Db();

  sqlite3* get() const { return db_; }
  sqlite3* release();
  // Runs SQL without parameters (schema, BEGIN/COMMIT).
  Status Exec(const char* sql);

 private:
  sqlite3* db_ = nullptr;
};

// Opens (creating when `create`) a read-write connection with foreign keys on.
Result<Db> OpenReadWrite(const std::string& path, bool create);

// Keeps the statements prepared on one connection for the next statement
// with the same SQL. A build asks about 40 queries per commune, the same
// few dozen SQL texts for every commune, and SQLite spends about 90,000
// instructions preparing one (1.8 % of a build). Opt-in per connection, for
// a connection used by one thread at a time; it must be destroyed before
// the connection is closed (it finalizes what it keeps).
class StatementCache {
 public:
  explicit StatementCache(sqlite3* db);
  ~StatementCache();
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;

  // A statement for `sql`: a kept one when `db` has a cache holding one,
  // else newly prepared (SQLite's result code in *rc). *kept says whether
  // it must be given back with Release rather than finalized.
  static sqlite3_stmt* Prepare(sqlite3* db, const char* sql, int* rc, bool* kept);
  // Resets `stmt` and keeps it for the next Prepare of its SQL (kept), or
  // finalizes it.
  static void Release(sqlite3* db, sqlite3_stmt* stmt, bool kept);

 private:
  sqlite3* db_;
  // Free statements by their SQL (the view points into the statement).
  std::unordered_map<std::string_view, std::vector<sqlite3_stmt*>> free_;
};

// A prepared statement. Bind() uses 1-based indexes like SQLite.
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql);
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt();

  const Status& status() const { return status_; }
  Stmt& Bind(int i, std::string_view s);
  Stmt& Bind(int i, const char* s) { return Bind(i, std::string_view(s)); }
  Stmt& Bind(int i, const std::string& s) { return Bind(i, std::string_view(s)); }
  Stmt& Bind(int i, double v);
  Stmt& Bind(int i, int v);
  Stmt& Bind(int i, long long v);
  Stmt& BindNull(int i);
  template <typename T>
  Stmt& Bind(int i, const std::optional<T>& v) {
    return v ? Bind(i, *v) : BindNull(i);
  }

  // Steps once: true while a row is available; Status via status().
  bool Step();
  // Runs an INSERT/UPDATE/DELETE to completion and resets for the next use.
  Status Run();
  void Reset();

  bool IsNull(int col) const;
  std::string Text(int col) const;
  double Double(int col) const;
  long long Int(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  bool kept_ = false;  // from a StatementCache
  Status status_;
};

}  // namespace minhbach
