// Report cycles: the editors' route for reported figures and task progress.
//
// A cycle's report is a CSV (format in docs/data.md) kept in the repository
// at content/<unit>/bao-cao/<code>.csv, with its publication date and
// illustrative flag in content/<unit>/bao-cao/cycles.csv, so that a fresh
// clone rebuilds the same database. `minhbach report add` validates a file
// against the database (all or nothing) and stores it there.
#pragma once

#include <sqlite3.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/csv.h"
#include "base/date.h"
#include "base/status.h"

namespace minhbach {

struct SiteConfig;
struct UnitConfig;

// A cycle code and the period it covers: "2025" (year), "2026-Q3" (quarter),
// "2026-6T" (first half), "2026-9T" (first nine months), "2026-03" (month).
struct CycleCode {
  std::string code;
  std::string kind;  // "year", "quarter", "half", "nine_months", "month"
  Date start, end;
};
Result<CycleCode> ParseCycleCode(std::string_view code);

// The columns of a report CSV, in the order `report template` writes them.
// "ten" (name, for people) is accepted and ignored.
const std::vector<std::string>& ReportColumns();

struct ReportLoad {
  std::string unit_id;
  std::string code;                 // cycle code
  std::optional<Date> published;    // required when the cycle is new
  bool illustrative = false;
  bool replace = false;             // replace the cycle's rows instead of adding to them
  std::string source_file;          // stored in cycle.source_file
};

// Validates `csv` and writes its rows into the open database. The caller
// owns the transaction: on error, roll back and the database is unchanged.
// Errors name "file:line: column X: ...".
Status LoadReport(sqlite3* db, const CsvTable& csv, const ReportLoad& load);

// Loads content/<unit>/bao-cao/ (cycles.csv and one CSV per cycle) of a unit.
Status LoadUnitReports(sqlite3* db, const SiteConfig& config, const UnitConfig& unit);

// The CSV `report template` writes for a unit: one row per indicator and
// task, value columns empty, "ten" last.
Result<std::string> ReportTemplate(sqlite3* db, const std::string& unit_id);

// Parses a reported number as editors write it: "80", "80,5", "80.5", "80%",
// "1.250" (thousands). Returns false when `s` is not just a number.
bool ParseReportedNumber(std::string_view s, double* value);

}  // namespace minhbach
