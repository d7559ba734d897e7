-- lib/progress.lua: how far each indicator is from its milestone targets.
--
-- The method (content/trang/phuong-phap.md explains it to citizens):
--
-- * Every target year is a milestone. Passed milestones (year < the build
--   year) are marked met / not met from the observation at or nearest before
--   31/12 of that year. Among the milestones of this year and later, the
--   first one the latest value does not yet satisfy drives the status; when
--   the latest value satisfies them all, the indicator has achieved.
-- * Time is in fractional years, an observation sitting at its cycle's
--   period_end (year + day_of_year / days_in_year, so 31/12/2026 is 2027.0)
--   and a milestone at the end of its year.
-- * required = (target - latest) / years left; observed = least-squares slope
--   over the observations of the five years up to the latest one;
--   projected = latest + observed * years left; R = observed / required.
-- * achieved: the latest value satisfies the target; on_track R >= 0.95;
--   accelerate 0.6 <= R < 0.95; limited 0 <= R < 0.6; regressing R < 0;
--   insufficient_data: fewer than two observations in the window (or none);
--   qualitative: no numeric target at all.
-- * A range target counts from its weaker bound (the lower bound, or the upper
--   one for an indicator that must decrease); ">" and "<" are strict; "=" is
--   reached from the indicator's direction.
--
-- Only observations of cycles published on or before site.as_of count, so a
-- build with an earlier --as-of sees what was known then.

local IN_UNIT = require("lib.in_unit")

local M = {}

local WINDOW_YEARS = 5

-- Half away from zero, to `places` decimals: published numbers carry no
-- floating-point noise (2.9999999999 -> 3), and statuses are decided on the
-- same rounded ratio that is published.
local function round(x, places)
  if x == nil then return nil end
  local m = 10 ^ (places or 6)
  if x >= 0 then return math.floor(x * m + 0.5) / m end
  return -math.floor(-x * m + 0.5) / m
end
M.round = round

-- Date::FractionalYear: the end of the given day, as a year with fraction.
local function fractional_year(iso)
  local y = tonumber(iso:sub(1, 4))
  local start = site.days(string.format("%04d-01-01", y))
  local length = site.days(string.format("%04d-01-01", y + 1)) - start
  return y + (site.days(iso) - start + 1) / length
end
M.fractional_year = fractional_year

-- The value a target is measured against.
local function threshold(target, direction)
  if target.comparator == "range" and direction == "decrease" then
    return target.value_hi or target.value
  end
  return target.value
end
M.threshold = threshold

local function satisfies(v, target, direction)
  local c, x = target.comparator, threshold(target, direction)
  if c == ">=" then return v >= x end
  if c == ">" then return v > x end
  if c == "<=" then return v <= x end
  if c == "<" then return v < x end
  -- "range" and "=": reached from the side the indicator moves towards.
  if direction == "decrease" then return v <= x end
  return v >= x
end
M.satisfies = satisfies

-- +1 when the target lies upwards, -1 when downwards.
local function needed_sign(target, direction)
  local c = target.comparator
  if c == ">=" or c == ">" then return 1 end
  if c == "<=" or c == "<" then return -1 end
  return direction == "decrease" and -1 or 1
end

-- Least-squares slope of value over time; nil with fewer than two distinct
-- times.
local function slope(points)
  local n = #points
  if n < 2 then return nil end
  local st, sv = 0, 0
  for _, p in ipairs(points) do st, sv = st + p.t, sv + p.value end
  local mt, mv = st / n, sv / n
  local sxx, sxy = 0, 0
  for _, p in ipairs(points) do
    local dt = p.t - mt
    sxx = sxx + dt * dt
    sxy = sxy + dt * (p.value - mv)
  end
  if sxx < 1e-12 then return nil end
  return sxy / sxx
end

local function status_from_ratio(r)
  if r >= 0.95 then return "on_track" end
  if r >= 0.6 then return "accelerate" end
  if r >= 0 then return "limited" end
  return "regressing"
end

