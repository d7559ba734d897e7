-- trajectory.lua: is each indicator on its way to its next milestone target?
--
-- Publishes data "trajectory" (one row per indicator with a target; fields in
-- docs/architecture.md) and the open-data file api/v1/trajectory.json. The
-- method is in lib/progress.lua and, for citizens, on /phuong-phap/.

local progress = require("lib.progress")

local rows = progress.compute()
site.data("trajectory", rows)

-- The open-data file: an array, one object per indicator (schema in
-- docs/schemas/trajectory.json, published by the site stage).
local indicators = {}
for i, r in ipairs(rows) do
  local milestones = {}
  for k, m in ipairs(r.milestones) do milestones[k] = { year = m.year, raw = m.raw, met = m.met } end
  indicators[i] = {
    indicator = r.indicator,
    next_milestone = r.next_milestone,
    target_raw = r.target_raw,
    latest = r.latest == site.null and site.null or { value = r.latest.value, cycle = r.latest.cycle },
    required_annual_change = r.required_annual_change,
    observed_annual_change = r.observed_annual_change,
    projected = r.projected,
    ratio = r.ratio,
    status = r.status,
    milestones = milestones,
  }
end

site.file("api/v1/trajectory.json", site.json(indicators, true))
