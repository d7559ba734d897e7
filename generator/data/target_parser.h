// Targets as plans write them: "≥ 80", "$\geq 70\%$", "80–90%", "phần đầu đạt
// trên 3,5%", "Đạt", "≥ 95 đối với ... ≥ 95 đối với ...". Each cell becomes
// zero or more rows of the `target` table; the rules are in docs/data.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace minhbach {

struct ParsedTarget {
  // ">=", "<=", "=", ">", "<", "range", "qualitative".
  std::string comparator;
  std::optional<double> value;     // lower bound of a range; none when qualitative
  std::optional<double> value_hi;  // upper bound of a range
  std::string raw;                 // the cell, or this target's part of it, as written
  std::string qualifier;           // words that narrow the target: "đối với cơ sở giáo dục mầm non"
};

// Parses one target cell. `decreasing` is the indicator's direction: a bare
// number ("100%") means "reach at least" for an increasing indicator and "at
// most" for a decreasing one. Blank and "-" give no rows (no target that
// year); several comparators in one cell give one row each, in order.
std::vector<ParsedTarget> ParseTargetCell(std::string_view cell, bool decreasing = false);

}  // namespace minhbach
