// The SQLite database: a build artefact recreated from the text sources under
// content/ (plan Markdown, indicator/task CSVs, report CSVs) whenever it is
// missing, older than any of them, or made by another schema. Readers open
// it read-only; nothing but this stage, `import` and `report add` writes it,
// and they never change a file that has other hard links (DatabaseChange):
// the build publishes the database as a hard link to it.
#pragma once

#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "data/sqlite_util.h"

namespace minhbach {

struct SiteConfig;

// The schema text (generator/data/schema.sql), compiled in by CMake.
extern const char* const kSchemaSql;

struct DatabaseInfo {
  std::filesystem::path path;  // config.database
  bool rebuilt = false;        // false when the existing file was up to date
};

// (Re)creates config.database from content/ when needed. The new database is
// built in a temporary file beside it, in one transaction, and renamed over
// the old one only when complete: a failure leaves the old file (or none).
Result<DatabaseInfo> EnsureDatabase(const SiteConfig& config);

// Builds the database from content/ into `out` unconditionally (same
// temp-file-and-rename guarantee).
Status BuildDatabase(const SiteConfig& config, const std::filesystem::path& out);

// True when `db_path` is missing, unreadable, of another schema, or older
// than site.yaml or any file it is built from.
bool DatabaseIsStale(const SiteConfig& config, const std::filesystem::path& db_path);

// One write transaction on a database file. When the file has other hard
// links (a published site's copy of it), or a reader has it open (a build
// running), the change is made in a copy beside it that replaces the file
// by rename on Commit(): a published or read file never changes under its
// readers, and the build's next link costs nothing. Otherwise the file is
// changed in place, under SQLite's own journal. While the change is open
// other writers wait (the original stays locked).
class DatabaseChange {
 public:
  // Starts the change (BEGIN IMMEDIATE); `create` makes a missing file.
  static Result<std::unique_ptr<DatabaseChange>> Begin(const std::filesystem::path& path, bool create);
  ~DatabaseChange();  // not committed: rolled back, the copy removed

  sqlite3* get() const { return work_.get(); }
  // COMMIT, then (for a copy) the rename over the original.
  Status Commit();

 private:
  DatabaseChange() = default;
  std::filesystem::path path_, copy_;  // copy_ empty: changed in place
  Db lock_;                            // the original, write-locked, while a copy is changed
  Db work_;                            // where the change is made
  bool done_ = false;
};

// Opens a database read-only (SQLITE_OPEN_READONLY). The caller owns the
// handle and closes it with sqlite3_close(). The handle has no mutex
// (SQLITE_OPEN_NOMUTEX): one thread at a time may use it, as every build
// worker has its own.
Result<sqlite3*> OpenReadOnly(const std::filesystem::path& path);

// Creates the schema and its meta rows in an empty database.
Status CreateSchema(sqlite3* db);

// What `minhbach check` reports about the data, each as "file:line: ...":
// deadlines that match no rule (kept as written, kind 'unknown'), tasks and
// indicators without a lead agency, target cells that hold digits but gave no
// number, indicators without any target.
Result<std::vector<Status>> ListDataProblems(sqlite3* db);

}  // namespace minhbach
