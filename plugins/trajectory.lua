-- trajectory.lua: is each indicator on its way to its next milestone target?
--
-- Publishes data "trajectory" (one row per indicator with a target, in site
-- and plan order; fields in docs/architecture.md) and the open-data file
-- api/v1/trajectory.json. The method is in lib/progress.lua and, for
-- citizens, on /phuong-phap/. Works one unit at a time, handing each unit's
-- rows to the build before the next, so memory does not grow with the site.

local progress = require("lib.progress")

local API = "api/v1/trajectory.json"

-- The open-data fields (schema: docs/schemas/trajectory.json).
local function api_row(r)
  local milestones = {}
  for k, m in ipairs(r.milestones) do milestones[k] = { year = m.year, raw = m.raw, met = m.met } end
  return {
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

-- The file is one pretty-printed JSON array, written unit by unit: each
-- element is its own pretty JSON indented one level, which gives the same
-- bytes as printing the whole array at once.
site.data("trajectory", {})
site.file(API, "[")
local first = true
for _, unit in ipairs(progress.units()) do
  local rows = progress.compute(unit.id)
  site.data("trajectory", rows)
  local chunk = {}
  for _, r in ipairs(rows) do
    local json = site.json(api_row(r), true):sub(1, -2)
    chunk[#chunk + 1] = (first and "\n  " or ",\n  ") .. (json:gsub("\n", "\n  "))
    first = false
  end
  site.file(API, table.concat(chunk))
end
site.file(API, first and "]\n" or "\n]\n")
