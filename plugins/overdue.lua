-- overdue.lua: tasks that are late, behind schedule, or need attention.
--
-- Publishes data "overdue" (one row per task with at least one warning;
-- fields in docs/architecture.md, plus unit, plan and lead_agencies so that
-- the site can list them per unit, plan and agency) and the open-data file
-- api/v1/overdue.json. The rules are in lib/deadlines.lua and on
-- /phuong-phap/. Works per unit (site.each_unit): rows come unit by unit in
-- site order, and within a unit most days overdue first (deadlines.sort).
--
-- It also draws what it computed (lib/charts.lua), while the unit's tasks
-- are at hand: data "agency_charts" (agency id -> tasks it leads by state).

local charts = require("lib.charts")
local deadlines = require("lib.deadlines")

local API = "api/v1/overdue.json"

site.each_unit(function(unit)
  local rows, tasks = deadlines.compute(unit.id)  -- rows sorted by deadlines.sort
  site.data("overdue", rows)
  -- The open-data fields (schema: docs/schemas/overdue.json).
  local api = {}
  for i, r in ipairs(rows) do
    api[i] = { task = r.task, due = r.due, days_overdue = r.days_overdue, warnings = r.warnings, reasons = r.reasons }
  end
  site.rows(API, api)
  site.data("agency_charts", charts.agencies(unit.id, tasks))
end)
