// /<unit>/nhiem-vu/ (tasks grouped by section) and /<unit>/nhiem-vu/<slug>/
// (one task: text, deadline as written and as understood, history,
// evidence, warnings).
#include <string>

#include "base/text.h"
#include "site/data_pages.h"
#include "site/labels.h"

namespace minhbach::site {

namespace {

// Only web links become <a>: an evidence cell may hold a file name, a
// document number or a javascript: URL, which are shown as text.
// An http(s) address, in any case, with nothing a browser would cut it at
// (`url` is trimmed).
bool IsWebLink(std::string_view url) {
  auto starts = [&](std::string_view scheme) {
    if (url.size() < scheme.size()) return false;
    for (std::size_t i = 0; i < scheme.size(); ++i) {
      char c = url[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != scheme[i]) return false;
    }
    return true;
  };
  return (starts("http://") || starts("https://")) && url.size() > 8 &&
         url.find_first_of(" \t\n\"'<>") == std::string_view::npos;
}

void AddTaskList(const SiteContext& ctx, const SiteData& d, const Unit& u, std::vector<Page>* pages) {
  Crumbs crumbs = UnitCrumbs(u);
  crumbs.push_back({"Nhiệm vụ", TasksPath(u.config->id)});
  Page page = NewPage(ctx, TasksPath(u.config->id), "tasks", "Nhiệm vụ của " + u.title, crumbs);
  const std::string& from = page.path;
  page.data.Set("unit_title", u.title);
  page.data.Set("total", std::to_string(u.tasks.size()));
  page.data.Set("warning_counts", WarningCounts(d, u.tasks));
  page.data.Set("overdue_href", Href(from, OverduePath(u.config->id)));
  page.data.Set("has_overdue_analysis", d.has_overdue);

  // Plan → appendix → section, in the plan's order.
  Value plans = Value::MakeArray();
  bool illustrative = false;
  for (const PlanText* p : u.plans) {
    const std::string plan_id = p->unit_id + "/" + p->slug;
    Value tables = Value::MakeArray();
    std::string table_key = "\x01", section = "\x01";
    for (std::size_t idx : u.tasks) {
      const Task& t = d.tasks[idx];
      if (t.plan_id != plan_id) continue;
      illustrative = illustrative || t.illustrative;
      if (t.table_key != table_key) {
        Value tv = Value::MakeObject();
        tv.Set("title", t.table_title);
        tv.Set("href", Href(from, PlanPath(*p)) + "#" + TableAnchor(t.table_key));
        tv.Set("sections", Value::MakeArray());
        tables.Push(std::move(tv));
        table_key = t.table_key;
        section = "\x01";
      }
      Value& tv = tables.as_array().back();
      if (t.section != section) {
        Value s = Value::MakeObject();
        std::string caption = t.section.empty() ? t.table_title : t.section + ". " + t.section_title;
        if (!t.section.empty() && t.section_title.empty()) caption = "Mục " + t.section;
        s.Set("caption", caption);
        s.Set("rows", Value::MakeArray());
        tv.Get("sections")->Push(std::move(s));
        section = t.section;
      }
      tv.Get("sections")->as_array().back().Get("rows")->Push(TaskRow(d, t, from));
    }
    if (tables.size() == 0) continue;
    Value pv = Value::MakeObject();
    pv.Set("title", p->title);
    pv.Set("href", Href(from, PlanPath(*p)));
    pv.Set("tables", std::move(tables));
    plans.Push(std::move(pv));
  }
  page.data.Set("has_plans", plans.size() > 0);
  page.data.Set("plans", std::move(plans));
  page.data.Set("illustrative", illustrative);
  SetSources(&page, u.plans);
  pages->push_back(std::move(page));
}

void AddTask(const SiteContext& ctx, const SiteData& d, const Unit& u, const Task& t, std::vector<Page>* pages) {
  Crumbs crumbs = UnitCrumbs(u);
  crumbs.push_back({"Nhiệm vụ", TasksPath(u.config->id)});
  std::string number = t.section.empty() ? t.number : t.section + "." + t.number;
  crumbs.push_back({"Nhiệm vụ " + number, TaskPath(t)});
  Page page = NewPage(ctx, TaskPath(t), "task", t.title, crumbs);
  const std::string& from = page.path;
  const PlanText* plan = d.Plan(t.plan_id);

  Value tv = Value::MakeObject();
  tv.Set("number", number);
  tv.Set("title", t.title);
  tv.Set("section", t.section);
  tv.Set("section_title", t.section_title);
  tv.Set("table_title", t.table_title);
  tv.Set("output", t.output);
  tv.Set("note", t.note);
  tv.Set("lead_raw", t.lead_raw);
  tv.Set("partners_raw", t.partners_raw);
  tv.Set("source_file", t.source_file);
  tv.Set("source_line", std::to_string(t.source_line));
  if (plan) {
    tv.Set("plan_title", plan->title);
    tv.Set("plan_href", Href(from, PlanPath(*plan)));
    tv.Set("table_href", Href(from, PlanPath(*plan)) + "#" + TableAnchor(t.table_key));
  }
  page.data.Set("task", std::move(tv));

  // The deadline as written, and as the generator understood it.
  Value dl = Value::MakeObject();
  dl.Set("raw", t.deadline_raw.empty() ? std::string("Không ghi") : t.deadline_raw);
  dl.Set("kind_word", DeadlineKindWord(t.deadline_kind));
  dl.Set("start_vi", ViDate(t.start));
  dl.Set("due_vi", ViDate(t.due));
  Value ms = Value::MakeArray();
  for (const Milestone& m : t.milestones) {
    Value v = Value::MakeObject();
    v.Set("label", m.label);
    v.Set("start_vi", ViDate(m.start));
    v.Set("due_vi", ViDate(m.due));
    ms.Push(std::move(v));
  }
  dl.Set("has_milestones", ms.size() > 0);
  dl.Set("milestones", std::move(ms));
  page.data.Set("deadline", std::move(dl));

  Value row = TaskRow(d, t, from);
  page.data.Set("status", *row.Get("status"));
  page.data.Set("percent", *row.Get("percent"));
  page.data.Set("warnings", *row.Get("warnings"));
  page.data.Set("has_warnings", *row.Get("has_warnings"));
  page.data.Set("days_overdue", *row.Get("days_overdue"));
  page.data.Set("has_overdue_analysis", d.has_overdue);
  if (const Report* r = t.Latest()) {
    const Cycle& c = d.cycles[r->cycle];
    page.data.Set("status_cycle", c.label);
    page.data.Set("status_cycle_href", Href(from, CyclePath(c)));
  }

  Value history = Value::MakeArray();
  for (auto it = t.reports.rbegin(); it != t.reports.rend(); ++it) {
    const Report& r = *it;
    const Cycle& c = d.cycles[r.cycle];
    Value v = Value::MakeObject();
    v.Set("cycle", c.label);
    v.Set("cycle_href", Href(from, CyclePath(c)));
    v.Set("reported_on_vi", ViDate(r.reported_on));
    v.Set("status", LabelValue(TaskStatusLabel(r.status)));
    v.Set("percent", r.percent ? FormatPercent(*r.percent) : std::string());
    std::string url = Trim(r.evidence_url);
    const bool web = IsWebLink(url);
    v.Set("evidence_href", web ? url : std::string());
    v.Set("evidence_text", web ? std::string() : std::move(url));
    v.Set("review", ReviewWord(r.evidence_review));
    v.Set("review_rejected", r.evidence_review == "rejected");
    v.Set("note", r.note);
    v.Set("illustrative", c.illustrative);
    history.Push(std::move(v));
  }
  page.data.Set("has_history", history.size() > 0);
  page.data.Set("history", std::move(history));

  Value leads = AgencyLinks(d, t.agencies, true, from);
  Value partners = AgencyLinks(d, t.agencies, false, from);
  page.data.Set("has_leads", leads.size() > 0);
  page.data.Set("leads", std::move(leads));
  page.data.Set("has_partners", partners.size() > 0);
  page.data.Set("partners", std::move(partners));
  page.data.Set("illustrative", t.illustrative);
  page.data.Set("description", "Nhiệm vụ " + number + ": " + t.title + " (" + u.title + ")");
  SetSources(&page, {plan});
  pages->push_back(std::move(page));
}

}  // namespace

void AddTaskPages(const SiteContext& ctx, const SiteData& d, const Unit& u, std::vector<Page>* pages) {
  AddTaskList(ctx, d, u, pages);
  for (std::size_t t : u.tasks) AddTask(ctx, d, u, d.tasks[t], pages);
}

}  // namespace minhbach::site
