// ReadOnlyDb: the database as plug-ins see it through site.query.
//
// Three locks, each enough on its own: the file is opened with
// SQLITE_OPEN_READONLY, `PRAGMA query_only` is set, and an authorizer allows
// only reading (SELECT, reading columns, calling functions, recursive CTEs):
// INSERT, UPDATE, DELETE, CREATE, DROP, ATTACH, DETACH, PRAGMA, transactions
// and savepoints are refused when the statement is prepared. A progress
// handler charges SQLite's virtual-machine steps to the running plug-in's
// instruction budget, so a runaway query stops like a runaway loop, and the
// longest string or blob a query may build is bounded by the memory limit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace minhbach {
namespace plugins_internal {

class ReadOnlyDb {
 public:
  // `progress` is called about every `kProgressSteps` VM steps with that
  // count; returning false interrupts the statement.
  using ProgressFn = bool (*)(void* context, std::uint64_t steps);
  static constexpr int kProgressSteps = 1000;

  static Result<std::unique_ptr<ReadOnlyDb>> Open(const std::filesystem::path& path, std::size_t max_length);
  ~ReadOnlyDb();
  ReadOnlyDb(const ReadOnlyDb&) = delete;
  ReadOnlyDb& operator=(const ReadOnlyDb&) = delete;

  void SetProgress(ProgressFn fn, void* context);

  // A statement for `sql`, reset and with its bindings cleared, from the
  // cache when this text was prepared before. nullptr on failure, with the
  // reason in *error (naming what the authorizer refused).
  sqlite3_stmt* Prepare(std::string_view sql, std::string* error);

  sqlite3* handle() const { return db_; }
  std::string LastError() const;

 private:
  ReadOnlyDb() = default;
  static int Authorize(void* self, int action, const char* a, const char* b, const char* db, const char* trigger);
  static int Progress(void* self);

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
  const char* refused_ = nullptr;  // last action the authorizer refused
  ProgressFn progress_ = nullptr;
  void* progress_context_ = nullptr;
};

}  // namespace plugins_internal
}  // namespace minhbach
