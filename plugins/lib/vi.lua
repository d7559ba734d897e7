-- lib/vi.lua: Vietnamese words and formats shared by the plug-ins.
--
-- Citizens read these strings on the site, so they are Vietnamese; numbers
-- use a decimal comma (site.format_number) and dates dd/mm/yyyy.

local M = {}

-- Indicator statuses, in the order pages and charts list them.
M.status_order = {
  "achieved", "on_track", "accelerate", "limited", "regressing", "insufficient_data", "qualitative",
}

-- The same words as the site's labels (generator/site/labels.cpp).
M.status_label = {
  achieved = "Đã đạt",
  on_track = "Đúng tiến độ",
  accelerate = "Cần tăng tốc",
  limited = "Chậm",
  regressing = "Đi lùi",
  insufficient_data = "Chưa đủ số liệu",
  qualitative = "Định tính",
}

-- The same, as the end of a sentence ("...: cần tăng tốc.").
M.status_phrase = {
  achieved = "đã đạt mục tiêu",
  on_track = "đúng tiến độ",
  accelerate = "cần tăng tốc",
  limited = "chậm, có nguy cơ không đạt",
  regressing = "đi lùi, ngược hướng mục tiêu",
  insufficient_data = "chưa đủ số liệu để đánh giá xu hướng",
  qualitative = "mục tiêu định tính, không tính xu hướng",
}

-- Task states as reported (task_report.status), plus "no report yet".
M.task_state_order = { "hoàn thành", "đang thực hiện", "chưa triển khai", "chờ hoàn thiện", "chưa có báo cáo" }

M.task_state_label = {
  ["hoàn thành"] = "Hoàn thành",
  ["đang thực hiện"] = "Đang thực hiện",
  ["chưa triển khai"] = "Chưa triển khai",
  ["chờ hoàn thiện"] = "Chờ hoàn thiện",
  ["chưa có báo cáo"] = "Chưa có báo cáo",
}

-- "2026-11-23" -> "23/11/2026"
function M.date(iso)
  return iso:sub(9, 10) .. "/" .. iso:sub(6, 7) .. "/" .. iso:sub(1, 4)
end

function M.number(x, decimals)
  return site.format_number(x, decimals or 2)
end

function M.is_percent(measure)
  return measure ~= nil and measure:sub(1, 1) == "%"
end

-- A value with its unit of measure: "66%", "12 doanh nghiệp", "3".
function M.value(x, measure)
  if M.is_percent(measure) then return M.number(x) .. "%" end
  if measure == nil or measure == "" then return M.number(x) end
  return M.number(x) .. " " .. measure
end

-- The unit of a change per year: percentage points for percentages.
function M.change_unit(measure)
  if M.is_percent(measure) then return "điểm" end
  if measure == nil or measure == "" then return "đơn vị" end
  return measure
end

local symbol = { [">="] = "≥ ", [">"] = "> ", ["<="] = "≤ ", ["<"] = "< ", ["="] = "" }

-- A short label for a milestone target: the text as written when it is
-- short ("≥ 85%", "80-90%"), otherwise rebuilt from the parsed target.
function M.target_label(raw, comparator, value, value_hi, measure)
  local n = raw and utf8.len(raw)
  if raw and n and n <= 12 then return raw end
  if comparator == nil or comparator == "qualitative" or value == nil then
    if raw == nil then return "" end
    if n == nil then return raw end
    return raw:sub(1, utf8.offset(raw, 12) - 1) .. "…"
  end
  local pct = M.is_percent(measure) and "%" or ""
  if comparator == "range" then
    return M.number(value) .. "–" .. M.number(value_hi or value) .. pct
  end
  return (symbol[comparator] or "") .. M.number(value) .. pct
end

return M
