// Words the site shows for codes in the data: progress statuses, task
// warnings, task report statuses, deadline kinds, report cycles, and the
// Vietnamese formats of values. Every status is shown as a glyph plus a word
// (never colour alone); `tone` picks the colour the theme adds on top:
// "good" (expected to meet), "warn" (developing), "bad" (at risk) and
// "neutral" (cannot assess), as in the province's monitoring.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/value.h"

namespace minhbach::site {

struct Label {
  const char* key;
  const char* word;   // Vietnamese, shown
  const char* glyph;  // decorative, aria-hidden
  const char* tone;   // good | warn | bad | neutral
};

// Trajectory statuses (plug-in `trajectory`), in display order. An
// indicator without a plug-in result gets "none".
const Label& ProgressLabel(std::string_view status);
// All progress keys in display order, "none" last.
const std::vector<const char*>& ProgressOrder();

// Task warnings (plug-in `overdue`), in display order.
const Label& WarningLabel(std::string_view warning);
const std::vector<const char*>& WarningOrder();
// Red warnings put a task on the overdue list: overdue, behind schedule and
// rejected evidence (the province's three red warnings).
bool IsRedWarning(std::string_view warning);

// Task report statuses as stored ("chưa triển khai", …); "" = no report yet.
const Label& TaskStatusLabel(std::string_view status);
const std::vector<const char*>& TaskStatusOrder();

// {word, glyph, tone} for the theme's badge partial.
Value LabelValue(const Label& label);

// "Thường xuyên" etc.: how the generator understood a deadline cell.
std::string DeadlineKindWord(std::string_view kind);
// Evidence review: accepted / rejected / pending → words; "" when none.
std::string ReviewWord(std::string_view review);

// Report cycle names: "Năm 2025", "Quý III/2026", "6 tháng đầu năm 2026",
// "9 tháng đầu năm 2026", "Tháng 3/2026". Unknown shapes fall back to the code.
std::string CycleLabel(std::string_view code, std::string_view kind);

// "2026-03-05" → "05/03/2026"; "" when not an ISO date.
std::string ViDate(std::string_view iso);

// A value with its unit of measure, Vietnamese number format:
// (85, "%") → "85%", (12.5, "% dân số") → "12,5% dân số", (3, "sản phẩm") → "3 sản phẩm".
std::string FormatMeasured(double value, std::string_view measure);
// An annual change with its sign and unit: (2.5, "%") → "+2,5 điểm %/năm".
std::string FormatAnnualChange(double value, std::string_view measure);
// A percentage of completion: 37.5 → "37,5%".
std::string FormatPercent(double value);
// "+3", "−1,5", "0" (a real minus sign, for changes between cycles).
std::string FormatSigned(double value);

}  // namespace minhbach::site
