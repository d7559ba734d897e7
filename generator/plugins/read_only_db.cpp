#include "plugins/read_only_db.h"

#include <sqlite3.h>

#include <algorithm>
#include <climits>
#include <cstring>

namespace minhbach {
namespace plugins_internal {

namespace {

// Past this many distinct SQL texts a plug-in is building SQL from data
// instead of binding parameters; the cache then recycles its slots rather
// than growing without bound.
constexpr std::size_t kMaxCachedStatements = 256;

const char* ActionName(int action) {
  switch (action) {
    case SQLITE_INSERT: return "INSERT";
    case SQLITE_UPDATE: return "UPDATE";
    case SQLITE_DELETE: return "DELETE";
    case SQLITE_ATTACH: return "ATTACH";
    case SQLITE_DETACH: return "DETACH";
    case SQLITE_PRAGMA: return "PRAGMA";
    case SQLITE_TRANSACTION: return "BEGIN/COMMIT/ROLLBACK";
    case SQLITE_SAVEPOINT: return "SAVEPOINT";
    case SQLITE_ALTER_TABLE: return "ALTER TABLE";
    case SQLITE_REINDEX: return "REINDEX";
    case SQLITE_ANALYZE: return "ANALYZE";
    case SQLITE_FUNCTION: return "this SQL function";
    case SQLITE_CREATE_INDEX: case SQLITE_CREATE_TABLE: case SQLITE_CREATE_TEMP_INDEX:
    case SQLITE_CREATE_TEMP_TABLE: case SQLITE_CREATE_TEMP_TRIGGER: case SQLITE_CREATE_TEMP_VIEW:
    case SQLITE_CREATE_TRIGGER: case SQLITE_CREATE_VIEW: case SQLITE_CREATE_VTABLE:
      return "CREATE";
    case SQLITE_DROP_INDEX: case SQLITE_DROP_TABLE: case SQLITE_DROP_TEMP_INDEX:
    case SQLITE_DROP_TEMP_TABLE: case SQLITE_DROP_TEMP_TRIGGER: case SQLITE_DROP_TEMP_VIEW:
    case SQLITE_DROP_TRIGGER: case SQLITE_DROP_VIEW: case SQLITE_DROP_VTABLE:
      return "DROP";
    default: return "this statement";
  }
}

}  // namespace

Result<std::unique_ptr<ReadOnlyDb>> ReadOnlyDb::Open(const std::filesystem::path& path, std::size_t max_length) {
  std::unique_ptr<ReadOnlyDb> self(new ReadOnlyDb());
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Status::At(path.string(), 0, "plug-ins: the database does not exist");
  }
  int rc = sqlite3_open_v2(path.c_str(), &self->db_, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    return Status::At(path.string(), 0, std::string("plug-ins: cannot open the database: ") + sqlite3_errstr(rc));
  }
  sqlite3_db_config(self->db_, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
  sqlite3_db_config(self->db_, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(self->db_, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  sqlite3_limit(self->db_, SQLITE_LIMIT_ATTACHED, 0);
  int length = static_cast<int>(std::min<std::size_t>(max_length, INT_MAX));
  sqlite3_limit(self->db_, SQLITE_LIMIT_LENGTH, std::max(length, 1 << 16));
  char* message = nullptr;
  // locking_mode: the shared lock is held from the first query to the
  // close, not taken again for every statement (see OpenReadOnly).
  if (sqlite3_exec(self->db_, "PRAGMA query_only = 1; PRAGMA locking_mode = EXCLUSIVE", nullptr, nullptr, &message) !=
      SQLITE_OK) {
    std::string text = message != nullptr ? message : "unknown error";
    sqlite3_free(message);
    return Status::At(path.string(), 0, "plug-ins: cannot open the database read-only: " + text);
  }
  sqlite3_set_authorizer(self->db_, &ReadOnlyDb::Authorize, self.get());
  sqlite3_progress_handler(self->db_, kProgressSteps, &ReadOnlyDb::Progress, self.get());
  return self;
}

ReadOnlyDb::~ReadOnlyDb() {
  for (auto& entry : cache_) sqlite3_finalize(entry.second);
  if (db_ != nullptr) sqlite3_close(db_);
}

void ReadOnlyDb::SetProgress(ProgressFn fn, void* context) {
  progress_ = fn;
  progress_context_ = context;
}

int ReadOnlyDb::Authorize(void* ud, int action, const char* a, const char* b, const char* db, const char* trigger) {
  ReadOnlyDb* self = static_cast<ReadOnlyDb*>(ud);
  switch (action) {
    case SQLITE_SELECT:
    case SQLITE_READ:
    case SQLITE_RECURSIVE:
      return SQLITE_OK;
    case SQLITE_FUNCTION:
      // b is the function name. load_extension is off anyway; fts3_tokenizer
      // could hand out pointers.
      if (b != nullptr && (sqlite3_stricmp(b, "load_extension") == 0 || sqlite3_stricmp(b, "fts3_tokenizer") == 0)) {
        break;
      }
      return SQLITE_OK;
    default:
      break;
  }
  // The first refusal names the statement. CREATE, DROP and ALTER first ask
  // to write the schema table itself.
  if (self->refused_ == nullptr) {
    bool schema = a != nullptr && (sqlite3_stricmp(a, "sqlite_master") == 0 || sqlite3_stricmp(a, "sqlite_schema") == 0 ||
                                   sqlite3_stricmp(a, "sqlite_temp_master") == 0);
    self->refused_ = schema ? "changing the schema (CREATE, DROP, ALTER)" : ActionName(action);
  }
  return SQLITE_DENY;
}

int ReadOnlyDb::Progress(void* ud) {
  ReadOnlyDb* self = static_cast<ReadOnlyDb*>(ud);
  if (self->progress_ == nullptr) return 0;
  return self->progress_(self->progress_context_, kProgressSteps) ? 0 : 1;
}

sqlite3_stmt* ReadOnlyDb::Prepare(std::string_view sql, std::string* error) {
  std::string key(sql);
  auto it = cache_.find(key);
  if (it != cache_.end()) {
    sqlite3_reset(it->second);
    sqlite3_clear_bindings(it->second);
    return it->second;
  }
  refused_ = nullptr;
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
  if (rc != SQLITE_OK) {
    if (refused_ != nullptr) {
      *error = std::string("plug-ins can only read the database; ") + refused_ + " is not allowed";
    } else {
      *error = sqlite3_errmsg(db_);
    }
    sqlite3_finalize(stmt);
    return nullptr;
  }
  if (stmt == nullptr) {
    *error = "the SQL text holds no statement";
    return nullptr;
  }
  // One statement per call: a second one after ';' would otherwise be
  // silently ignored. (Trailing blanks and comments are fine.)
  if (tail != nullptr && *tail != '\0') {
    sqlite3_stmt* next = nullptr;
    int rc2 = sqlite3_prepare_v2(db_, tail, -1, &next, nullptr);
    bool more = rc2 != SQLITE_OK || next != nullptr;
    sqlite3_finalize(next);
    if (more) {
      sqlite3_finalize(stmt);
      *error = "one statement per call (found more after ';')";
      return nullptr;
    }
  }
  if (!sqlite3_stmt_readonly(stmt)) {
    sqlite3_finalize(stmt);
    *error = "plug-ins can only read the database";
    return nullptr;
  }
  if (cache_.size() >= kMaxCachedStatements) {
    // No statement is in use between two site.query calls, so any entry
    // can go.
    auto victim = cache_.begin();
    sqlite3_finalize(victim->second);
    cache_.erase(victim);
  }
  cache_.emplace(std::move(key), stmt);
  return stmt;
}

std::string ReadOnlyDb::LastError() const { return sqlite3_errmsg(db_); }

}  // namespace plugins_internal
}  // namespace minhbach
