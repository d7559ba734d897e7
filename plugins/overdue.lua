-- overdue.lua: tasks that are late, behind schedule, or need attention.
--
-- Publishes data "overdue" (one row per task with at least one warning;
-- fields in docs/architecture.md, plus unit, plan and lead_agencies so that
-- the site can list them per unit, plan and agency) and the open-data file
-- api/v1/overdue.json. The rules are in lib/deadlines.lua and on
-- /phuong-phap/. Works per unit (site.each_unit): rows come unit by unit in
-- site order, and within a unit most days overdue first (deadlines.sort).

local deadlines = require("lib.deadlines")

local API = "api/v1/overdue.json"

site.each_unit(function(unit)
  local rows = deadlines.sort((deadlines.compute(unit.id)))
  site.data("overdue", rows)
  -- The open-data fields (schema: docs/schemas/overdue.json).
  local tasks = {}
  for i, r in ipairs(rows) do
    tasks[i] = { task = r.task, due = r.due, days_overdue = r.days_overdue, warnings = r.warnings, reasons = r.reasons }
  end
  site.rows(API, tasks)
end)
