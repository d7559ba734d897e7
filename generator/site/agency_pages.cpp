// /<unit>/qua-han/ (overdue and red-warning tasks by lead agency, printable)
// and /<unit>/co-quan/<agency>/ (one agency's tasks and indicators, as lead
// and as partner: "rõ người, rõ việc").
#include <algorithm>
#include <set>

#include "site/data_pages.h"
#include "site/labels.h"

namespace minhbach::site {

namespace {

// Most days overdue first; ties keep plan order (the input order).
void SortByDaysOverdue(const SiteData& d, std::vector<std::size_t>* tasks) {
  std::stable_sort(tasks->begin(), tasks->end(), [&](std::size_t a, std::size_t b) {
    return d.tasks[a].warnings.days_overdue.value_or(0) > d.tasks[b].warnings.days_overdue.value_or(0);
  });
}

Value TaskRows(const SiteData& d, const std::vector<std::size_t>& tasks, const std::string& from, bool* illustrative) {
  Value rows = Value::MakeArray();
  for (std::size_t t : tasks) {
    rows.Push(TaskRow(d, d.tasks[t], from));
    *illustrative = *illustrative || d.tasks[t].illustrative;
  }
  return rows;
}

Value IndicatorRows(const SiteContext& ctx, const SiteData& d, const std::vector<std::size_t>& indicators,
                    const std::string& from, bool* illustrative) {
  Value rows = Value::MakeArray();
  for (std::size_t i : indicators) {
    rows.Push(IndicatorRow(ctx, d, d.indicators[i], from));
    *illustrative = *illustrative || d.indicators[i].illustrative;
  }
  return rows;
}

void AddOverdue(const SiteContext& ctx, const SiteData& d, const Unit& u, std::vector<Page>* pages) {
  Crumbs crumbs = UnitCrumbs(u);
  crumbs.push_back({"Quá hạn và cảnh báo", OverduePath(u.config->id)});
  Page page = NewPage(ctx, OverduePath(u.config->id), "overdue", "Nhiệm vụ quá hạn và cảnh báo đỏ của " + u.title,
                      crumbs);
  const std::string& from = page.path;
  page.data.Set("unit_title", u.title);
  page.data.Set("print", true);
  page.data.Set("show_reasons", true);
  page.data.Set("has_overdue_analysis", d.has_overdue);
  page.data.Set("tasks_href", Href(from, TasksPath(u.config->id)));

  std::vector<std::size_t> red;
  for (std::size_t t : u.tasks) {
    if (d.tasks[t].HasRedWarning()) red.push_back(t);
  }
  SortByDaysOverdue(d, &red);
  page.data.Set("total", std::to_string(red.size()));
  page.data.Set("warning_counts", WarningCounts(d, red));

  // One group per lead agency, in the unit's agency order; a task with two
  // leads is listed under both (each answers for it).
  bool illustrative = false;
  Value groups = Value::MakeArray();
  for (std::size_t a : u.agencies) {
    std::vector<std::size_t> mine;
    for (std::size_t t : red) {
      for (const AgencyRole& r : d.tasks[t].agencies) {
        if (r.lead && r.agency == a) {
          mine.push_back(t);
          break;
        }
      }
    }
    if (mine.empty()) continue;
    Value g = Value::MakeObject();
    g.Set("name", d.agencies[a].name);
    g.Set("caption", "Nhiệm vụ do " + d.agencies[a].name + " chủ trì có cảnh báo đỏ");
    g.Set("href", Href(from, AgencyPath(d.agencies[a])));
    g.Set("count", std::to_string(mine.size()));
    g.Set("rows", TaskRows(d, mine, from, &illustrative));
    groups.Push(std::move(g));
  }
  std::vector<std::size_t> orphans;
  for (std::size_t t : red) {
    const auto& roles = d.tasks[t].agencies;
    if (std::none_of(roles.begin(), roles.end(), [](const AgencyRole& r) { return r.lead; })) orphans.push_back(t);
  }
  if (!orphans.empty()) {
    Value g = Value::MakeObject();
    g.Set("name", "Chưa xác định cơ quan chủ trì");
    g.Set("caption", "Nhiệm vụ có cảnh báo đỏ mà văn bản không ghi hoặc chưa xác định được cơ quan chủ trì");
    g.Set("href", "");
    g.Set("count", std::to_string(orphans.size()));
    g.Set("rows", TaskRows(d, orphans, from, &illustrative));
    groups.Push(std::move(g));
  }
  page.data.Set("has_groups", groups.size() > 0);
  page.data.Set("groups", std::move(groups));
  page.data.Set("illustrative", illustrative);
  SetSources(&page, u.plans);
  pages->push_back(std::move(page));
}

void AddAgency(const SiteContext& ctx, const SiteData& d, const Unit& u, const Agency& a, std::vector<Page>* pages) {
  Crumbs crumbs = UnitCrumbs(u);
  crumbs.push_back({a.name, AgencyPath(a)});
  Page page = NewPage(ctx, AgencyPath(a), "agency", a.name, crumbs);
  const std::string& from = page.path;
  page.data.Set("unit_title", u.title);
  Value variants = Value::MakeArray();
  for (std::size_t k = 0; k < a.variants.size(); ++k) {
    variants.Push(Value(Value::Object{{"text", a.variants[k]}, {"sep", k + 1 < a.variants.size()}}));
  }
  page.data.Set("agency", Value(Value::Object{{"name", a.name}, {"has_variants", variants.size() > 0},
                                              {"variants", std::move(variants)}}));
  page.data.Set("print", true);
  page.data.Set("has_overdue_analysis", d.has_overdue);
  page.data.Set("chart_html", a.chart_svg ? *a.chart_svg : std::string());
  page.data.Set("overdue_href", Href(from, OverduePath(u.config->id)));

  bool illustrative = false;
  std::vector<std::size_t> red;
  for (std::size_t t : a.lead_tasks) {
    if (d.tasks[t].HasRedWarning()) red.push_back(t);
  }
  SortByDaysOverdue(d, &red);
  page.data.Set("red_count", std::to_string(red.size()));
  page.data.Set("has_red", !red.empty());
  page.data.Set("red", TaskRows(d, red, from, &illustrative));
  page.data.Set("warning_counts", WarningCounts(d, a.lead_tasks));

  page.data.Set("lead_task_count", std::to_string(a.lead_tasks.size()));
  page.data.Set("partner_task_count", std::to_string(a.partner_tasks.size()));
  page.data.Set("lead_indicator_count", std::to_string(a.lead_indicators.size()));
  page.data.Set("partner_indicator_count", std::to_string(a.partner_indicators.size()));
  page.data.Set("has_lead_tasks", !a.lead_tasks.empty());
  page.data.Set("lead_tasks", TaskRows(d, a.lead_tasks, from, &illustrative));
  page.data.Set("has_partner_tasks", !a.partner_tasks.empty());
  page.data.Set("partner_tasks", TaskRows(d, a.partner_tasks, from, &illustrative));
  page.data.Set("has_lead_indicators", !a.lead_indicators.empty());
  page.data.Set("lead_indicators", IndicatorRows(ctx, d, a.lead_indicators, from, &illustrative));
  page.data.Set("has_partner_indicators", !a.partner_indicators.empty());
  page.data.Set("partner_indicators", IndicatorRows(ctx, d, a.partner_indicators, from, &illustrative));
  page.data.Set("illustrative", illustrative);
  page.data.Set("description", a.name + " (" + u.title + "): nhiệm vụ, chỉ tiêu và cảnh báo");

  // The plans this agency's work comes from.
  std::set<std::string> plan_ids;
  for (const auto* list : {&a.lead_tasks, &a.partner_tasks}) {
    for (std::size_t t : *list) plan_ids.insert(d.tasks[t].plan_id);
  }
  for (const auto* list : {&a.lead_indicators, &a.partner_indicators}) {
    for (std::size_t i : *list) plan_ids.insert(d.indicators[i].plan_id);
  }
  std::vector<const PlanText*> plans;
  for (const PlanText* p : u.plans) {
    if (plan_ids.count(p->unit_id + "/" + p->slug)) plans.push_back(p);
  }
  SetSources(&page, plans);
  pages->push_back(std::move(page));
}

}  // namespace

void AddOverduePages(const SiteContext& ctx, const SiteData& d, const Unit& u, std::vector<Page>* pages) {
  AddOverdue(ctx, d, u, pages);
}

void AddAgencyPages(const SiteContext& ctx, const SiteData& d, const Unit& u, std::vector<Page>* pages) {
  for (std::size_t a : u.agencies) AddAgency(ctx, d, u, d.agencies[a], pages);
}

}  // namespace minhbach::site
