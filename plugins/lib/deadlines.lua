-- lib/deadlines.lua: which tasks are late, behind, or need attention.
--
-- The red warnings follow the province's monitoring rules (seed plan 001,
-- section 2.3): a task is flagged when it is past its deadline, when its
-- completion is under half of the time road-map, and when its evidence was
-- rejected. A rejected completion does not count as done: the task goes back
-- to "chờ hoàn thiện". All as of site.as_of: only reports of cycles published
-- on or before it count (the same rule as for indicator observations).
--
-- Per deadline kind (task.deadline_kind):
-- * date, window, milestones: overdue once the due date (for milestones, the
--   last milestone's) has passed without a completed report (days counted
--   from the due date); behind_schedule while inside [start, due] when
--   percent < 50% of the share of the window elapsed; due_soon when the due
--   date, or the next milestone's, is within 30 days.
-- * yearly: overdue for every past year (from the task's start year, else the
--   plan's year, else the unit's first report cycle) without a completed
--   report in a cycle of that year, days counted from 31/12 of the earliest
--   such year; this year: behind_schedule and due_soon against 31/12.
-- * ongoing: never overdue; no_report when the unit's latest cycle has no
--   report on it.
-- * conditional: awaiting_condition (never overdue) until completed.
-- * evidence_rejected for any kind whose latest report's evidence was rejected.

local IN_UNIT = require("lib.in_unit")
local vi = require("lib.vi")

local M = {}

local DUE_SOON_DAYS = 30
local DONE = "hoàn thành"

M.warning_order = {
  "overdue", "behind_schedule", "evidence_rejected", "due_soon", "no_report", "awaiting_condition",
}

local function year_of(iso) return tonumber(iso:sub(1, 4)) end

local function is_done(report)
  return report ~= nil and report.status == DONE and report.review ~= "rejected"
end

-- The state a task is in for citizens: the latest report's status, with a
-- rejected completion counted as "chờ hoàn thiện".
local function state_of(report)
  if report == nil then return "chưa có báo cáo" end
  if report.review == "rejected" and report.status == DONE then return "chờ hoàn thiện" end
  return report.status
end
M.state_of = state_of

local function percent_of(report)
  if report == nil then return nil end
  if report.percent ~= nil then return report.percent end
  if report.status == "chưa triển khai" then return 0 end
  return nil
end

local function describe_latest(report)
  if report == nil then return "chưa có báo cáo" end
  local s = "báo cáo kỳ " .. report.code .. ": " .. state_of(report)
  if report.percent ~= nil then s = s .. ", " .. vi.number(report.percent, 1) .. "%" end
  return s
end

