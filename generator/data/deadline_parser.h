// Deadlines as plans write them: "Tháng 10/2025", "Quý I/2026", "Giai đoạn
// 2025-2030", "Thường xuyên", "Hằng năm (2025–2045)", "Sau khi thành phố ban
// hành ...", "2025–2030 (5G), 2035–2045 (6G)". The rules are in docs/data.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"

namespace minhbach {

struct DeadlineMilestone {
  std::optional<Date> start;
  Date due;
  std::string label;  // "5G", "thí điểm"
};

struct ParsedDeadline {
  // "date", "window", "milestones", "yearly", "ongoing", "conditional", "none", "unknown".
  std::string kind;
  std::optional<Date> start;
  std::optional<Date> due;
  std::vector<DeadlineMilestone> milestones;  // kind "milestones" only
};

ParsedDeadline ParseDeadline(std::string_view raw);

}  // namespace minhbach
