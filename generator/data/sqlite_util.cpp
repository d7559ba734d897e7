#include "data/sqlite_util.h"

#include <mutex>

namespace minhbach {

Db& Db::operator=(Db&& o) noexcept {
  if (this != &o) {
    if (db_) sqlite3_close(db_);
    db_ = o.db_;
    o.db_ = nullptr;
  }
  return *this;
}

Db::~Db() {
  if (db_) sqlite3_close(db_);
}

sqlite3* Db::release() {
  sqlite3* d = db_;
  db_ = nullptr;
  return d;
}

Status Db::Exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errmsg(db_);
    sqlite3_free(err);
    return Status::Error("database: " + msg);
  }
  return Status::Ok();
}

Result<Db> OpenReadWrite(const std::string& path, bool create) {
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK) {
    std::string msg = raw ? sqlite3_errmsg(raw) : "out of memory";
    return Status::At(path, 0, "cannot open the database: " + msg);
  }
  sqlite3_busy_timeout(raw, 5000);
  MB_RETURN_IF_ERROR(db.Exec("PRAGMA foreign_keys = ON"));
  return db;
}

namespace {

// Which connections have a cache. Looked up twice per statement, against
// the ~90,000 instructions a prepare costs.
std::mutex& CachesMutex() {
  static std::mutex mu;
  return mu;
}
std::unordered_map<sqlite3*, StatementCache*>& Caches() {
  static std::unordered_map<sqlite3*, StatementCache*> caches;
  return caches;
}
StatementCache* CacheOf(sqlite3* db) {
  std::lock_guard<std::mutex> lock(CachesMutex());
  auto it = Caches().find(db);
  return it == Caches().end() ? nullptr : it->second;
}

}  // namespace

StatementCache::StatementCache(sqlite3* db) : db_(db) {
  std::lock_guard<std::mutex> lock(CachesMutex());
  Caches()[db] = this;
}

StatementCache::~StatementCache() {
  {
    std::lock_guard<std::mutex> lock(CachesMutex());
    Caches().erase(db_);
  }
  for (auto& [sql, stmts] : free_) {
    for (sqlite3_stmt* s : stmts) sqlite3_finalize(s);
  }
}

sqlite3_stmt* StatementCache::Prepare(sqlite3* db, const char* sql, int* rc, bool* kept) {
  StatementCache* cache = CacheOf(db);
  *kept = cache != nullptr;
  *rc = SQLITE_OK;
  if (cache) {
    auto it = cache->free_.find(std::string_view(sql));
    if (it != cache->free_.end() && !it->second.empty()) {
      sqlite3_stmt* s = it->second.back();
      it->second.pop_back();
      return s;
    }
  }
  sqlite3_stmt* s = nullptr;
  *rc = sqlite3_prepare_v2(db, sql, -1, &s, nullptr);
  if (*rc != SQLITE_OK) {
    sqlite3_finalize(s);
    *kept = false;
    return nullptr;
  }
  // Kept statements are filed under their own SQL text, which SQLite cuts
  // after the first statement: SQL with anything after it (a blank, a
  // second statement) would never be found again, so it is not kept.
  if (*kept && std::string_view(sqlite3_sql(s)) != std::string_view(sql)) *kept = false;
  return s;
}

void StatementCache::Release(sqlite3* db, sqlite3_stmt* stmt, bool kept) {
  if (stmt == nullptr) return;
  StatementCache* cache = kept ? CacheOf(db) : nullptr;
  if (cache == nullptr) {
    sqlite3_finalize(stmt);
    return;
  }
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  cache->free_[std::string_view(sqlite3_sql(stmt))].push_back(stmt);
}

Stmt::Stmt(sqlite3* db, const char* sql) : db_(db) {
  int rc = SQLITE_OK;
  stmt_ = StatementCache::Prepare(db, sql, &rc, &kept_);
  if (rc != SQLITE_OK) {
    status_ = Status::Error(std::string("database: ") + sqlite3_errmsg(db) + " in: " + sql);
  }
}

Stmt::~Stmt() { StatementCache::Release(db_, stmt_, kept_); }

Stmt& Stmt::Bind(int i, std::string_view s) {
  if (stmt_) sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::Bind(int i, double v) {
  if (stmt_) sqlite3_bind_double(stmt_, i, v);
  return *this;
}
Stmt& Stmt::Bind(int i, int v) {
  if (stmt_) sqlite3_bind_int(stmt_, i, v);
  return *this;
}
Stmt& Stmt::Bind(int i, long long v) {
  if (stmt_) sqlite3_bind_int64(stmt_, i, v);
  return *this;
}
Stmt& Stmt::BindNull(int i) {
  if (stmt_) sqlite3_bind_null(stmt_, i);
  return *this;
}

bool Stmt::Step() {
  if (!stmt_ || !status_.ok()) return false;
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) {
    status_ = Status::Error(std::string("database: ") + sqlite3_errmsg(db_) + " in: " + sqlite3_sql(stmt_));
  }
  return false;
}

Status Stmt::Run() {
  if (!status_.ok()) return status_;
  Step();
  Status s = status_;
  Reset();
  return s;
}

void Stmt::Reset() {
  if (!stmt_) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  status_ = Status();  // the statement is usable again
}

bool Stmt::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
std::string Stmt::Text(int col) const {
  const unsigned char* t = sqlite3_column_text(stmt_, col);
  return t ? std::string(reinterpret_cast<const char*>(t), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)))
           : std::string();
}
double Stmt::Double(int col) const { return sqlite3_column_double(stmt_, col); }
long long Stmt::Int(int col) const { return sqlite3_column_int64(stmt_, col); }

}  // namespace minhbach
