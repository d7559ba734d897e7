#include "site/site_data.h"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "base/text.h"
#include "data/sqlite_util.h"
#include "site/labels.h"

namespace minhbach::site {

namespace {

// One read-only query of the rows in `range`, stepped row by row: a Stmt
// with ?1 and ?2 bound to the range and errors that say which stage read.
// Columns are read by index in the order of the SELECT; NULL text reads as "".
class Query {
 public:
  Query(sqlite3* db, const char* sql, const IdRange& range) : stmt_(db, sql) {
    stmt_.Bind(1, range.lo).Bind(2, range.hi);
  }

  bool Next() { return stmt_.Step(); }
  Status status() const {
    if (stmt_.status().ok()) return Status::Ok();
    return Status::Error("reading the database for the site pages: " + stmt_.status().message());
  }
  std::string Text(int col) const { return stmt_.Text(col); }
  int Int(int col) const { return static_cast<int>(stmt_.Int(col)); }
  bool IsNull(int col) const { return stmt_.IsNull(col); }
  double Double(int col) const { return stmt_.Double(col); }
  std::optional<double> OptDouble(int col) const {
    if (IsNull(col)) return std::nullopt;
    return Double(col);
  }

 private:
  Stmt stmt_;
};

std::optional<double> NumberAt(const Value& obj, std::string_view key) {
  const Value* v = obj.Get(key);
  if (v && v->is_number() && std::isfinite(v->as_number())) return v->as_number();
  return std::nullopt;
}

Trajectory ParseTrajectory(const Value& t) {
  Trajectory tr;
  if (auto y = NumberAt(t, "next_milestone")) tr.next_milestone = static_cast<int>(*y);
  tr.target_raw = t.GetString("target_raw");
  if (const Value* latest = t.Get("latest"); latest && latest->is_object()) {
    tr.latest_value = NumberAt(*latest, "value");
    tr.latest_cycle = latest->GetString("cycle");
  }
  tr.required_annual_change = NumberAt(t, "required_annual_change");
  tr.observed_annual_change = NumberAt(t, "observed_annual_change");
  tr.projected = NumberAt(t, "projected");
  tr.ratio = NumberAt(t, "ratio");
  tr.status = t.GetString("status");
  if (const Value* ms = t.Get("milestones"); ms && ms->is_array()) {
    for (const Value& m : ms->as_array()) {
      if (!m.is_object()) continue;
      Trajectory::Milestone mm;
      if (auto y = NumberAt(m, "year")) mm.year = static_cast<int>(*y);
      mm.raw = m.GetString("raw");
      if (const Value* met = m.Get("met"); met && met->is_bool()) mm.met = met->as_bool();
      tr.milestones.push_back(std::move(mm));
    }
  }
  std::sort(tr.milestones.begin(), tr.milestones.end(),
            [](const auto& a, const auto& b) { return a.year < b.year; });
  return tr;
}

Warnings ParseWarnings(const Value& o) {
  Warnings w;
  w.due = o.GetString("due");
  if (auto d = NumberAt(o, "days_overdue")) w.days_overdue = static_cast<long>(std::lround(*d));
  if (const Value* ks = o.Get("warnings"); ks && ks->is_array()) {
    for (const Value& k : ks->as_array()) {
      if (k.is_string()) w.keys.push_back(k.as_string());
    }
  }
  if (const Value* rs = o.Get("reasons"); rs && rs->is_array()) {
    for (const Value& r : rs->as_array()) w.reasons.push_back(r.is_string() ? r.as_string() : std::string());
  }
  return w;
}

// id → markup of a plug-in chart object ({"dai-son/x": "<svg…>"}).
void IndexCharts(const Value* data, std::string_view key, std::unordered_map<std::string, const std::string*>* out) {
  const Value* charts = data ? data->Get(key) : nullptr;
  if (!charts || !charts->is_object()) return;
  for (const auto& [id, svg] : charts->as_object()) {
    if (svg.is_string() && !svg.as_string().empty()) (*out)[id] = &svg.as_string();
  }
}

const std::string* ChartOf(const std::unordered_map<std::string, const std::string*>& charts, const std::string& id) {
  auto it = charts.find(id);
  return it == charts.end() ? nullptr : it->second;
}

}  // namespace

const std::string& Indicator::Status() const {
  static const std::string kNoResult = "none";
  return trajectory && !trajectory->status.empty() ? trajectory->status : kNoResult;
}

std::string Indicator::FormatValue(double value) const {
  if (qualitative && (value == 0 || value == 1)) return value == 1 ? "Đạt" : "Chưa đạt";
  return FormatMeasured(value, measure);
}

const std::string& Task::Status() const {
  static const std::string kNoReport;
  return reports.empty() ? kNoReport : reports.back().status;
}

bool Task::HasWarning(std::string_view key) const {
  return std::find(warnings.keys.begin(), warnings.keys.end(), key) != warnings.keys.end();
}

bool Task::HasRedWarning() const {
  return std::any_of(warnings.keys.begin(), warnings.keys.end(), [](const std::string& k) { return IsRedWarning(k); });
}

const PlanText* SiteData::Plan(const std::string& plan_id) const {
  auto it = plan_index_.find(plan_id);
  return it == plan_index_.end() ? nullptr : it->second;
}

const Unit* SiteData::UnitOf(const std::string& unit_id) const {
  auto it = unit_index_.find(unit_id);
  return it == unit_index_.end() ? nullptr : &units[it->second];
}

Result<SiteData> SiteData::Load(const SiteContext& ctx) {
  SiteData d;
  const IdRange range = IdRangeOf(ctx);
  for (const UnitConfig& u : ctx.config->units) {
    if (ctx.unit && ctx.unit != &u) continue;
    Unit unit;
    unit.config = &u;
    unit.title = (u.kind == "phường" ? "Phường " : "Xã ") + u.name;
    d.unit_index_[u.id] = d.units.size();
    d.units.push_back(std::move(unit));
  }
  // Plan order inside a unit = site.yaml order (content lists them so).
  std::unordered_map<std::string, int> plan_rank;
  for (const PlanText& p : ctx.content->plans) {
    std::string id = p.unit_id + "/" + p.slug;
    d.plan_index_[id] = &p;
    auto u = d.unit_index_.find(p.unit_id);
    if (u == d.unit_index_.end()) continue;
    plan_rank[id] = static_cast<int>(d.units[u->second].plans.size());
    d.units[u->second].plans.push_back(&p);
  }

  const Value* plugins = ctx.plugin_data && ctx.plugin_data->is_object() ? ctx.plugin_data : nullptr;
  std::unordered_map<std::string, const std::string*> charts, unit_charts, agency_charts;
  IndexCharts(plugins, "charts", &charts);
  IndexCharts(plugins, "unit_charts", &unit_charts);
  IndexCharts(plugins, "agency_charts", &agency_charts);
  for (Unit& u : d.units) u.chart_svg = ChartOf(unit_charts, u.config->id);

  if (!ctx.db) return d;
  sqlite3* db = ctx.db;
  auto unit_rank = [&](const std::string& unit_id) -> std::size_t {
    auto it = d.unit_index_.find(unit_id);
    return it == d.unit_index_.end() ? kNone : it->second;
  };

  // Cycles: oldest first within each unit.
  std::unordered_map<std::string, std::size_t> cycle_index;
  {
    Query q(db,
            "SELECT id, unit_id, code, kind, period_start, period_end, published, illustrative, source_file "
            "FROM cycle WHERE id >= ?1 AND id < ?2 ORDER BY unit_id, period_end, period_start, code", range);
    while (q.Next()) {
      Cycle c;
      c.id = q.Text(0);
      c.unit_id = q.Text(1);
      c.code = q.Text(2);
      c.kind = q.Text(3);
      c.period_start = q.Text(4);
      c.period_end = q.Text(5);
      c.published = q.Text(6);
      c.source_file = q.Text(8);
      c.illustrative = q.Int(7) != 0;
      c.label = CycleLabel(c.code, c.kind);
      if (unit_rank(c.unit_id) == kNone) continue;
      d.cycles.push_back(std::move(c));
    }
    MB_RETURN_IF_ERROR(q.status());
    std::stable_sort(d.cycles.begin(), d.cycles.end(), [&](const Cycle& a, const Cycle& b) {
      return unit_rank(a.unit_id) < unit_rank(b.unit_id);
    });
    for (std::size_t i = 0; i < d.cycles.size(); ++i) {
      cycle_index[d.cycles[i].id] = i;
      d.units[unit_rank(d.cycles[i].unit_id)].cycles.push_back(i);
    }
  }

  std::unordered_map<std::string, std::size_t> agency_index;
  {
    Query q(db, "SELECT id, unit_id, slug, name FROM agency WHERE id >= ?1 AND id < ?2 ORDER BY unit_id, id", range);
    while (q.Next()) {
      Agency a;
      a.id = q.Text(0);
      a.unit_id = q.Text(1);
      a.slug = q.Text(2);
      a.name = q.Text(3);
      if (unit_rank(a.unit_id) == kNone) continue;
      a.chart_svg = ChartOf(agency_charts, a.id);
      d.agencies.push_back(std::move(a));
    }
    MB_RETURN_IF_ERROR(q.status());
    // Agencies by name as people read it (tones folded), then id; keys are
    // computed once (folding is not free and a site has many agencies).
    std::vector<std::pair<std::tuple<std::size_t, std::string, std::string, std::string>, std::size_t>> order;
    for (std::size_t i = 0; i < d.agencies.size(); ++i) {
      const Agency& a = d.agencies[i];
      order.push_back({{unit_rank(a.unit_id), FoldVi(a.name), a.name, a.id}, i});
    }
    std::sort(order.begin(), order.end());
    std::vector<Agency> sorted;
    sorted.reserve(order.size());
    for (auto& [key, i] : order) sorted.push_back(std::move(d.agencies[i]));
    d.agencies = std::move(sorted);
    for (std::size_t i = 0; i < d.agencies.size(); ++i) {
      agency_index[d.agencies[i].id] = i;
      d.units[unit_rank(d.agencies[i].unit_id)].agencies.push_back(i);
    }
  }

  {
    Query q(db, "SELECT agency_id, variant FROM agency_variant WHERE agency_id >= ?1 AND agency_id < ?2 "
                "ORDER BY agency_id, variant", range);
    while (q.Next()) {
      auto a = agency_index.find(q.Text(0));
      if (a == agency_index.end()) continue;
      Agency& ag = d.agencies[a->second];
      std::string v = q.Text(1);
      if (v != ag.name && (ag.variants.empty() || ag.variants.back() != v)) ag.variants.push_back(std::move(v));
    }
    MB_RETURN_IF_ERROR(q.status());
  }

  auto plan_order = [&](const std::string& plan_id) {
    auto it = plan_rank.find(plan_id);
    return it == plan_rank.end() ? 1 << 20 : it->second;
  };

  // Indicators and what hangs from them.
  std::unordered_map<std::string, std::size_t> indicator_index;
  {
    Query q(db,
            "SELECT id, unit_id, plan_id, slug, table_key, table_title, code, group_path, name, measure, direction, "
            "lead_raw, partners_raw, output, source_file, source_line, position FROM indicator "
            "WHERE id >= ?1 AND id < ?2 ORDER BY id", range);
    while (q.Next()) {
      Indicator i;
      i.id = q.Text(0), i.unit_id = q.Text(1), i.plan_id = q.Text(2), i.slug = q.Text(3);
      i.table_key = q.Text(4), i.table_title = q.Text(5), i.code = q.Text(6), i.group_path = q.Text(7);
      i.name = q.Text(8), i.measure = q.Text(9), i.direction = q.Text(10), i.lead_raw = q.Text(11);
      i.partners_raw = q.Text(12), i.output = q.Text(13), i.source_file = q.Text(14);
      i.source_line = q.Int(15), i.position = q.Int(16);
      if (unit_rank(i.unit_id) == kNone) continue;
      i.chart_svg = ChartOf(charts, i.id);
      d.indicators.push_back(std::move(i));
    }
    MB_RETURN_IF_ERROR(q.status());
    std::stable_sort(d.indicators.begin(), d.indicators.end(), [&](const Indicator& a, const Indicator& b) {
      return std::make_tuple(unit_rank(a.unit_id), plan_order(a.plan_id), a.position) <
             std::make_tuple(unit_rank(b.unit_id), plan_order(b.plan_id), b.position);
    });
    for (std::size_t i = 0; i < d.indicators.size(); ++i) {
      indicator_index[d.indicators[i].id] = i;
      d.units[unit_rank(d.indicators[i].unit_id)].indicators.push_back(i);
    }
  }
  auto indicator_at = [&](const std::string& id) -> Indicator* {
    auto it = indicator_index.find(id);
    return it == indicator_index.end() ? nullptr : &d.indicators[it->second];
  };
  {
    Query q(db,
            "SELECT indicator_id, year, seq, comparator, value, value_hi, raw, qualifier FROM target "
            "WHERE indicator_id >= ?1 AND indicator_id < ?2 ORDER BY indicator_id, year, seq", range);
    while (q.Next()) {
      Indicator* i = indicator_at(q.Text(0));
      if (!i) continue;
      Target t;
      t.year = q.Int(1), t.seq = q.Int(2), t.comparator = q.Text(3);
      t.value = q.OptDouble(4), t.value_hi = q.OptDouble(5);
      t.raw = q.Text(6), t.qualifier = q.Text(7);
      i->targets.push_back(std::move(t));
    }
    MB_RETURN_IF_ERROR(q.status());
    for (Indicator& i : d.indicators) {
      i.qualitative = !i.targets.empty() && std::all_of(i.targets.begin(), i.targets.end(), [](const Target& t) {
        return t.comparator == "qualitative";
      });
    }
  }
  {
    Query q(db, "SELECT indicator_id, cycle_id, value, note, source, source_line FROM observation "
                "WHERE indicator_id >= ?1 AND indicator_id < ?2 ORDER BY indicator_id, cycle_id", range);
    while (q.Next()) {
      Indicator* i = indicator_at(q.Text(0));
      auto c = cycle_index.find(q.Text(1));
      if (!i || c == cycle_index.end()) continue;
      Observation o{c->second, q.Double(2), q.Text(3), q.Text(4), q.Int(5)};
      i->illustrative = i->illustrative || d.cycles[c->second].illustrative;
      i->observations.push_back(std::move(o));
    }
    MB_RETURN_IF_ERROR(q.status());
    for (Indicator& i : d.indicators) {
      std::sort(i.observations.begin(), i.observations.end(),
                [](const Observation& a, const Observation& b) { return a.cycle < b.cycle; });
    }
  }
  {
    Query q(db, "SELECT indicator_id, agency_id, role, position FROM indicator_agency "
                "WHERE indicator_id >= ?1 AND indicator_id < ?2 ORDER BY indicator_id, role, position, agency_id", range);
    while (q.Next()) {
      Indicator* i = indicator_at(q.Text(0));
      auto a = agency_index.find(q.Text(1));
      if (!i || a == agency_index.end()) continue;
      i->agencies.push_back(AgencyRole{a->second, q.Text(2) == "lead", q.Int(3)});
    }
    MB_RETURN_IF_ERROR(q.status());
  }

  // Tasks and what hangs from them.
  std::unordered_map<std::string, std::size_t> task_index;
  {
    Query q(db,
            "SELECT id, unit_id, plan_id, slug, table_key, table_title, section, section_title, number, title, "
            "lead_raw, partners_raw, output, deadline_raw, deadline_kind, start, due, note, source_file, "
            "source_line, position FROM task WHERE id >= ?1 AND id < ?2 ORDER BY id", range);
    while (q.Next()) {
      Task t;
      t.id = q.Text(0), t.unit_id = q.Text(1), t.plan_id = q.Text(2), t.slug = q.Text(3);
      t.table_key = q.Text(4), t.table_title = q.Text(5), t.section = q.Text(6), t.section_title = q.Text(7);
      t.number = q.Text(8), t.title = q.Text(9), t.lead_raw = q.Text(10), t.partners_raw = q.Text(11);
      t.output = q.Text(12), t.deadline_raw = q.Text(13), t.deadline_kind = q.Text(14), t.start = q.Text(15);
      t.due = q.Text(16), t.note = q.Text(17), t.source_file = q.Text(18);
      t.source_line = q.Int(19), t.position = q.Int(20);
      if (unit_rank(t.unit_id) == kNone) continue;
      d.tasks.push_back(std::move(t));
    }
    MB_RETURN_IF_ERROR(q.status());
    std::stable_sort(d.tasks.begin(), d.tasks.end(), [&](const Task& a, const Task& b) {
      return std::make_tuple(unit_rank(a.unit_id), plan_order(a.plan_id), a.position) <
             std::make_tuple(unit_rank(b.unit_id), plan_order(b.plan_id), b.position);
    });
    for (std::size_t i = 0; i < d.tasks.size(); ++i) {
      task_index[d.tasks[i].id] = i;
      d.units[unit_rank(d.tasks[i].unit_id)].tasks.push_back(i);
    }
  }
  auto task_at = [&](const std::string& id) -> Task* {
    auto it = task_index.find(id);
    return it == task_index.end() ? nullptr : &d.tasks[it->second];
  };
  {
    Query q(db, "SELECT task_id, seq, start, due, label FROM task_milestone WHERE task_id >= ?1 AND task_id < ?2 "
                "ORDER BY task_id, seq", range);
    while (q.Next()) {
      if (Task* t = task_at(q.Text(0))) t->milestones.push_back(Milestone{q.Text(2), q.Text(3), q.Text(4)});
    }
    MB_RETURN_IF_ERROR(q.status());
  }
  {
    Query q(db, "SELECT task_id, agency_id, role, position FROM task_agency WHERE task_id >= ?1 AND task_id < ?2 "
                "ORDER BY task_id, role, position, agency_id", range);
    while (q.Next()) {
      Task* t = task_at(q.Text(0));
      auto a = agency_index.find(q.Text(1));
      if (!t || a == agency_index.end()) continue;
      t->agencies.push_back(AgencyRole{a->second, q.Text(2) == "lead", q.Int(3)});
    }
    MB_RETURN_IF_ERROR(q.status());
  }
  {
    Query q(db,
            "SELECT task_id, cycle_id, status, percent, evidence_url, evidence_review, reported_on, note, source_line "
            "FROM task_report WHERE task_id >= ?1 AND task_id < ?2 ORDER BY task_id, cycle_id", range);
    while (q.Next()) {
      Task* t = task_at(q.Text(0));
      auto c = cycle_index.find(q.Text(1));
      if (!t || c == cycle_index.end()) continue;
      Report r;
      r.cycle = c->second, r.status = q.Text(2), r.percent = q.OptDouble(3), r.evidence_url = q.Text(4);
      r.evidence_review = q.Text(5), r.reported_on = q.Text(6), r.note = q.Text(7), r.source_line = q.Int(8);
      t->illustrative = t->illustrative || d.cycles[c->second].illustrative;
      t->reports.push_back(std::move(r));
    }
    MB_RETURN_IF_ERROR(q.status());
    for (Task& t : d.tasks) {
      std::sort(t.reports.begin(), t.reports.end(), [](const Report& a, const Report& b) { return a.cycle < b.cycle; });
    }
  }

  // Who answers for what: each agency's tasks and indicators, in plan order.
  for (std::size_t i = 0; i < d.indicators.size(); ++i) {
    for (const AgencyRole& r : d.indicators[i].agencies) {
      Agency& a = d.agencies[r.agency];
      (r.lead ? a.lead_indicators : a.partner_indicators).push_back(i);
    }
  }
  for (std::size_t i = 0; i < d.tasks.size(); ++i) {
    for (const AgencyRole& r : d.tasks[i].agencies) {
      Agency& a = d.agencies[r.agency];
      (r.lead ? a.lead_tasks : a.partner_tasks).push_back(i);
    }
  }

  // Plug-in results, attached to their rows.
  if (plugins) {
    if (const Value* tr = plugins->Get("trajectory"); tr && tr->is_array()) {
      d.has_trajectory = true;
      for (const Value& t : tr->as_array()) {
        if (!t.is_object()) continue;
        if (Indicator* i = indicator_at(t.GetString("indicator"))) i->trajectory = ParseTrajectory(t);
      }
    }
    if (const Value* od = plugins->Get("overdue"); od && od->is_array()) {
      d.has_overdue = true;
      for (const Value& o : od->as_array()) {
        if (!o.is_object()) continue;
        if (Task* t = task_at(o.GetString("task"))) t->warnings = ParseWarnings(o);
      }
    }
  }
  return d;
}

}  // namespace minhbach::site