-- Status when the target cannot be reached in time any more (its deadline
-- has passed, or no time is left): the required change is unbounded, so R
-- tends to 0 from the side the indicator moves to.
local function status_without_time(observed, sign)
  if observed * sign < 0 then return "regressing" end
  return "limited"
end

-- One set query per table for a whole unit: a site can hold thousands of
-- units, and one unit at a time keeps the plug-in's memory small.
local function load_indicators(unit)
  local rows = site.query([[
    SELECT i.id AS indicator, i.unit_id AS unit, i.plan_id AS plan, i.name, i.measure, i.direction,
           t.year, t.seq, t.comparator, t.value, t.value_hi, t.raw
      FROM target t
      JOIN indicator i ON i.id = t.indicator_id
      JOIN plan p ON p.id = i.plan_id
     WHERE i.unit_id = ?
     ORDER BY p.position, i.position, i.id, t.year, t.seq]], unit)
  local list, by_id = {}, {}
  for _, r in ipairs(rows) do
    local ind = by_id[r.indicator]
    if ind == nil then
      ind = { id = r.indicator, unit = r.unit, plan = r.plan, name = r.name, measure = r.measure,
              direction = r.direction, milestones = {}, series = {} }
      by_id[r.indicator] = ind
      list[#list + 1] = ind
    end
    local ms = ind.milestones[#ind.milestones]
    if ms == nil or ms.year ~= r.year then
      ms = { year = r.year, raws = {} }
      ind.milestones[#ind.milestones + 1] = ms
    end
    -- Several targets in one cell (seq 0, 1, ...: one per sub-group): the one
    -- series of observations is compared with the first numeric one.
    if ms.target == nil and r.comparator ~= "qualitative" and r.value ~= nil then
      ms.target = { comparator = r.comparator, value = r.value, value_hi = r.value_hi }
    end
    if ms.raws[#ms.raws] ~= r.raw then ms.raws[#ms.raws + 1] = r.raw end
  end
  for _, ind in ipairs(list) do
    for _, ms in ipairs(ind.milestones) do ms.raw = table.concat(ms.raws, "; ") end
  end
  return list, by_id
end

local function load_observations(by_id, unit)
  local rows = site.query([[
    SELECT o.indicator_id AS indicator, o.value, c.id AS cycle, c.code, c.period_end
      FROM observation o
      JOIN cycle c ON c.id = o.cycle_id
     WHERE ]] .. IN_UNIT("o.indicator_id") .. [[ AND c.published <= ?2
     ORDER BY o.indicator_id, c.period_end, c.published, c.code]], unit, site.as_of)
  for _, r in ipairs(rows) do
    local ind = by_id[r.indicator]
    if ind ~= nil then
      ind.series[#ind.series + 1] = {
        value = r.value, cycle = r.cycle, code = r.code, period_end = r.period_end,
        t = fractional_year(r.period_end),
      }
    end
  end
end

-- The observation at or nearest before the end of `year`.
local function observation_by_end_of(series, year)
  local cutoff = string.format("%04d-12-31", year)
  local found
  for _, o in ipairs(series) do
    if o.period_end <= cutoff then found = o else break end
  end
  return found
end

local function assess(ind, as_of_year)
  local dir = ind.direction
  local series = ind.series
  local latest = series[#series]
  local numeric, upcoming = {}, {}
  for _, ms in ipairs(ind.milestones) do
    if ms.target then
      numeric[#numeric + 1] = ms
      if ms.year >= as_of_year then upcoming[#upcoming + 1] = ms end
    end
    if ms.target and ms.year < as_of_year then
      local o = observation_by_end_of(series, ms.year)
      if o ~= nil then ms.met = satisfies(o.value, ms.target, dir) end
    end
  end

  local a = { latest = latest, points = 0 }
  if latest ~= nil then
    local window = {}
    for _, o in ipairs(series) do
      if o.t >= latest.t - WINDOW_YEARS - 1e-9 then window[#window + 1] = o end
    end
    a.points = #window
    a.observed = slope(window)
  end

  if #numeric == 0 then
    a.status = "qualitative"
    a.next = nil
    for _, ms in ipairs(ind.milestones) do
      if ms.year >= as_of_year then a.next = ms break end
    end
    a.shown = a.next or ind.milestones[#ind.milestones]
    return a
  end

  if latest == nil then
    a.status = "insufficient_data"
    a.next = upcoming[1]
    a.shown = a.next or numeric[#numeric]
    return a
  end

  local next_ms
  for _, ms in ipairs(upcoming) do
    if not satisfies(latest.value, ms.target, dir) then next_ms = ms break end
  end

  if next_ms == nil then
    if #upcoming > 0 then
      -- The latest value already meets every remaining milestone; show the
      -- furthest one reached.
      a.status = "achieved"
      a.next = upcoming[#upcoming]
      a.shown = a.next
      return a
    end
    local last = numeric[#numeric]
    a.shown = last
    if satisfies(latest.value, last.target, dir) then
      a.status = "achieved"
      return a
    end
    -- Every milestone has passed and the last one is not met.
    a.status = a.observed == nil and "insufficient_data"
      or status_without_time(a.observed, needed_sign(last.target, dir))
    return a
  end

  a.next = next_ms
  a.shown = next_ms
  local target_value = threshold(next_ms.target, dir)
  local years_left = (next_ms.year + 1) - latest.t
  a.years_left = years_left
  local sign = needed_sign(next_ms.target, dir)
  if years_left <= 1e-9 then
    a.status = a.observed == nil and "insufficient_data" or status_without_time(a.observed, sign)
    return a
  end
  a.required = (target_value - latest.value) / years_left
  if a.observed == nil then
    a.status = "insufficient_data"
    return a
  end
  a.projected = latest.value + a.observed * years_left
  if math.abs(a.required) < 1e-12 then
    -- Only a strict comparator standing exactly on its bound gets here.
    if a.observed * sign > 0 then a.status = "on_track" else a.status = status_without_time(a.observed, sign) end
    return a
  end
  a.ratio = round(a.observed / a.required)
  a.status = status_from_ratio(a.ratio)
  return a
end

local null = site.null

local function or_null(x)
  if x == nil then return null end
  return x
end

-- The units, in site order.
-- The unit `id` as {id, name, kind} (what site.each_unit gives), or nil.
function M.unit(id)
  return site.query("SELECT id, name, kind FROM unit WHERE id = ?", id)[1]
end

-- For one unit: the rows published as data "trajectory" (see
-- docs/architecture.md), in plan order, and, for the charts, a table
-- indicator id -> { indicator, assessment }.
function M.compute(unit)
  local as_of_year = tonumber(site.as_of:sub(1, 4))
  local list, by_id = load_indicators(unit)
  load_observations(by_id, unit)
  local rows, details = {}, {}
  for _, ind in ipairs(list) do
    local a = assess(ind, as_of_year)
    local milestones = {}
    for i, ms in ipairs(ind.milestones) do
      milestones[i] = {
        year = ms.year,
        raw = ms.raw,
        met = or_null(ms.met),
        comparator = ms.target and ms.target.comparator or "qualitative",
        value = or_null(ms.target and threshold(ms.target, ind.direction)),
      }
    end
    local observations = {}
    for i, o in ipairs(ind.series) do
      observations[i] = { cycle = o.cycle, code = o.code, period_end = o.period_end, value = o.value }
    end
    local latest = null
    if a.latest then
      latest = { value = a.latest.value, cycle = a.latest.cycle, code = a.latest.code,
                 period_end = a.latest.period_end }
    end
    rows[#rows + 1] = {
      indicator = ind.id,
      unit = ind.unit,
      plan = ind.plan,
      measure = ind.measure,
      direction = ind.direction,
      next_milestone = or_null(a.next and a.next.year),
      target_raw = or_null(a.shown and a.shown.raw),
      latest = latest,
      required_annual_change = or_null(round(a.required)),
      observed_annual_change = or_null(round(a.observed)),
      projected = or_null(round(a.projected)),
      ratio = or_null(a.ratio),
      years_left = or_null(round(a.years_left)),
      points = a.points,
      status = a.status,
      milestones = milestones,
      observations = observations,
    }
    details[ind.id] = { indicator = ind, assessment = a }
  end
  return rows, details
end

return M
