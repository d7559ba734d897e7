-- lib/charts.lua: inline SVG charts, no JavaScript.
--
-- Draws the charts of one unit from what lib/progress.lua and
-- lib/deadlines.lua computed for it, so the plug-in that computed them draws
-- them too, in the same Lua state, instead of a third state computing them
-- all again:
--   M.indicators(rows, details) indicator id -> progress chart (observations,
--                               milestone targets, the path required to the
--                               next target, the projection of the trend)
--   M.unit(unit, rows)          bar chart of the unit's indicators by status
--   M.agencies(unit_id, tasks)  agency id -> bar chart of the tasks it leads
--                               by state
--   M.all(unit)                 the three for one unit, computed from scratch
--                               (for the chart shortcode)
-- trajectory.lua publishes the first two as data "charts" and "unit_charts",
-- overdue.lua the last as "agency_charts"; charts.lua has the shortcode. The
-- host sanitizes every SVG string under those names.
--
-- Each chart has role="img", a <title> and a <desc> that states the finding
-- in words; statuses are written out, never shown by colour alone (lines
-- differ by dash pattern, bars carry their label and count). The numbers
-- also appear in a table beside the chart, built by the site templates from
-- the "trajectory" data. Drawn on a 360-unit-wide viewBox: crisp at 360 px.

local progress = require("lib.progress")
local deadlines = require("lib.deadlines")
local vi = require("lib.vi")

local M = {}

local esc = site.escape
local fmt = string.format
local floor = math.floor

local W = 360
local PLOT = { left = 44, right = 344, top = 30, bottom = 164 }

-- One decimal, never "-0.0": coordinates are identical from build to build.
-- string.format("%.1f") costs a C library float conversion per call and a
-- chart has a hundred coordinates, so the tenths are rounded here and each
-- distinct string is kept (they repeat from chart to chart). Where x * 10
-- lies too close to a half for that product's rounding error to be ruled
-- out (exact ties round to even in printf), printf decides.
-- The cache holds the drawing area's coordinates only (0 to 1000 units), so
-- it stays small however many units the state draws.
local tenths = {}  -- integer tenths -> "12.3"; only saves work
local function c(x)
  if x > -1e9 and x < 1e9 then
    local r = x * 10
    local m = floor(r)
    local f = r - m
    if f > 0.500001 then m = m + 1 elseif f >= 0.499999 then m = nil end
    if m ~= nil then
      local s = tenths[m]
      if s ~= nil then return s end
      if m < 0 then return "-" .. (-m) // 10 .. "." .. (-m) % 10 end
      s = m // 10 .. "." .. m % 10
      if m <= 10000 then tenths[m] = s end
      return s
    end
  end
  local s = fmt("%.1f", x)
  if s == "-0.0" then return "0.0" end
  return s
end

local function dom_id(prefix, id)
  return prefix .. "-" .. (id:gsub("[^%w]+", "-"))
end

-- A round step (1, 2, 2.5, 5 x 10^k) giving about `ticks` intervals.
local function nice_step(span, ticks)
  local raw = span / ticks
  local mag = 10 ^ math.floor(math.log(raw, 10))
  for _, m in ipairs({ 1, 2, 2.5, 5, 10 }) do
    if raw <= m * mag * (1 + 1e-9) then return m * mag end
  end
  return 10 * mag
end

