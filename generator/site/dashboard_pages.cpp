// The portal home (/), the unit dashboards (/<unit>/) and the plan pages
// (/<unit>/ke-hoach/<plan>/) with the plan's appendix rows linked.
#include <algorithm>
#include <map>
#include <set>

#include "base/date.h"
#include "base/text.h"
#include "site/data_pages.h"
#include "site/labels.h"
#include "site/plan_links.h"

namespace minhbach::site {

namespace {

Value PlanLinks(const std::vector<const PlanText*>& plans, const std::string& from) {
  Value list = Value::MakeArray();
  for (const PlanText* p : plans) {
    Value v = Value::MakeObject();
    v.Set("title", p->title);
    v.Set("number", p->number);
    v.Set("href", Href(from, PlanPath(*p)));
    list.Push(std::move(v));
  }
  return list;
}

Value CycleLink(const SiteData& d, std::size_t c, const std::string& from) {
  const Cycle& cycle = d.cycles[c];
  Value v = Value::MakeObject();
  v.Set("label", cycle.label);
  v.Set("href", Href(from, CyclePath(cycle)));
  v.Set("published_vi", ViDate(cycle.published));
  v.Set("published", cycle.published);
  v.Set("illustrative", cycle.illustrative);
  return v;
}

bool AnyIllustrative(const SiteData& d, const Unit& u) {
  for (std::size_t c : u.cycles) {
    if (d.cycles[c].illustrative) return true;
  }
  return false;
}

std::vector<std::size_t> OverdueTasks(const SiteData& d, const Unit& u) {
  std::vector<std::size_t> out;
  for (std::size_t t : u.tasks) {
    if (d.tasks[t].HasWarning("overdue")) out.push_back(t);
  }
  return out;
}

std::vector<std::size_t> RedTasks(const SiteData& d, const Unit& u) {
  std::vector<std::size_t> out;
  for (std::size_t t : u.tasks) {
    if (d.tasks[t].HasRedWarning()) out.push_back(t);
  }
  return out;
}

// The unit's headline figures, shared by its home card and its dashboard.
void SetHeadline(const SiteContext& ctx, const SiteData& d, const Unit& u, const std::string& from, Value* v) {
  const std::string& id = u.config->id;
  v->Set("has_data", !u.indicators.empty() || !u.tasks.empty());
  v->Set("indicator_total", std::to_string(u.indicators.size()));
  v->Set("indicators_href", Href(from, IndicatorsPath(id)));
  v->Set("has_indicators", !u.indicators.empty());
  v->Set("progress", ProgressCounts(d, u.indicators));
  v->Set("has_trajectory", d.has_trajectory);
  v->Set("task_total", std::to_string(u.tasks.size()));
  v->Set("tasks_href", Href(from, TasksPath(id)));
  v->Set("has_tasks", !u.tasks.empty());
  v->Set("has_overdue_analysis", d.has_overdue);
  v->Set("overdue_count", std::to_string(OverdueTasks(d, u).size()));
  v->Set("red_count", std::to_string(RedTasks(d, u).size()));
  v->Set("overdue_href", Href(from, OverduePath(id)));
  if (!u.cycles.empty()) {
    v->Set("latest_cycle", CycleLink(d, u.cycles.back(), from));
  } else {
    v->Set("latest_cycle", Value());
  }
}

Value HomeCard(const SiteContext& ctx, const SiteData& d, const Unit& u) {
  const std::string from = HomePath();
  Value uv = Value::MakeObject();
  uv.Set("id", u.config->id);
  uv.Set("title", u.title);
  uv.Set("province", u.config->province);
  uv.Set("href", Href(from, UnitPath(u.config->id)));
  uv.Set("plans", PlanLinks(u.plans, from));
  SetHeadline(ctx, d, u, from, &uv);
  return uv;
}

void AddHome(const SiteContext& ctx, std::vector<Value> cards, bool illustrative, std::vector<Page>* pages) {
  Page home = NewPage(ctx, HomePath(), "home", ctx.config->title, {{"Trang chủ", HomePath()}});
  home.data.Set("is_home", true);
  Value units = Value::MakeArray();
  for (Value& card : cards) units.Push(std::move(card));
  home.data.Set("units", std::move(units));
  home.data.Set("illustrative", illustrative);
  pages->push_back(std::move(home));
}

void AddUnit(const SiteContext& ctx, const SiteData& d, const Unit& u, std::vector<Page>* pages) {
  const std::string& id = u.config->id;
  Page page = NewPage(ctx, UnitPath(id), "unit", u.title, UnitCrumbs(u));
  const std::string& from = page.path;
  Value unit = Value::MakeObject();
  unit.Set("id", id);
  unit.Set("name", u.config->name);
  unit.Set("title", u.title);
  unit.Set("kind", u.config->kind);
  unit.Set("province", u.config->province);
  page.data.Set("unit", std::move(unit));
  SetHeadline(ctx, d, u, from, &page.data);
  page.data.Set("chart_html", u.chart_svg ? *u.chart_svg : std::string());

  // Tasks by reported status, then the warnings.
  std::map<std::string, int> by_status;
  for (std::size_t t : u.tasks) ++by_status[d.tasks[t].Status()];
  Value statuses = Value::MakeArray();
  for (const char* key : TaskStatusOrder()) {
    auto it = by_status.find(key);
    if (it == by_status.end()) continue;
    Value v = LabelValue(TaskStatusLabel(key));
    v.Set("count", std::to_string(it->second));
    statuses.Push(std::move(v));
  }
  page.data.Set("task_statuses", std::move(statuses));
  Value warnings = WarningCounts(d, u.tasks);
  page.data.Set("has_warning_counts", warnings.size() > 0);
  page.data.Set("warning_counts", std::move(warnings));

  // The ten most overdue tasks: most days first, then plan order.
  std::vector<std::size_t> late = OverdueTasks(d, u);
  std::stable_sort(late.begin(), late.end(), [&](std::size_t a, std::size_t b) {
    return d.tasks[a].warnings.days_overdue.value_or(0) > d.tasks[b].warnings.days_overdue.value_or(0);
  });
  const std::size_t late_total = late.size();
  if (late.size() > 10) late.resize(10);
  page.data.Set("top_overdue_caption",
                late_total > 10 ? "10 nhiệm vụ quá hạn lâu nhất (trong " + std::to_string(late_total) + " nhiệm vụ quá hạn)"
                                : std::to_string(late_total) + " nhiệm vụ quá hạn, lâu nhất trước");
  Value top = Value::MakeArray();
  for (std::size_t t : late) top.Push(TaskRow(d, d.tasks[t], from));
  page.data.Set("has_top_overdue", top.size() > 0);
  page.data.Set("top_overdue", std::move(top));

  // The next milestone: the earliest year any indicator's trajectory aims
  // at, and how the indicators aiming at it are doing.
  std::optional<int> next;
  for (std::size_t i : u.indicators) {
    const auto& tr = d.indicators[i].trajectory;
    if (tr && tr->next_milestone && (!next || *tr->next_milestone < *next)) next = tr->next_milestone;
  }
  if (next) {
    std::vector<std::size_t> aiming;
    for (std::size_t i : u.indicators) {
      const auto& tr = d.indicators[i].trajectory;
      if (tr && tr->next_milestone == next) aiming.push_back(i);
    }
    Value nm = Value::MakeObject();
    nm.Set("year", std::to_string(*next));
    nm.Set("count", std::to_string(aiming.size()));
    nm.Set("progress", ProgressCounts(d, aiming));
    page.data.Set("next_milestone", std::move(nm));
  } else {
    page.data.Set("next_milestone", Value());
  }

  page.data.Set("plans", PlanLinks(u.plans, from));
  Value cycles = Value::MakeArray();
  for (auto it = u.cycles.rbegin(); it != u.cycles.rend(); ++it) cycles.Push(CycleLink(d, *it, from));
  page.data.Set("has_cycles", cycles.size() > 0);
  page.data.Set("cycles", std::move(cycles));

  Value agencies = Value::MakeArray();
  for (std::size_t a : u.agencies) {
    const Agency& ag = d.agencies[a];
    Value v = Value::MakeObject();
    v.Set("name", ag.name);
    v.Set("href", Href(from, AgencyPath(ag)));
    v.Set("lead_count", std::to_string(ag.lead_tasks.size() + ag.lead_indicators.size()));
    v.Set("partner_count", std::to_string(ag.partner_tasks.size() + ag.partner_indicators.size()));
    int red = 0;
    for (std::size_t t : ag.lead_tasks) red += d.tasks[t].HasRedWarning() ? 1 : 0;
    v.Set("red_count", red ? std::to_string(red) : std::string());
    agencies.Push(std::move(v));
  }
  page.data.Set("has_agencies", agencies.size() > 0);
  page.data.Set("agencies", std::move(agencies));
  page.data.Set("illustrative", AnyIllustrative(d, u));
  SetSources(&page, u.plans);
  pages->push_back(std::move(page));
}

}  // namespace

void AddHomePage(const SiteContext& ctx, const SiteData& d, std::vector<Page>* pages) {
  std::vector<Value> cards;
  bool illustrative = false;
  for (const Unit& u : d.units) {
    cards.push_back(HomeCard(ctx, d, u));
    illustrative = illustrative || AnyIllustrative(d, u);
  }
  AddHome(ctx, std::move(cards), illustrative, pages);
}

HomeUnit HomeUnitOf(const SiteContext& ctx, const SiteData& d, const Unit& u) {
  return HomeUnit{HomeCard(ctx, d, u), AnyIllustrative(d, u)};
}

void AddHomePage(const SiteContext& ctx, const std::vector<HomeUnit>& units, std::vector<Page>* pages) {
  std::vector<Value> cards;
  bool illustrative = false;
  for (const HomeUnit& u : units) {
    cards.push_back(u.card);
    illustrative = illustrative || u.illustrative;
  }
  AddHome(ctx, std::move(cards), illustrative, pages);
}

void AddUnitPage(const SiteContext& ctx, const SiteData& d, const Unit& u, std::vector<Page>* pages) {
  AddUnit(ctx, d, u, pages);
}

void AddPlanPages(const SiteContext& ctx, const SiteData& d, const Unit& u, std::vector<Page>* pages) {
  {
    for (const PlanText* p : u.plans) {
      Page page = NewPage(ctx, PlanPath(*p), "plan", p->title,
                          {{"Trang chủ", HomePath()}, {u.title, UnitPath(u.config->id)}, {"Kế hoạch", PlanPath(*p)}});
      const std::string& from = page.path;
      Value plan = Value::MakeObject();
      plan.Set("title", p->title);
      plan.Set("number", p->number);
      plan.Set("issuer", p->issuer);
      plan.Set("place_date", p->place_date);
      plan.Set("signer", p->signer);
      auto date = ParseIsoDate(p->date);
      plan.Set("date_vi", date ? date->ToVi() : std::string());
      plan.Set("source", p->source);
      Value basis = Value::MakeArray();
      for (const auto& b : p->basis) basis.Push(b);
      plan.Set("has_basis", basis.size() > 0);
      plan.Set("basis", std::move(basis));
      plan.Set("unit_title", u.title);
      page.data.Set("plan", std::move(plan));
      page.data.Set("print", true);

      // The plan's appendix rows, each linked to its page: in the text where
      // the row can be found (the name cell becomes a link), in a list under
      // the text otherwise. One block per table, in the plan's order, with
      // an anchor the indicator and task pages link to.
      const std::string plan_id = p->unit_id + "/" + p->slug;
      std::vector<AppendixRow> rows;
      for (std::size_t i : u.indicators) {
        const Indicator& ind = d.indicators[i];
        if (ind.plan_id != plan_id) continue;
        rows.push_back(AppendixRow{ind.id, ind.table_title, false, ind.code, "", "", "", Href(from, IndicatorPath(ind))});
      }
      for (std::size_t t : u.tasks) {
        const Task& task = d.tasks[t];
        if (task.plan_id != plan_id) continue;
        rows.push_back(
            AppendixRow{task.id, task.table_title, true, "", task.section, task.number, task.title, Href(from, TaskPath(task))});
      }
      std::set<std::string> linked;
      page.markdown = LinkAppendixRows(p->doc.body, rows, &linked);

      std::vector<std::string> keys;
      std::map<std::string, Value> tables;
      auto table = [&](const std::string& key, const std::string& title) -> Value& {
        auto it = tables.find(key);
        if (it != tables.end()) return it->second;
        keys.push_back(key);
        Value t = Value::MakeObject();
        t.Set("anchor", TableAnchor(key));
        t.Set("title", title);
        t.Set("indicator_count", 0);
        t.Set("task_count", 0);
        t.Set("in_text", 0);
        t.Set("rows", Value::MakeArray());
        return tables.emplace(key, std::move(t)).first->second;
      };
      auto count = [](Value& t, const char* key) { t.Set(key, t.Get(key)->as_number() + 1); };
      for (std::size_t i : u.indicators) {
        const Indicator& ind = d.indicators[i];
        if (ind.plan_id != plan_id) continue;
        Value& t = table(ind.table_key, ind.table_title);
        count(t, "indicator_count");
        if (linked.count(ind.id)) {
          count(t, "in_text");
          continue;
        }
        Value v = Value::MakeObject();
        v.Set("href", Href(from, IndicatorPath(ind)));
        v.Set("code", ind.code);
        v.Set("name", ind.name);
        t.Get("rows")->Push(std::move(v));
      }
      for (std::size_t ti : u.tasks) {
        const Task& task = d.tasks[ti];
        if (task.plan_id != plan_id) continue;
        Value& t = table(task.table_key, task.table_title);
        count(t, "task_count");
        if (linked.count(task.id)) {
          count(t, "in_text");
          continue;
        }
        Value v = Value::MakeObject();
        v.Set("href", Href(from, TaskPath(task)));
        v.Set("code", task.section.empty() ? task.number : task.section + "." + task.number);
        v.Set("name", task.title);
        t.Get("rows")->Push(std::move(v));
      }
      Value list = Value::MakeArray();
      for (const std::string& key : keys) {
        Value& t = tables[key];
        auto num = [&](const char* k) { return static_cast<int>(t.Get(k)->as_number()); };
        std::string what;
        if (num("indicator_count")) what = std::to_string(num("indicator_count")) + " chỉ tiêu";
        if (num("task_count")) what += (what.empty() ? "" : ", ") + std::to_string(num("task_count")) + " nhiệm vụ";
        t.Set("summary", what);
        t.Set("all_in_text", num("in_text") > 0 && t.Get("rows")->size() == 0);
        t.Set("some_in_text", num("in_text") > 0 && t.Get("rows")->size() > 0);
        t.Set("has_rows", t.Get("rows")->size() > 0);
        t.Set("indicators_href", num("indicator_count") ? Href(from, IndicatorsPath(u.config->id)) : "");
        t.Set("tasks_href", num("task_count") ? Href(from, TasksPath(u.config->id)) : "");
        list.Push(std::move(t));
      }
      page.data.Set("has_tables", list.size() > 0);
      page.data.Set("tables", std::move(list));
      pages->push_back(std::move(page));
    }
  }
}

}  // namespace minhbach::site
