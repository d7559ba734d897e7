-- charts.lua: the shortcode {{< chart indicator="dai-son/nq11-pl2-22" >}}
-- (or unit=, agency=) that puts a chart into a plan text.
--
-- The charts themselves (lib/charts.lua) are drawn and published by the
-- plug-ins that compute what they show, in the same Lua state, so that no
-- state computes a unit's trajectories and deadlines twice:
--   charts        indicator id -> progress chart      (trajectory.lua)
--   unit_charts   unit id -> indicators by status     (trajectory.lua)
--   agency_charts agency id -> tasks it leads by state (overdue.lua)
-- The host sanitizes every SVG string under those names, and the
-- shortcode's result.

local charts = require("lib.charts")
local progress = require("lib.progress")

-- The chart, computed again for its unit (plan texts use few; the last unit
-- is kept).
local cache = { unit = nil, charts = nil }
local function charts_for(unit_id)
  if cache.unit ~= unit_id then
    local unit = progress.unit(unit_id)
    cache.unit, cache.charts = unit_id, unit and charts.all(unit)
  end
  return cache.charts
end

site.shortcode("chart", function(args, context)
  local key = args.indicator or args.unit or args.agency
  if key == nil then error('chart: give indicator="…", unit="…" or agency="…"') end
  local c = charts_for(key:match("^[^/]+"))
  local svg
  if c ~= nil then
    if args.indicator then svg = c.charts[key]
    elseif args.unit then svg = c.unit
    else svg = c.agencies[key] end
  end
  if svg == nil then
    error(string.format("chart: no chart for '%s' (is the id right, and does it have a numeric target?)", key))
  end
  return '<figure class="mb-figure">' .. svg .. '</figure>'
end)
