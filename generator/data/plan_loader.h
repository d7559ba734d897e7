// Reading one plan folder (index.md + indicators.csv + tasks.csv) into rows,
// and writing those rows into the database. Shared by the full build
// (database.cpp) and `minhbach import --db` (import_plan.cpp).
#pragma once

#include <sqlite3.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "data/agencies.h"
#include "data/deadline_parser.h"
#include "data/target_parser.h"

namespace minhbach {

struct IndicatorRow {
  int line = 0;                    // CSV line
  std::optional<int> origin_line;  // line in the extracted text
  std::string slug, table_key, table_title, code, group_path, name, measure, direction;
  std::string lead_raw, partners_raw, output;
  std::vector<std::pair<int, ParsedTarget>> targets;  // (year, target), cell order
  LeadAndPartners agencies;
};

struct TaskRow {
  int line = 0;
  std::optional<int> origin_line;
  std::string slug, table_key, table_title, section, section_title, number, title;
  std::string lead_raw, partners_raw, output, deadline_raw, note;
  ParsedDeadline deadline;
  LeadAndPartners agencies;
};

struct PlanData {
  std::string unit_id, slug, key, title, number, issuer, place_date, signer, source;
  std::optional<std::string> date;  // ISO
  std::vector<std::string> basis;
  std::string index_file, indicators_file, tasks_file;  // paths as shown in messages and stored
  std::vector<IndicatorRow> indicators;
  std::vector<TaskRow> tasks;

  // Feeds every agency mention of the plan to `index`.
  void CountAgencies(AgencyIndex* index) const;
};

// Reads content/<unit>/<plan>/. `shown_dir` is the folder as messages and
// the database name it ("content/dai-son/kh-nq11-2026"). Missing CSVs mean
// a plan without tables; a malformed row is an error naming file:line.
Result<PlanData> ReadPlan(const std::filesystem::path& plan_dir, const std::string& unit_id,
                          const std::string& shown_dir);

// Inserts a plan and its rows; the unit must exist and `agencies` must have
// been built from (at least) this plan's mentions and written already.
Status InsertPlan(sqlite3* db, const PlanData& plan, int position, const AgencyIndex& agencies);

// Inserts the agencies of an index (new agencies and every variant).
Status InsertAgencies(sqlite3* db, const std::string& unit_id, const std::vector<AgencyIndex::Agency>& agencies);

// Inserts a unit row.
Status InsertUnit(sqlite3* db, const std::string& id, const std::string& name, const std::string& kind,
                  const std::string& province, int position);

}  // namespace minhbach
