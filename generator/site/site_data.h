// SiteData: the database and the plug-ins' results, read once into memory.
//
// A site can hold thousands of communes and hundreds of thousands of pages,
// so the data pages never query per page: Load() runs one ordered query per
// table and links the rows by index. Everything is sorted explicitly (by the
// plan's order, then by id) so that page output is deterministic.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "base/value.h"
#include "site/site_context.h"

namespace minhbach::site {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

struct Cycle {
  std::string id, unit_id, code, kind, period_start, period_end, published, source_file;
  bool illustrative = false;
  std::string label;  // "Quý III/2026"
};

struct Target {
  int year = 0;
  int seq = 0;
  std::string comparator, raw, qualifier;
  std::optional<double> value, value_hi;
};

struct Observation {
  std::size_t cycle = kNone;  // index into SiteData::cycles
  double value = 0;
  std::string note, source;
  int source_line = 0;
};

struct AgencyRole {
  std::size_t agency = kNone;  // index into SiteData::agencies
  bool lead = false;
  int position = 0;
};

// The plug-in `trajectory` result of one indicator (docs/architecture.md).
struct Trajectory {
  std::optional<int> next_milestone;
  std::string target_raw;
  std::optional<double> latest_value;
  std::string latest_cycle;  // cycle id
  std::optional<double> required_annual_change, observed_annual_change, projected, ratio;
  std::string status;
  struct Milestone {
    int year = 0;
    std::string raw;
    std::optional<bool> met;
  };
  std::vector<Milestone> milestones;
};

struct Indicator {
  std::string id, unit_id, plan_id, slug, table_key, table_title, code, group_path, name, measure, direction;
  std::string lead_raw, partners_raw, output, source_file;
  int source_line = 0;
  int position = 0;
  std::vector<Target> targets;            // by year, then seq
  std::vector<Observation> observations;  // oldest cycle first
  std::vector<AgencyRole> agencies;       // leads first, each by position
  std::optional<Trajectory> trajectory;
  const std::string* chart_svg = nullptr;  // plug-in `charts`, sanitized by the host
  bool illustrative = false;               // some observation is from an illustrative cycle
  // Every target is qualitative: a reported 1 means "đạt", 0 "chưa đạt"
  // (docs/data.md, report CSV).
  bool qualitative = false;

  // A reported value as citizens read it: "85%", "12 doanh nghiệp", "Đạt".
  std::string FormatValue(double value) const;
  const Observation* Latest() const { return observations.empty() ? nullptr : &observations.back(); }
  // The trajectory status, or "none" without a plug-in result.
  const std::string& Status() const;
};

struct Milestone {
  std::string start, due, label;
};

struct Report {
  std::size_t cycle = kNone;
  std::string status, evidence_url, evidence_review, reported_on, note;
  std::optional<double> percent;
  int source_line = 0;
};

// The plug-in `overdue` result of one task.
struct Warnings {
  std::string due;  // ISO or ""
  std::optional<long> days_overdue;
  std::vector<std::string> keys;     // "overdue", …
  std::vector<std::string> reasons;  // one sentence per key (may be shorter)
};

struct Task {
  std::string id, unit_id, plan_id, slug, table_key, table_title, section, section_title, number, title;
  std::string lead_raw, partners_raw, output, deadline_raw, deadline_kind, start, due, note, source_file;
  int source_line = 0;
  int position = 0;
  std::vector<Milestone> milestones;
  std::vector<Report> reports;       // oldest cycle first
  std::vector<AgencyRole> agencies;  // leads first, each by position
  Warnings warnings;                 // empty without a plug-in result
  bool illustrative = false;         // some report is from an illustrative cycle

  const Report* Latest() const { return reports.empty() ? nullptr : &reports.back(); }
  const std::string& Status() const;  // latest report's status, "" when none
  bool HasWarning(std::string_view key) const;
  bool HasRedWarning() const;
};

struct Agency {
  std::string id, unit_id, slug, name;
  std::vector<std::string> variants;  // other spellings met in the plans, sorted
  const std::string* chart_svg = nullptr;
  // (task or indicator index, role) in plan order.
  std::vector<std::size_t> lead_tasks, partner_tasks, lead_indicators, partner_indicators;
};

struct Unit {
  const UnitConfig* config = nullptr;
  std::string title;                    // "Xã Đại Sơn"
  std::vector<const PlanText*> plans;   // site.yaml order
  std::vector<std::size_t> indicators;  // plan order, then position
  std::vector<std::size_t> tasks;       // plan order, then position
  std::vector<std::size_t> agencies;    // by name
  std::vector<std::size_t> cycles;      // oldest first (period end, start, code)
  const std::string* chart_svg = nullptr;
};

class SiteData {
 public:
  // Reads ctx.db (when set) and ctx.plugin_data (when set). Rows of units
  // not in site.yaml are ignored. Errors name the query that failed.
  static Result<SiteData> Load(const SiteContext& ctx);

  std::vector<Unit> units;  // site.yaml order
  std::vector<Cycle> cycles;
  std::vector<Indicator> indicators;
  std::vector<Task> tasks;
  std::vector<Agency> agencies;
  // Whether the plug-ins published `trajectory` / `overdue` at all: without
  // them the pages say the analysis has not run instead of "nothing late".
  bool has_trajectory = false;
  bool has_overdue = false;

  const PlanText* Plan(const std::string& plan_id) const;
  const Unit* UnitOf(const std::string& unit_id) const;

 private:
  std::unordered_map<std::string, std::size_t> unit_index_;
  std::unordered_map<std::string, const PlanText*> plan_index_;
};

}  // namespace minhbach::site
