#include "data/database.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "base/fs.h"
#include "base/text.h"
#include "data/agencies.h"
#include "data/plan_loader.h"
#include "data/report.h"
#include "data/sqlite_util.h"
#include "load/site_config.h"

namespace minhbach {

namespace fs = std::filesystem;

namespace {

// FNV-1a of the schema: a database made by another schema is rebuilt.
std::string SchemaHash() {
  unsigned long long h = 1469598103934665603ull;
  for (const char* p = kSchemaSql; *p; ++p) {
    h ^= static_cast<unsigned char>(*p);
    h *= 1099511628211ull;
  }
  return std::to_string(h);
}

// Every file and folder the database is built from. Folders count too: a
// deleted report file changes its folder's time.
std::vector<fs::path> Sources(const SiteConfig& config) {
  std::vector<fs::path> out = {config.root / "site.yaml"};
  for (const UnitConfig& u : config.units) {
    fs::path unit_dir = config.ContentDir() / u.id;
    for (const std::string& p : u.plans) {
      fs::path dir = unit_dir / p;
      out.push_back(dir);
      for (const char* f : {"index.md", "indicators.csv", "tasks.csv"}) out.push_back(dir / f);
    }
    fs::path reports = unit_dir / "bao-cao";
    if (fs::is_directory(reports)) {
      out.push_back(reports);
      for (const auto& e : fs::directory_iterator(reports)) out.push_back(e.path());
    }
  }
  return out;
}

}  // namespace

Status CreateSchema(sqlite3* db) {
  char* err = nullptr;
  if (sqlite3_exec(db, kSchemaSql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errmsg(db);
    sqlite3_free(err);
    return Status::Error("database schema: " + msg);
  }
  Stmt meta(db, "INSERT INTO meta(key, value) VALUES ('schema', ?), ('generator', ?)");
  return meta.Bind(1, SchemaHash()).Bind(2, "minhbach " MINHBACH_VERSION).Run();
}

Result<std::unique_ptr<DatabaseChange>> DatabaseChange::Begin(const fs::path& path, bool create) {
  std::unique_ptr<DatabaseChange> change(new DatabaseChange);
  change->path_ = path;
  // Another writer may replace the file between our open and our lock;
  // the lock then holds a file that is no longer the database: try again.
  for (int attempt = 0; attempt < 10; ++attempt) {
    struct stat before {}, locked {};
    const bool existed = ::stat(path.c_str(), &before) == 0;
    Result<Db> opened = OpenReadWrite(path.string(), create);
    if (!opened.ok()) return opened.status();
    Db db = std::move(opened.value());
    // In place only when nobody else has the file open to read: a build
    // keeps its shared lock from its first query to its end (OpenReadOnly),
    // and a change in place would wait for it. So an unlinked file is first
    // tried with an exclusive lock, without waiting; when that fails, the
    // change is made in a copy, as for a published file.
    bool alone = false;
    if (existed && before.st_nlink <= 1) {
      sqlite3_busy_timeout(db.get(), 0);
      alone = db.Exec("BEGIN EXCLUSIVE").ok();
      sqlite3_busy_timeout(db.get(), 5000);
    }
    // Also rolls back the journal of a writer that crashed, so the file
    // is whole before it is copied.
    if (!alone) MB_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE").WithFile(path.string(), 0));
    if (::stat(path.c_str(), &locked) != 0) continue;
    if (existed && (before.st_dev != locked.st_dev || before.st_ino != locked.st_ino)) continue;
    if (!existed || (alone && locked.st_nlink <= 1)) {
      change->work_ = std::move(db);
      return change;
    }

    change->copy_ = path;
    change->copy_ += ".tmp-" + std::to_string(::getpid());
    const std::string copy = change->copy_.string();
    ::unlink(copy.c_str());
    int in = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    int out = ::open(copy.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, locked.st_mode & 0777);
    bool copied = in >= 0 && out >= 0 && CopyAll(in, out);
    const int err = errno;
    if (in >= 0) ::close(in);
    if (out >= 0 && ::close(out) != 0) copied = false;
    if (!copied) {
      ::unlink(copy.c_str());
      change->copy_.clear();
      return Status::At(copy, 0, std::string("cannot copy the database to change it: ") + std::strerror(err));
    }
    Result<Db> work = OpenReadWrite(copy, false);
    if (!work.ok()) return work.status();
    change->lock_ = std::move(db);
    change->work_ = std::move(work.value());
    // The rename is the commit: a journal on disk would only be deleted.
    MB_RETURN_IF_ERROR(change->work_.Exec("PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; BEGIN IMMEDIATE")
                           .WithFile(copy, 0));
    return change;
  }
  return Status::At(path.string(), 0, "another program keeps replacing the database; try again when it is done");
}

DatabaseChange::~DatabaseChange() {
  if (!done_ && work_.get()) work_.Exec("ROLLBACK");
  work_ = Db();
  if (!copy_.empty()) ::unlink(copy_.c_str());
}

Status DatabaseChange::Commit() {
  MB_RETURN_IF_ERROR(work_.Exec("COMMIT"));
  done_ = true;
  if (copy_.empty()) return Status::Ok();
  work_ = Db();
  if (::rename(copy_.c_str(), path_.c_str()) != 0) {
    return Status::At(path_.string(), 0, std::string("cannot replace the database: ") + std::strerror(errno));
  }
  copy_.clear();
  lock_ = Db();  // only now may the next writer take the (new) file
  return Status::Ok();
}

Result<sqlite3*> OpenReadOnly(const fs::path& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.string().c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Status::At(path.string(), 0, "cannot open the database read-only: " + msg);
  }
  sqlite3_busy_timeout(db, 5000);
  // Keep the shared lock from the first read to the close, instead of
  // taking and dropping it (and checking for a journal) around every
  // statement: a build runs thousands of small queries per commune, and
  // this was 30,000 system calls and about a tenth of the CPU per 100
  // communes. The build also reads one state of the database throughout.
  // Writers are not held up: they take RESERVED, which shared locks allow,
  // and replace the file by rename when a build has published it
  // (DatabaseChange).
  // Not mmap (tried): each of a build's connections (two per worker) maps
  // the file, and every mapped page counts in the process's RSS once per
  // connection -- 1,050 MB instead of 172 MB at N = 1000 -- for no build
  // time that could be told from noise.
  if (sqlite3_exec(db, "PRAGMA locking_mode = EXCLUSIVE", nullptr, nullptr, nullptr) != SQLITE_OK) {
    std::string msg = sqlite3_errmsg(db);
    sqlite3_close(db);
    return Status::At(path.string(), 0, "cannot open the database read-only: " + msg);
  }
  return db;
}

bool DatabaseIsStale(const SiteConfig& config, const fs::path& db_path) {
  std::error_code ec;
  auto built = fs::last_write_time(db_path, ec);
  if (ec) return true;
  for (const fs::path& p : Sources(config)) {
    auto t = fs::last_write_time(p, ec);
    if (!ec && t > built) return true;
  }
  Result<sqlite3*> db = OpenReadOnly(db_path);
  if (!db.ok()) return true;
  Db owned(db.value());
  Stmt q(owned.get(), "SELECT value FROM meta WHERE key = 'schema'");
  return !q.Step() || q.Text(0) != SchemaHash();
}

Status BuildDatabase(const SiteConfig& config, const fs::path& out) {
  std::error_code ec;
  fs::create_directories(out.parent_path(), ec);
  fs::path tmp = out;
  tmp += ".tmp-" + std::to_string(::getpid());
  fs::remove(tmp, ec);
  Status status = [&]() -> Status {
    Result<Db> opened = OpenReadWrite(tmp.string(), true);
    if (!opened.ok()) return opened.status();
    Db& db = opened.value();
    // A build artefact: no journal on disk is needed, the rename is the commit.
    MB_RETURN_IF_ERROR(db.Exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF"));
    MB_RETURN_IF_ERROR(db.Exec("BEGIN"));
    MB_RETURN_IF_ERROR(CreateSchema(db.get()));
    for (std::size_t u = 0; u < config.units.size(); ++u) {
      const UnitConfig& unit = config.units[u];
      MB_RETURN_IF_ERROR(InsertUnit(db.get(), unit.id, unit.name, unit.kind, unit.province, static_cast<int>(u))
                             .WithFile(config.file, unit.line));
      std::vector<PlanData> plans;
      AgencyIndex agencies(unit.id);
      for (const std::string& p : unit.plans) {
        Result<PlanData> plan = ReadPlan(config.PlanDir(unit, p), unit.id, "content/" + unit.id + "/" + p);
        if (!plan.ok()) return plan.status();
        plan->CountAgencies(&agencies);
        plans.push_back(std::move(plan.value()));
      }
      MB_RETURN_IF_ERROR(InsertAgencies(db.get(), unit.id, agencies.Build()));
      for (std::size_t p = 0; p < plans.size(); ++p) {
        MB_RETURN_IF_ERROR(InsertPlan(db.get(), plans[p], static_cast<int>(p), agencies));
      }
      MB_RETURN_IF_ERROR(LoadUnitReports(db.get(), config, unit));
    }
    return db.Exec("COMMIT");
  }();
  if (!status.ok()) {
    fs::remove(tmp, ec);
    return status;
  }
  fs::rename(tmp, out, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return Status::At(out.string(), 0, "cannot replace the database: " + ec.message());
  }
  return Status::Ok();
}

Result<DatabaseInfo> EnsureDatabase(const SiteConfig& config) {
  DatabaseInfo info;
  info.path = config.database;
  if (!DatabaseIsStale(config, config.database)) return info;
  MB_RETURN_IF_ERROR(BuildDatabase(config, config.database));
  info.rebuilt = true;
  return info;
}

Result<std::vector<Status>> ListDataProblems(sqlite3* db) {
  std::vector<Status> out;
  Stmt q(db,
         "SELECT t.source_file, t.source_line, 'column deadline: ''' || t.deadline_raw || '''' || "
         "' matches no deadline rule; it is kept as written but no due date can be judged. Write e.g. "
         "Tháng 10/2025, Quý I/2026, 2026, 2025-2030, Thường xuyên, Hằng năm or Sau khi ...' "
         "FROM task t WHERE t.deadline_kind = 'unknown' "
         "UNION ALL "
         "SELECT t.source_file, t.source_line, 'column lead: task ' || t.id || ' has no lead agency' "
         "FROM task t WHERE NOT EXISTS (SELECT 1 FROM task_agency a WHERE a.task_id = t.id AND a.role = 'lead') "
         "UNION ALL "
         "SELECT i.source_file, i.source_line, 'indicator ' || i.id || ' has no target in any year column' "
         "FROM indicator i WHERE NOT EXISTS (SELECT 1 FROM target g WHERE g.indicator_id = i.id) "
         "UNION ALL "
         "SELECT i.source_file, i.source_line, 'column t' || g.year || ': ''' || g.raw || ''' holds digits but no "
         "target number was recognised; it is kept as a qualitative target' "
         "FROM target g JOIN indicator i ON i.id = g.indicator_id "
         "WHERE g.comparator = 'qualitative' AND g.raw GLOB '*[0-9]*' "
         "ORDER BY 1, 2");
  while (q.Step()) out.push_back(Status::At(q.Text(0), static_cast<int>(q.Int(1)), q.Text(2)));
  MB_RETURN_IF_ERROR(q.status());
  return out;
}

}  // namespace minhbach