local function svg_open(out, id, height, class, title, desc)
  out[#out + 1] = fmt(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="img" aria-labelledby="%s-t %s-d" class="%s">',
    W, height, id, id, class)
  out[#out + 1] = fmt('<title id="%s-t">%s</title><desc id="%s-d">%s</desc>', id, esc(title), id, esc(desc))
end

-- The finding in words, e.g. "Giá trị mới nhất 66% (2026-Q3); mục tiêu 2030:
-- ≥ 85%; cần tăng 4,75 điểm/năm, thực tế 3 điểm/năm: cần tăng tốc."
local function finding(ind, a)
  local parts = {}
  if a.latest then
    parts[#parts + 1] = fmt("Giá trị mới nhất %s (%s)", vi.value(a.latest.value, ind.measure), a.latest.code)
  else
    parts[#parts + 1] = "Chưa có số liệu báo cáo"
  end
  if a.shown then
    local t = a.shown.target or {}
    parts[#parts + 1] = fmt("mục tiêu %d: %s", a.shown.year,
      vi.target_label(a.shown.raw, t.comparator, t.value, t.value_hi, ind.measure))
  end
  if a.required then
    local unit = vi.change_unit(ind.measure)
    local s = fmt("cần %s %s %s/năm", a.required >= 0 and "tăng" or "giảm", vi.number(math.abs(a.required)), unit)
    local obs = a.observed and progress.round(a.observed)
    if obs == nil then
      -- nothing observed to compare with
    elseif obs == 0 then
      s = s .. ", thực tế không đổi"
    elseif (obs > 0) == (a.required > 0) then
      s = s .. fmt(", thực tế %s %s/năm", vi.number(math.abs(obs)), unit)
    else
      s = s .. fmt(", thực tế %s %s %s/năm", obs > 0 and "tăng" or "giảm", vi.number(math.abs(obs)), unit)
    end
    parts[#parts + 1] = s
  end
  return table.concat(parts, "; ") .. ": " .. vi.status_phrase[a.status] .. "."
end

-- Horizontal grid lines with their values, from ymin to ymax.
local function y_grid(ymin, ymax, ystep, Y)
  local out = {}
  local v = ymin
  while v <= ymax + ystep * 1e-6 do
    out[#out + 1] = fmt('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#d0d0d0" stroke-width="1"/>',
      c(PLOT.left), c(Y(v)), c(PLOT.right), c(Y(v)))
    out[#out + 1] = fmt('<text x="%s" y="%s" text-anchor="end">%s</text>', c(PLOT.left - 4), c(Y(v) + 3),
      esc(vi.number(v)))
    v = v + ystep
  end
  return table.concat(out)
end

-- A tick at the end of each year (every 2 or 5 on long spans), labelled.
local function x_ticks(x0, x1, X)
  local out = {}
  local span = x1 - x0
  local step = span <= 8 and 1 or (span <= 16 and 2 or 5)
  for k = x0, x1 do
    if (k - x0) % step == 0 then
      out[#out + 1] = fmt('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#808080" stroke-width="1"/>',
        c(X(k)), c(PLOT.bottom), c(X(k)), c(PLOT.bottom + 4))
      out[#out + 1] = fmt('<text x="%s" y="%s" text-anchor="middle">%d</text>', c(X(k)), c(PLOT.bottom + 15), k - 1)
    end
  end
  return table.concat(out)
end

local X_AXIS = fmt('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#808080" stroke-width="1"/>',
  c(PLOT.left), c(PLOT.bottom), c(PLOT.right), c(PLOT.bottom))

-- Legend: line patterns and marker named in words.
local LEGEND
do
  local ly = PLOT.bottom + 34
  LEGEND = fmt('<g class="mb-legend" font-size="10">'
    .. '<line x1="8" y1="%d" x2="30" y2="%d" stroke="#1f4e79" stroke-width="2"/><text x="34" y="%d">Số liệu báo cáo</text>'
    .. '<path d="M193 %dL198 %dL193 %dL188 %dZ" fill="#ffffff" stroke="#8a1c1c" stroke-width="1.5"/><text x="204" y="%d">Mục tiêu (mốc cuối năm)</text>'
    .. '<line x1="8" y1="%d" x2="30" y2="%d" stroke="#b35c00" stroke-width="2" stroke-dasharray="6 4"/><text x="34" y="%d">Lộ trình cần đạt</text>'
    .. '<line x1="184" y1="%d" x2="202" y2="%d" stroke="#505050" stroke-width="2" stroke-dasharray="2 3"/><text x="206" y="%d">Xu hướng hiện tại</text>'
    .. '</g>',
    ly, ly, ly + 3, ly - 5, ly, ly + 5, ly, ly + 3, ly + 16, ly + 16, ly + 19, ly + 16, ly + 16, ly + 19)
end

-- The axes are the same for every percentage chart (0-100) and for every
-- chart spanning the same years, so each is built once per state; the
-- caches stay small (one grid; one entry per span of years).
local percent_grid
local x_axes = {}  -- x0 -> x1 -> ticks

local function indicator_chart(ind, a)
  local series = ind.series
  local shown_year = a.shown and a.shown.year
  local marks = {}
  for _, ms in ipairs(ind.milestones) do
    if ms.target and (shown_year == nil or ms.year <= shown_year) then marks[#marks + 1] = ms end
  end
  if #series == 0 and #marks == 0 then return nil end

  -- x: fractional years; a tick at the end of each year, labelled with it.
  local tmin, tmax = math.huge, -math.huge
  local function extend(t)
    if t < tmin then tmin = t end
    if t > tmax then tmax = t end
  end
  for _, o in ipairs(series) do extend(o.t) end
  for _, ms in ipairs(marks) do extend(ms.year + 1) end
  local x0, x1 = math.floor(tmin - 1e-9), math.ceil(tmax - 1e-9)
  if x1 - x0 < 2 then x1 = x0 + 2 end
  -- The same operations as PLOT.left + (t - x0) / (x1 - x0) * (PLOT.right -
  -- PLOT.left), with the constant parts looked up once per chart.
  local left, x_span, x_width = PLOT.left, x1 - x0, PLOT.right - PLOT.left
  local function X(t) return left + (t - x0) / x_span * x_width end

  -- y: 0-100 for percentages, otherwise a rounded range over the data.
  local dir = ind.direction
  local values = {}
  for _, o in ipairs(series) do values[#values + 1] = o.value end
  for _, ms in ipairs(marks) do values[#values + 1] = progress.threshold(ms.target, dir) end
  local vmin, vmax = 0, 0
  for _, v in ipairs(values) do
    if v < vmin then vmin = v end
    if v > vmax then vmax = v end
  end
  local ymin, ymax, ystep
  local percent = vi.is_percent(ind.measure) and vmin >= 0 and vmax <= 100
  if percent then
    ymin, ymax, ystep = 0, 100, 20
  else
    if vmax == vmin then vmax = vmin + 1 end
    ystep = nice_step(vmax - vmin, 4)
    ymin = math.floor(vmin / ystep + 1e-9) * ystep
    ymax = math.ceil(vmax / ystep - 1e-9) * ystep
    if ymax <= ymin then ymax = ymin + ystep end
  end
  local bottom, y_span, y_height = PLOT.bottom, ymax - ymin, PLOT.bottom - PLOT.top
  local function Y(v) return bottom - (v - ymin) / y_span * y_height end
  -- A segment from (t0, v0) cut where it leaves the y range.
  local function clip(t0, v0, t1, v1)
    if v1 > ymax and v1 ~= v0 then t1, v1 = t0 + (t1 - t0) * (ymax - v0) / (v1 - v0), ymax end
    if v1 < ymin and v1 ~= v0 then t1, v1 = t0 + (t1 - t0) * (ymin - v0) / (v1 - v0), ymin end
    return t1, v1
  end

  local id = dom_id("mb-chi-tieu", ind.id)
  local height = 226
  local out = {}
  svg_open(out, id, height, "mb-chart mb-chart-indicator mb-status-" .. a.status,
    ind.name, finding(ind, a))
  out[#out + 1] = fmt('<text x="8" y="14" font-size="10" class="mb-measure">%s</text>',
    esc(ind.measure ~= "" and ("Đơn vị: " .. ind.measure) or ""))
  out[#out + 1] = fmt('<text x="%d" y="14" font-size="11" font-weight="bold" text-anchor="end" class="mb-status-label">%s</text>',
    W - 8, esc("Trạng thái: " .. vi.status_label[a.status]))

  -- Axes and grid.
  out[#out + 1] = '<g class="mb-axis" font-size="10">'
  if percent then
    percent_grid = percent_grid or y_grid(ymin, ymax, ystep, Y)
    out[#out + 1] = percent_grid
  else
    out[#out + 1] = y_grid(ymin, ymax, ystep, Y)
  end
  local ticks = x_axes[x0] and x_axes[x0][x1]
  if ticks == nil then
    ticks = x_ticks(x0, x1, X)
    x_axes[x0] = x_axes[x0] or {}
    x_axes[x0][x1] = ticks
  end
  out[#out + 1] = ticks
  out[#out + 1] = X_AXIS
  out[#out + 1] = '</g>'

  -- Milestone targets: diamonds labelled as written.
  out[#out + 1] = '<g class="mb-targets" font-size="10">'
  for _, ms in ipairs(marks) do
    local thr = progress.threshold(ms.target, dir)
    local x, y = X(ms.year + 1), Y(math.max(ymin, math.min(ymax, thr)))
    local label = vi.target_label(ms.raw, ms.target.comparator, ms.target.value, ms.target.value_hi, ind.measure)
    local state = ms.met == true and " (đã đạt)" or (ms.met == false and " (chưa đạt)" or "")
    out[#out + 1] = fmt('<path d="M%s %sL%s %sL%s %sL%s %sZ" fill="%s" stroke="#8a1c1c" stroke-width="1.5"><title>%s</title></path>',
      c(x), c(y - 5), c(x + 5), c(y), c(x), c(y + 5), c(x - 5), c(y), ms.met == true and "#8a1c1c" or "#ffffff",
      esc(fmt("Mục tiêu %d: %s%s", ms.year, ms.raw, state)))
    -- Keep the label inside the 360-unit box: right-align it at the right
    -- edge, left-align it at the left one.
    local anchor, lx = "middle", x
    if x > W - 36 then anchor, lx = "end", x + 6 elseif x < PLOT.left + 24 then anchor, lx = "start", x - 6 end
    out[#out + 1] = fmt('<text x="%s" y="%s" text-anchor="%s">%s</text>', c(lx), c(y - 8), anchor, esc(label))
  end
  out[#out + 1] = '</g>'

  -- Required path (dashed) and projection (dotted), from the latest value to
  -- the end of the next milestone's year.
  if a.latest and a.next and a.required then
    local t1 = a.next.year + 1
    local tr, vr = clip(a.latest.t, a.latest.value, t1, progress.threshold(a.next.target, dir))
    out[#out + 1] = fmt('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#b35c00" stroke-width="2" stroke-dasharray="6 4" class="mb-required"/>',
      c(X(a.latest.t)), c(Y(a.latest.value)), c(X(tr)), c(Y(vr)))
    if a.projected then
      local tp, vp = clip(a.latest.t, a.latest.value, t1, a.projected)
      out[#out + 1] = fmt('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#505050" stroke-width="2" stroke-dasharray="2 3" class="mb-projection"/>',
        c(X(a.latest.t)), c(Y(a.latest.value)), c(X(tp)), c(Y(vp)))
    end
  end

  -- Observations: line and points.
  if #series > 0 then
    out[#out + 1] = '<g class="mb-observed">'
    if #series > 1 then
      local pts = {}
      for i, o in ipairs(series) do pts[i] = c(X(o.t)) .. "," .. c(Y(o.value)) end
      out[#out + 1] = fmt('<polyline points="%s" fill="none" stroke="#1f4e79" stroke-width="2"/>', table.concat(pts, " "))
    end
    for _, o in ipairs(series) do
      out[#out + 1] = fmt('<circle cx="%s" cy="%s" r="3" fill="#1f4e79"><title>%s</title></circle>',
        c(X(o.t)), c(Y(o.value)), esc(o.code .. ": " .. vi.value(o.value, ind.measure)))
    end
    out[#out + 1] = '</g>'
  end

  out[#out + 1] = LEGEND
  out[#out + 1] = '</svg>'
  return table.concat(out)
end

-- Horizontal bars, each with its label and count written out.
local function bar_chart(id, class, title, desc, heading, bars, footer)
  local row_h, top = 24, 30
  local height = top + #bars * row_h + (footer and 22 or 6)
  local max = 1
  for _, b in ipairs(bars) do if b.count > max then max = b.count end end
  local out = {}
  svg_open(out, id, height, class, title, desc)
  out[#out + 1] = fmt('<text x="8" y="18" font-size="12" font-weight="bold">%s</text>', esc(heading))
  for i, b in ipairs(bars) do
    local y = top + (i - 1) * row_h
    local w = b.count / max * 150
    out[#out + 1] = fmt('<g class="mb-bar %s" font-size="11"><text x="8" y="%d">%s</text>', b.class, y + 15, esc(b.label))
    out[#out + 1] = fmt('<rect x="150" y="%d" width="%s" height="16" fill="%s"/>', y + 3, c(w), b.fill)
    out[#out + 1] = fmt('<text x="%s" y="%d">%d</text></g>', c(150 + w + 6), y + 15, b.count)
  end
  if footer then
    out[#out + 1] = fmt('<text x="8" y="%d" font-size="11" class="mb-footer">%s</text>', top + #bars * row_h + 14, esc(footer))
  end
  out[#out + 1] = '</svg>'
  return table.concat(out)
end

-- Fills distinguish statuses for sighted readers; the words carry them.
local STATUS_FILL = {
  achieved = "#1b6e3a", on_track = "#3f8f4f", accelerate = "#c98a00", limited = "#d0571b",
  regressing = "#a61b1b", insufficient_data = "#8c8c8c", qualitative = "#6b6b9a",
}
local STATE_CLASS = {
  ["hoàn thành"] = "done", ["đang thực hiện"] = "in-progress", ["chưa triển khai"] = "not-started",
  ["chờ hoàn thiện"] = "needs-completion", ["chưa có báo cáo"] = "no-report",
}
local STATE_FILL = {
  ["hoàn thành"] = "#1b6e3a", ["đang thực hiện"] = "#2f6690", ["chưa triển khai"] = "#8c8c8c",
  ["chờ hoàn thiện"] = "#c98a00", ["chưa có báo cáo"] = "#b0b0b0",
}

local function unit_chart(unit, rows)
  local counts, total = {}, 0
  for _, r in ipairs(rows) do
    counts[r.status] = (counts[r.status] or 0) + 1
    total = total + 1
  end
  local bars, words = {}, {}
  for _, s in ipairs(vi.status_order) do
    local n = counts[s] or 0
    bars[#bars + 1] = { label = vi.status_label[s], count = n, class = "mb-status-" .. s, fill = STATUS_FILL[s] }
    if n > 0 then words[#words + 1] = fmt("%d %s", n, vi.status_phrase[s]) end
  end
  local name = unit.kind .. " " .. unit.name
  local desc = fmt("%s có %d chỉ tiêu có mục tiêu: %s.", name:sub(1, 1):upper() .. name:sub(2), total,
    table.concat(words, "; "))
  return bar_chart(dom_id("mb-don-vi", unit.id), "mb-chart mb-chart-unit",
    "Chỉ tiêu của " .. name .. " theo trạng thái", desc,
    fmt("Chỉ tiêu theo trạng thái (%d chỉ tiêu)", total), bars)
end

local function agency_chart(agency, tasks)
  local counts, overdue = {}, 0
  for _, t in ipairs(tasks) do
    counts[t.state] = (counts[t.state] or 0) + 1
    if t.overdue then overdue = overdue + 1 end
  end
  local bars, words = {}, {}
  for _, s in ipairs(vi.task_state_order) do
    local n = counts[s] or 0
    bars[#bars + 1] = { label = vi.task_state_label[s], count = n, class = "mb-state-" .. STATE_CLASS[s],
                        fill = STATE_FILL[s] }
    if n > 0 then words[#words + 1] = fmt("%d %s", n, s) end
  end
  local footer = fmt("Trong đó quá hạn: %d nhiệm vụ", overdue)
  local desc = fmt("%s chủ trì %d nhiệm vụ: %s; %d nhiệm vụ quá hạn.", agency.name, #tasks,
    table.concat(words, "; "), overdue)
  return bar_chart(dom_id("mb-co-quan", agency.id), "mb-chart mb-chart-agency",
    "Nhiệm vụ do " .. agency.name .. " chủ trì, theo tình trạng", desc,
    fmt("Nhiệm vụ chủ trì theo tình trạng (%d nhiệm vụ)", #tasks), bars, footer)
end

-- Indicator id -> chart, for every indicator with a numeric target.
function M.indicators(rows, details)
  local out = site.object()
  for _, r in ipairs(rows) do
    if r.status ~= "qualitative" then
      local d = details[r.indicator]
      out[r.indicator] = indicator_chart(d.indicator, d.assessment)
    end
  end
  return out
end

-- The unit's chart, or nil when it has no indicator with a target.
function M.unit(unit, rows)
  if #rows == 0 then return nil end
  return unit_chart(unit, rows)
end

-- Agency id -> chart, for every agency of the unit that leads a task.
function M.agencies(unit_id, tasks)
  local by_agency = {}
  for _, t in ipairs(tasks) do
    for _, a in ipairs(t.leads) do
      by_agency[a] = by_agency[a] or {}
      table.insert(by_agency[a], t)
    end
  end
  local out = site.object()
  for _, a in ipairs(site.query("SELECT id, name FROM agency WHERE unit_id = ? ORDER BY id", unit_id)) do
    if by_agency[a.id] then out[a.id] = agency_chart(a, by_agency[a.id]) end
  end
  return out
end

-- Everything for one unit, computed here: { charts =, unit =, agencies = }.
function M.all(unit)
  local rows, details = progress.compute(unit.id)
  local _, tasks = deadlines.compute(unit.id)
  return { charts = M.indicators(rows, details), unit = M.unit(unit, rows), agencies = M.agencies(unit.id, tasks) }
end

return M
