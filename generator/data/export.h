// Open data (Decree 47/2020/NĐ-CP): the database as JSON under /api/v1/.
// Each function runs a few set-based queries (never one per row) and returns
// an array in a stable order: unit position, plan position, row position.
// Field lists are in docs/data.md. `range` limits them to one unit's rows.
#pragma once

#include <sqlite3.h>

#include <filesystem>
#include <functional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "base/status.h"
#include "base/value.h"
#include "data/sqlite_util.h"

namespace minhbach {

Value ExportUnits(sqlite3* db, const IdRange& range = IdRange::All());
Value ExportPlans(sqlite3* db, const IdRange& range = IdRange::All());
Value ExportAgencies(sqlite3* db, const IdRange& range = IdRange::All());
Value ExportCycles(sqlite3* db, const IdRange& range = IdRange::All());
// id, unit, plan, code, name, measure, direction, lead, targets, observations.
Value ExportIndicators(sqlite3* db, const IdRange& range = IdRange::All());
// id, unit, plan, section, number, title, lead, partners, deadline_raw,
// deadline_kind, due, start, status, percent, evidence_review, illustrative.
Value ExportTasks(sqlite3* db, const IdRange& range = IdRange::All());

// Building blocks of the exports above and of the per-unit CSV files: each
// table is read alone in primary-key order and joined here. SQLite answering
// the same joins with an ORDER BY across tables (a sort, and a text-key
// lookup of the unit and plan per row) cost 6 to 15 times as much per row,
// and a build reads every unit's rows this way.

// (unit position, plan position) of every plan in `range`; a row of a plan
// not in it has no plan (the joins these replace dropped it).
using PlanRank = std::pair<long long, long long>;
std::unordered_map<std::string, PlanRank> PlanRanks(sqlite3* db, const IdRange& range);

struct CycleInfo {
  std::string code, period_start, period_end, published;
  // Report order: by period end, then start, then code (cycles.json's order).
  bool Before(const CycleInfo& o) const {
    return std::tie(period_end, period_start, code) < std::tie(o.period_end, o.period_start, o.code);
  }
  // The latest report of a task is the one whose cycle ends last, then
  // starts last, then was published last.
  bool LaterThan(const CycleInfo& o) const {
    return std::tie(period_end, period_start, published) > std::tie(o.period_end, o.period_start, o.published);
  }
};
std::unordered_map<std::string, CycleInfo> CycleInfos(sqlite3* db, const IdRange& range);

// Steps `reports` (bound to `range`; columns task_id, cycle_id, then the
// caller's) in (task_id, cycle_id) order and calls `later` with each row
// whose cycle is a known one and later (CycleInfo::LaterThan) than every
// row before it of the same task: the last call for a task is its latest
// report; of equals, the first in cycle id order.
void ForLatestReports(Stmt* reports, const IdRange& range, const std::unordered_map<std::string, CycleInfo>& cycles,
                      const std::function<void(const std::string& task, const CycleInfo& cycle)>& later);

// Writes <out>/api/v1/{units,plans,agencies,cycles,indicators,tasks}.json.
Status WriteOpenData(sqlite3* db, const std::filesystem::path& out);

}  // namespace minhbach