-- One set query per table for a whole unit (see lib/progress.lua).
local function load(unit)
  local tasks = site.query([[
    SELECT t.id AS task, t.unit_id AS unit, t.plan_id AS plan, t.deadline_kind AS kind,
           t.deadline_raw, t.start, t.due, p.date AS plan_date
      FROM task t JOIN plan p ON p.id = t.plan_id
     WHERE ]] .. IN_UNIT("t.id") .. [[
     ORDER BY t.id]], unit)
  local by_id = {}
  for _, t in ipairs(tasks) do
    t.milestones, t.leads, t.reports = {}, {}, {}
    by_id[t.task] = t
  end
  for _, m in ipairs(site.query([[
      SELECT m.task_id AS task, m.seq, m.start, m.due, m.label
        FROM task_milestone m
       WHERE ]] .. IN_UNIT("m.task_id") .. [[ ORDER BY m.task_id, m.seq]], unit)) do
    local t = by_id[m.task]
    if t then t.milestones[#t.milestones + 1] = m end
  end
  for _, a in ipairs(site.query([[
      SELECT ta.task_id AS task, ta.agency_id AS agency
        FROM task_agency ta
       WHERE ]] .. IN_UNIT("ta.task_id") .. [[ AND ta.role = 'lead'
       ORDER BY ta.task_id, ta.position, ta.agency_id]], unit)) do
    local t = by_id[a.task]
    if t then t.leads[#t.leads + 1] = a.agency end
  end
  for _, r in ipairs(site.query([[
      SELECT r.task_id AS task, r.status, r.percent, r.evidence_review AS review, r.reported_on,
             c.id AS cycle, c.code, c.period_end
        FROM task_report r
        JOIN cycle c ON c.id = r.cycle_id
       WHERE ]] .. IN_UNIT("r.task_id") .. [[ AND c.published <= ?2
       ORDER BY r.task_id, c.period_end, r.reported_on, c.code]], unit, site.as_of)) do
    local t = by_id[r.task]
    if t then t.reports[#t.reports + 1] = r end
  end
  -- The unit's latest cycle(s) published by as_of (several cycles can end on
  -- the same day: 2026-Q3 and 2026-9T) and its first cycle's year.
  local info
  for _, c in ipairs(site.query([[
      SELECT code, period_end FROM cycle
       WHERE unit_id = ? AND published <= ? ORDER BY period_end, code]], unit, site.as_of)) do
    if info == nil then info = { first_year = year_of(c.period_end), latest_end = c.period_end, latest = {} } end
    if c.period_end > info.latest_end then info.latest_end, info.latest = c.period_end, {} end
    info.latest[#info.latest + 1] = c.code
  end
  return tasks, info
end

-- Adds warning `w` with its sentence.
local function warn(row, w, reason)
  row.set[w] = reason
end

local function check_window(row, t, start, due, latest, today)
  if start == nil or due == nil then return end
  local s, d = site.days(start), site.days(due)
  if d <= s or today < s or today > d then return end
  local pct = percent_of(latest)
  if pct == nil then return end
  local share = (today - s) / (d - s) * 100
  if pct < share / 2 then
    warn(row, "behind_schedule", string.format(
      "Chậm tiến độ: đã qua %s%% thời gian thực hiện (%s – %s) nhưng mới hoàn thành %s%%, dưới một nửa lộ trình (%s%%).",
      vi.number(share, 1), vi.date(start), vi.date(due), vi.number(pct, 1), vi.number(share / 2, 1)))
  end
end

local function check_due_soon(row, due, label, today)
  local left = site.days(due) - today
  if left < 0 or left > DUE_SOON_DAYS then return false end
  local when = left == 0 and "đến hạn hôm nay" or ("còn " .. left .. " ngày")
  local what = label and label ~= "" and ("hạn mốc " .. label .. " ") or "hạn "
  warn(row, "due_soon", string.format("Sắp đến hạn: %s (%s%s), chưa hoàn thành.", when, what, vi.date(due)))
  return true
end

local function check_dated(row, t, latest, done, today)
  local due, start = t.due, t.start
  local ms = t.milestones
  -- A task with several milestones is done when its last one is: reports do
  -- not say which phase is complete. (task.due holds the first milestone's
  -- date; each milestone still gets its due_soon warning below.)
  if #ms > 0 then
    due = ms[#ms].due
    start = ms[1].start or start
  end
  if due == nil then return end
  row.due = due
  if done then return end
  local late = today - site.days(due)
  if late > 0 then
    row.days_overdue = late
    warn(row, "overdue", string.format("Quá hạn %d ngày: hạn %s, đến %s chưa hoàn thành (%s).",
      late, vi.date(due), vi.date(site.as_of), describe_latest(latest)))
    return
  end
  check_window(row, t, start, due, latest, today)
  -- The next milestone due (or the final due) within 30 days.
  for _, m in ipairs(ms) do
    if site.days(m.due) >= today then
      if check_due_soon(row, m.due, m.label, today) then row.due = m.due end
      return
    end
  end
  check_due_soon(row, due, nil, today)
end

local function check_yearly(row, t, unit, latest, today)
  local as_of_year = year_of(site.as_of)
  local first = (t.start and year_of(t.start)) or (t.plan_date and year_of(t.plan_date))
    or (unit and unit.first_year)
  local last = t.due and year_of(t.due) or nil
  local done_in, latest_in = {}, {}
  for _, r in ipairs(t.reports) do
    local y = year_of(r.period_end)
    if is_done(r) then done_in[y] = true end
    latest_in[y] = r
  end
  if first ~= nil then
    local missing = {}
    local stop = as_of_year - 1
    if last ~= nil and last < stop then stop = last end
    for y = first, stop do
      if not done_in[y] then missing[#missing + 1] = y end
    end
    if #missing > 0 then
      local due = string.format("%04d-12-31", missing[1])
      row.due = due
      row.days_overdue = today - site.days(due)
      local years = {}
      for i, y in ipairs(missing) do years[i] = tostring(y) end
      warn(row, "overdue", string.format(
        "Chưa có báo cáo hoàn thành cho %s %s: quá hạn %d ngày kể từ %s.",
        #missing > 1 and "các năm" or "năm", table.concat(years, ", "), row.days_overdue, vi.date(due)))
    end
  end
  local this_year = (first == nil or as_of_year >= first) and (last == nil or as_of_year <= last)
  if this_year and not done_in[as_of_year] then
    local year_end = string.format("%04d-12-31", as_of_year)
    row.due = row.due or year_end
    local start = string.format("%04d-01-01", as_of_year)
    if t.start and t.start > start then start = t.start end
    check_window(row, t, start, year_end, latest_in[as_of_year], today)
    check_due_soon(row, year_end, nil, today)
  end
end

-- Most days overdue first (none last), then by task id: the order of the
-- published rows.
function M.sort(rows)
  table.sort(rows, function(a, b)
    local da = a.days_overdue ~= site.null and a.days_overdue or -1
    local db = b.days_overdue ~= site.null and b.days_overdue or -1
    if da ~= db then return da > db end
    return a.task < b.task
  end)
  return rows
end

-- For one unit: the rows published as data "overdue" (sorted by M.sort)
-- and every task with its latest report and state, for the charts.
function M.compute(unit_id)
  local today = site.days(site.as_of)
  local tasks, unit = load(unit_id)
  local rows = {}
  for _, t in ipairs(tasks) do
    local latest = t.reports[#t.reports]
    local done = is_done(latest)
    t.latest, t.state = latest, state_of(latest)
    local row = { set = {} }
    local kind = t.kind
    if kind == "date" or kind == "window" or kind == "milestones" then
      check_dated(row, t, latest, done, today)
    elseif kind == "yearly" then
      check_yearly(row, t, unit, latest, today)
    elseif kind == "ongoing" then
      if unit ~= nil then
        local reported = false
        for _, r in ipairs(t.reports) do
          for _, code in ipairs(unit.latest) do reported = reported or r.code == code end
        end
        if not reported then
          warn(row, "no_report", string.format(
            "Kỳ báo cáo gần nhất (%s) chưa có báo cáo về nhiệm vụ thường xuyên này.", table.concat(unit.latest, ", ")))
        end
      end
    elseif kind == "conditional" and not done then
      warn(row, "awaiting_condition", string.format(
        "Nhiệm vụ thực hiện khi có điều kiện (thời hạn ghi: “%s”): chưa tính quá hạn.", t.deadline_raw))
    end
    if latest ~= nil and latest.review == "rejected" then
      warn(row, "evidence_rejected", string.format(
        "Minh chứng trong báo cáo kỳ %s bị đánh giá không đạt: nhiệm vụ chuyển về trạng thái “chờ hoàn thiện”, chưa được tính là hoàn thành.",
        latest.code))
    end
    t.overdue = row.set.overdue ~= nil
    local warnings, reasons = {}, {}
    for _, w in ipairs(M.warning_order) do
      if row.set[w] then
        warnings[#warnings + 1] = w
        reasons[#reasons + 1] = row.set[w]
      end
    end
    if #warnings > 0 then
      rows[#rows + 1] = {
        task = t.task,
        unit = t.unit,
        plan = t.plan,
        lead_agencies = t.leads,
        kind = kind,
        due = row.due or site.null,
        days_overdue = row.days_overdue or site.null,
        warnings = warnings,
        reasons = reasons,
        state = t.state,
        latest_cycle = latest and latest.cycle or site.null,
        percent = latest and latest.percent or site.null,
      }
    end
  end
  return M.sort(rows), tasks
end

return M
