-- overdue.lua: tasks that are late, behind schedule, or need attention.
--
-- Publishes data "overdue" (one row per task with at least one warning,
-- most days overdue first; fields in docs/architecture.md, plus unit, plan
-- and lead_agencies so that the site can list them per unit, plan and
-- agency) and the open-data file api/v1/overdue.json. The rules are in
-- lib/deadlines.lua and on /phuong-phap/. Only tasks with a warning are kept
-- across units, so memory grows with the warnings, not with the site.

local deadlines = require("lib.deadlines")
local progress = require("lib.progress")

local rows = {}
for _, unit in ipairs(progress.units()) do
  for _, r in ipairs((deadlines.compute(unit.id))) do rows[#rows + 1] = r end
end
deadlines.sort(rows)
site.data("overdue", rows)

-- The open-data file: an array, one object per task with a warning (schema
-- docs/schemas/overdue.json).
local tasks = {}
for i, r in ipairs(rows) do
  tasks[i] = { task = r.task, due = r.due, days_overdue = r.days_overdue, warnings = r.warnings, reasons = r.reasons }
end
site.file("api/v1/overdue.json", site.json(tasks, true))
