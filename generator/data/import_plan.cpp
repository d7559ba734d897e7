#include "data/import_plan.h"

#include "base/text.h"
#include "data/agencies.h"
#include "data/database.h"
#include "data/plan_loader.h"
#include "data/sqlite_util.h"

namespace minhbach {

namespace fs = std::filesystem;

namespace {

Status Import(sqlite3* db, const std::string& unit_name, const fs::path& plan_dir) {
  const std::string unit_id = Slugify(unit_name);
  if (unit_id.empty()) return Status::Error("unit name '" + unit_name + "': expected a commune or ward name");
  {
    Stmt has_schema(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'unit'");
    if (!has_schema.Step()) {
      MB_RETURN_IF_ERROR(has_schema.status());
      MB_RETURN_IF_ERROR(CreateSchema(db));
    }
  }
  int unit_position = 0;
  bool unit_exists = false;
  {
    Stmt q(db, "SELECT (SELECT position FROM unit WHERE id = ?1), (SELECT COUNT(*) FROM unit)");
    q.Bind(1, unit_id);
    if (q.Step()) {
      unit_exists = !q.IsNull(0);
      unit_position = static_cast<int>(q.Int(1));
    }
    MB_RETURN_IF_ERROR(q.status());
  }
  if (!unit_exists) {
    std::string name = CollapseSpace(unit_name);
    std::string kind = StartsWith(LowerVi(name), "phường") ? "phường" : "xã";
    for (const char* prefix : {"Xã ", "xã ", "Phường ", "phường "}) {
      if (StartsWith(name, prefix)) name = name.substr(std::string_view(prefix).size());
    }
    MB_RETURN_IF_ERROR(InsertUnit(db, unit_id, name, kind, "", unit_position));
  }

  std::string shown = plan_dir.lexically_normal().string();
  while (EndsWith(shown, "/")) shown.pop_back();
  Result<PlanData> plan = ReadPlan(plan_dir.lexically_normal(), unit_id, shown);
  if (!plan.ok()) return plan.status();
  const std::string plan_id = unit_id + "/" + plan->slug;

  // Replace an earlier import of the same plan (its reports go with it).
  int position = -1;
  {
    Stmt q(db, "SELECT position FROM plan WHERE id = ?");
    q.Bind(1, plan_id);
    if (q.Step()) position = static_cast<int>(q.Int(0));
    MB_RETURN_IF_ERROR(q.status());
  }
  if (position >= 0) {
    static const char* const kDeletes[] = {
        "DELETE FROM target WHERE indicator_id IN (SELECT id FROM indicator WHERE plan_id = ?1)",
        "DELETE FROM indicator_agency WHERE indicator_id IN (SELECT id FROM indicator WHERE plan_id = ?1)",
        "DELETE FROM observation WHERE indicator_id IN (SELECT id FROM indicator WHERE plan_id = ?1)",
        "DELETE FROM task_milestone WHERE task_id IN (SELECT id FROM task WHERE plan_id = ?1)",
        "DELETE FROM task_agency WHERE task_id IN (SELECT id FROM task WHERE plan_id = ?1)",
        "DELETE FROM task_report WHERE task_id IN (SELECT id FROM task WHERE plan_id = ?1)",
        "DELETE FROM indicator WHERE plan_id = ?1",
        "DELETE FROM task WHERE plan_id = ?1",
        "DELETE FROM plan_basis WHERE plan_id = ?1",
        "DELETE FROM plan WHERE id = ?1",
    };
    for (const char* sql : kDeletes) {
      Stmt d(db, sql);
      MB_RETURN_IF_ERROR(d.Bind(1, plan_id).Run());
    }
  } else {
    Stmt q(db, "SELECT COUNT(*) FROM plan WHERE unit_id = ?");
    q.Bind(1, unit_id);
    position = q.Step() ? static_cast<int>(q.Int(0)) : 0;
    MB_RETURN_IF_ERROR(q.status());
  }

  AgencyIndex agencies(unit_id);
  {
    Stmt q(db, "SELECT a.id, a.name, v.variant FROM agency a JOIN agency_variant v ON v.agency_id = a.id "
               "WHERE a.unit_id = ? ORDER BY a.rowid, v.rowid");
    q.Bind(1, unit_id);
    while (q.Step()) agencies.AddExisting(q.Text(0), q.Text(1), q.Text(2));
    MB_RETURN_IF_ERROR(q.status());
  }
  plan->CountAgencies(&agencies);
  MB_RETURN_IF_ERROR(InsertAgencies(db, unit_id, agencies.Build()));
  return InsertPlan(db, plan.value(), position, agencies);
}

}  // namespace

Status ImportPlanDirectory(const std::string& db_path, const std::string& unit_name, const fs::path& plan_dir) {
  std::error_code ec;
  if (fs::path parent = fs::path(db_path).parent_path(); !parent.empty()) fs::create_directories(parent, ec);
  Result<std::unique_ptr<DatabaseChange>> change = DatabaseChange::Begin(db_path, true);
  if (!change.ok()) return change.status();
  MB_RETURN_IF_ERROR(Import(change.value()->get(), unit_name, plan_dir));
  return change.value()->Commit();
}

}  // namespace minhbach
