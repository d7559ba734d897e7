-- overdue.lua: tasks that are late, behind schedule, or need attention.
--
-- Publishes data "overdue" (one row per task with at least one warning;
-- fields in docs/architecture.md, plus unit, plan and lead_agencies so that
-- the site can list them per unit, plan and agency) and the open-data file
-- api/v1/overdue.json. The rules are in lib/deadlines.lua and on
-- /phuong-phap/.

local deadlines = require("lib.deadlines")

local rows = deadlines.compute()
site.data("overdue", rows)

-- The open-data file: an array, one object per task with a warning (schema
-- in docs/schemas/overdue.json, published by the site stage).
local tasks = {}
for i, r in ipairs(rows) do
  tasks[i] = { task = r.task, due = r.due, days_overdue = r.days_overdue, warnings = r.warnings, reasons = r.reasons }
end

site.file("api/v1/overdue.json", site.json(tasks, true))
