// The SQLite database: a build artefact recreated from the text sources under
// content/ (plan Markdown, indicator/task CSVs, report CSVs) whenever it is
// missing, older than any of them, or made by another schema. Readers open
// it read-only; nothing but this stage and `report add` writes it.
#pragma once

#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <vector>

#include "base/status.h"

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

// Opens a database read-only (SQLITE_OPEN_READONLY). The caller owns the
// handle and closes it with sqlite3_close().
Result<sqlite3*> OpenReadOnly(const std::filesystem::path& path);

// Creates the schema and its meta rows in an empty database.
Status CreateSchema(sqlite3* db);

// What `minhbach check` reports about the data, each as "file:line: ...":
// deadlines that match no rule (kept as written, kind 'unknown'), tasks and
// indicators without a lead agency, target cells that hold digits but gave no
// number, indicators without any target.
Result<std::vector<Status>> ListDataProblems(sqlite3* db);

}  // namespace minhbach
