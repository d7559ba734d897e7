-- trajectory.lua: is each indicator on its way to its next milestone target?
--
-- Publishes data "trajectory" (one row per indicator with a target, in site
-- and plan order; fields in docs/architecture.md) and the open-data file
-- api/v1/trajectory.json. The method is in lib/progress.lua and, for
-- citizens, on /phuong-phap/. Works per unit (site.each_unit): the build
-- asks for the units it needs, on any thread, and keeps only their rows.
--
-- It also draws what it computed (lib/charts.lua), while the unit's
-- assessments are at hand: data "charts" (indicator id -> progress chart)
-- and "unit_charts" (unit id -> indicators by status).

local charts = require("lib.charts")
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

site.each_unit(function(unit)
  local rows, details = progress.compute(unit.id)
  site.data("trajectory", rows)
  local api = {}
  for i, r in ipairs(rows) do api[i] = api_row(r) end
  -- One array for the site: the build joins the units' elements in site order.
  site.rows(API, api)
  site.data("charts", charts.indicators(rows, details))
  local chart = charts.unit(unit, rows)
  site.data("unit_charts", chart and { [unit.id] = chart } or site.object())
end)
