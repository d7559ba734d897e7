// `minhbach report add|template` and `minhbach export`: the CLI side of the
// data stage. Each returns 0 ok, 1 failure (message printed), 2 usage error.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

#include "base/csv.h"
#include "base/fs.h"
#include "base/text.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "data/database.h"
#include "data/export.h"
#include "data/report.h"
#include "data/sqlite_util.h"
#include "load/site_config.h"

namespace minhbach {

namespace fs = std::filesystem;

namespace {

int Fail(const Status& s) {
  std::fprintf(stderr, "minhbach: %s\n", s.ToString().c_str());
  return 1;
}

int Usage(const std::string& message) {
  std::fprintf(stderr, "minhbach: %s (see `minhbach help report`)\n", message.c_str());
  return 2;
}

// The unit a command is about: --unit, or the site's only unit.
Result<const UnitConfig*> ChooseUnit(const SiteConfig& config, const Args& args) {
  if (auto u = args.Get("--unit")) {
    const UnitConfig* unit = config.FindUnit(*u);
    if (!unit) return Status::At(config.file, 0, "--unit " + *u + ": no such unit in site.yaml");
    return unit;
  }
  if (config.units.size() == 1) return &config.units.front();
  return Status::Error("--unit is required: the site has " + std::to_string(config.units.size()) + " units");
}

// The report rows as stored in the repository: the canonical columns, rows
// that carry a value only. `existing` (the cycle's stored file) comes first
// when rows are added to a cycle.
std::string StoredReport(const CsvTable* existing, const CsvTable& added) {
  std::string out = CsvLine(ReportColumns());
  for (const CsvTable* t : {existing, &added}) {
    if (!t) continue;
    for (const CsvRow& row : t->rows) {
      std::vector<std::string> fields;
      bool empty = true;
      for (const std::string& c : ReportColumns()) {
        fields.push_back(t->Cell(row, c));
        if (c != "loai" && c != "ma" && !fields.back().empty()) empty = false;
      }
      if (!empty) out += CsvLine(fields);
    }
  }
  return out;
}

// cycles.csv with `code` set to (published, illustrative), other rows kept.
Result<std::string> UpdatedCycles(const fs::path& file, const std::string& code, const std::string& published,
                                  bool illustrative) {
  std::vector<std::vector<std::string>> rows;
  if (fs::exists(file)) {
    Result<CsvTable> t = ReadCsvFile(file.string());
    if (!t.ok()) return t.status();
    for (const CsvRow& row : t->rows) {
      rows.push_back({t->Cell(row, "ky"), t->Cell(row, "ngay_cong_bo"), t->Cell(row, "minh_hoa")});
    }
  }
  bool found = false;
  for (auto& r : rows) {
    if (r[0] == code) {
      r = {code, published, illustrative ? "1" : "0"};
      found = true;
    }
  }
  if (!found) rows.push_back({code, published, illustrative ? "1" : "0"});
  std::string out = CsvLine({"ky", "ngay_cong_bo", "minh_hoa"});
  for (const auto& r : rows) out += CsvLine(r);
  return out;
}

int ReportAdd(const Args& args) {
  if (args.positional.size() != 2) return Usage("report add: expected one CSV file");
  auto cycle_code = args.Get("--cycle");
  if (!cycle_code) return Usage("report add: --cycle is required, e.g. --cycle 2026-Q3");
  Result<CycleCode> cycle = ParseCycleCode(*cycle_code);
  if (!cycle.ok()) return Fail(cycle.status());
  std::optional<Date> published;
  if (auto p = args.Get("--published")) {
    published = ParseIsoDate(*p);
    if (!published) return Usage("--published: expected YYYY-MM-DD, got '" + *p + "'");
  }
  const std::string input_path = args.positional[1];
  Result<CsvTable> input = ReadCsvFile(input_path);
  if (!input.ok()) return Fail(input.status());

  std::optional<SiteConfig> config;
  std::string db_path;
  std::string unit_id;
  if (args.Get("--site") || !args.Get("--db")) {
    Result<SiteConfig> c = LoadSiteConfig(args.GetOr("--site", "."));
    if (!c.ok()) return Fail(c.status());
    config = std::move(c.value());
    if (auto d = args.Get("--db")) config->database = fs::absolute(*d);
    Result<DatabaseInfo> db = EnsureDatabase(*config);
    if (!db.ok()) return Fail(db.status());
    db_path = config->database.string();
    Result<const UnitConfig*> unit = ChooseUnit(*config, args);
    if (!unit.ok()) return Fail(unit.status());
    unit_id = unit.value()->id;
  } else {
    db_path = *args.Get("--db");
    if (!fs::exists(db_path)) return Fail(Status::At(db_path, 0, "no such database"));
    if (auto u = args.Get("--unit")) unit_id = Slugify(*u);
  }

  // Taken (and the database locked) before anything is read from it.
  Result<std::unique_ptr<DatabaseChange>> change = DatabaseChange::Begin(db_path, false);
  if (!change.ok()) return Fail(change.status());
  sqlite3* db = change.value()->get();
  if (unit_id.empty()) {
    Stmt q(db, "SELECT id FROM unit");
    std::vector<std::string> ids;
    while (q.Step()) ids.push_back(q.Text(0));
    if (ids.size() != 1) return Usage("report add: --unit is required (the database has several units)");
    unit_id = ids.front();
  }
  if (!published) {
    Stmt q(db, "SELECT published FROM cycle WHERE id = ?");
    q.Bind(1, unit_id + "/" + cycle->code);
    published = q.Step() ? ParseIsoDate(q.Text(0)) : std::optional<Date>(Today());
  }

  ReportLoad load;
  load.unit_id = unit_id;
  load.code = cycle->code;
  load.published = published;
  load.illustrative = args.Has("--illustrative");
  load.replace = args.Has("--replace");
  load.source_file = input_path;

  // First the editor's file, so that errors name its lines.
  Status s = LoadReport(db, input.value(), load);
  if (s.ok() && config) {
    // Then the file as the repository keeps it, so that a rebuild from
    // content/ gives the same rows, lines included.
    const fs::path dir = config->ContentDir() / unit_id / "bao-cao";
    const std::string shown = "content/" + unit_id + "/bao-cao/" + cycle->code + ".csv";
    const fs::path stored = dir / (cycle->code + ".csv");
    std::optional<CsvTable> existing;
    if (!load.replace && fs::exists(stored)) {
      Result<CsvTable> e = ReadCsvFile(stored.string());
      if (!e.ok()) s = e.status();
      else existing = std::move(e.value());
    }
    std::string text;
    if (s.ok()) {
      text = StoredReport(existing ? &*existing : nullptr, input.value());
      Result<CsvTable> parsed = ParseCsv(text, shown);
      load.replace = true;
      load.source_file = shown;
      s = parsed.ok() ? LoadReport(db, parsed.value(), load) : parsed.status();
    }
    Result<std::string> cycles = UpdatedCycles(dir / "cycles.csv", cycle->code, published->ToIso(),
                                               load.illustrative);
    if (s.ok() && !cycles.ok()) s = cycles.status();
    if (s.ok()) s = WriteFileAtomic(stored, text);
    if (s.ok()) s = WriteFileAtomic(dir / "cycles.csv", cycles.value());
  }
  if (s.ok()) s = change.value()->Commit();
  if (!s.ok()) return Fail(s);  // the change is rolled back
  std::printf("report %s of %s added to %s%s\n", cycle->code.c_str(), unit_id.c_str(), db_path.c_str(),
              config ? (" and stored in content/" + unit_id + "/bao-cao/").c_str() : "");
  return 0;
}

int ReportTemplateCommand(const Args& args) {
  Result<SiteConfig> config = LoadSiteConfig(args.GetOr("--site", "."));
  if (!config.ok()) return Fail(config.status());
  if (auto d = args.Get("--db")) config->database = fs::absolute(*d);
  Result<const UnitConfig*> unit = ChooseUnit(config.value(), args);
  if (!unit.ok()) return Fail(unit.status());
  Result<DatabaseInfo> info = EnsureDatabase(config.value());
  if (!info.ok()) return Fail(info.status());
  Result<sqlite3*> db = OpenReadOnly(info->path);
  if (!db.ok()) return Fail(db.status());
  Db owned(db.value());
  Result<std::string> csv = ReportTemplate(owned.get(), unit.value()->id);
  if (!csv.ok()) return Fail(csv.status());
  if (auto out = args.Get("--out")) {
    Status s = WriteFileAtomic(*out, csv.value());
    if (!s.ok()) return Fail(s);
  } else {
    std::fwrite(csv->data(), 1, csv->size(), stdout);
  }
  return 0;
}

}  // namespace

int RunReportCommand(const std::vector<std::string>& argv) {
  Result<Args> args = ParseArgs(argv, {"--cycle", "--unit", "--site", "--db", "--published", "--out"},
                                {"--replace", "--illustrative"});
  if (!args.ok()) return Usage(args.status().message());
  if (args->positional.empty()) return Usage("report: expected `report add FILE.csv` or `report template`");
  if (args->positional[0] == "add") return ReportAdd(args.value());
  if (args->positional[0] == "template") return ReportTemplateCommand(args.value());
  return Usage("report: unknown action '" + args->positional[0] + "' (add or template)");
}

int RunExportCommand(const std::vector<std::string>& argv) {
  Result<Args> args = ParseArgs(argv, {"--db", "--site", "--out"}, {});
  if (!args.ok()) return Usage(args.status().message());
  fs::path db_path;
  if (auto d = args->Get("--db"); d && !args->Get("--site")) {
    db_path = *d;
  } else {
    Result<SiteConfig> config = LoadSiteConfig(args->GetOr("--site", "."));
    if (!config.ok()) return Fail(config.status());
    if (auto d2 = args->Get("--db")) config->database = fs::absolute(*d2);
    Result<DatabaseInfo> info = EnsureDatabase(config.value());
    if (!info.ok()) return Fail(info.status());
    db_path = info->path;
  }
  Result<sqlite3*> db = OpenReadOnly(db_path);
  if (!db.ok()) return Fail(db.status());
  Db owned(db.value());
  fs::path out = args->GetOr("--out", "public");
  Status s = WriteOpenData(owned.get(), out);
  if (!s.ok()) return Fail(s);
  std::printf("open data written to %s\n", (out / "api" / "v1").string().c_str());
  return 0;
}

}  // namespace minhbach
