// Open data (Decree 47/2020/NĐ-CP): the database as JSON under /api/v1/.
// Each function runs a few set-based queries (never one per row) and returns
// an array in a stable order: unit position, plan position, row position.
// Field lists are in docs/data.md. `range` limits them to one unit's rows.
#pragma once

#include <sqlite3.h>

#include <filesystem>

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

// Writes <out>/api/v1/{units,plans,agencies,cycles,indicators,tasks}.json.
Status WriteOpenData(sqlite3* db, const std::filesystem::path& out);

}  // namespace minhbach
