// Shared pieces of the data pages, and AddDataPages(): the one entry point.
#include "site/data_pages.h"

#include <algorithm>
#include <map>

#include "base/text.h"
#include "site/labels.h"
#include "site/site.h"

namespace minhbach {

namespace site {

namespace {

std::string LowerAscii(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// "dai-son/nq11-pl2-22" → "nq11-pl2-22": ids are "<unit>/<slug>".
std::string SlugOf(const std::string& id, const std::string& slug) {
  if (!slug.empty()) return slug;
  auto slash = id.find('/');
  return slash == std::string::npos ? id : id.substr(slash + 1);
}

}  // namespace

std::string HomePath() { return "index.html"; }
std::string UnitPath(const std::string& unit_id) { return unit_id + "/index.html"; }
std::string PlanPath(const PlanText& p) { return p.unit_id + "/ke-hoach/" + p.slug + "/index.html"; }
std::string IndicatorsPath(const std::string& unit_id) { return unit_id + "/chi-tieu/index.html"; }
std::string IndicatorPath(const Indicator& i) {
  return i.unit_id + "/chi-tieu/" + SlugOf(i.id, i.slug) + "/index.html";
}
std::string TasksPath(const std::string& unit_id) { return unit_id + "/nhiem-vu/index.html"; }
std::string TaskPath(const Task& t) { return t.unit_id + "/nhiem-vu/" + SlugOf(t.id, t.slug) + "/index.html"; }
std::string OverduePath(const std::string& unit_id) { return unit_id + "/qua-han/index.html"; }
std::string AgencyPath(const Agency& a) { return a.unit_id + "/co-quan/" + SlugOf(a.id, a.slug) + "/index.html"; }
std::string CyclePath(const Cycle& c) { return c.unit_id + "/bao-cao/" + LowerAscii(c.code) + "/index.html"; }
std::string TableAnchor(const std::string& table_key) { return "bang-" + table_key; }

std::string Href(const std::string& from, const std::string& to) {
  // The shortest relative link: drop the folders both paths share, then
  // climb out of what is left of `from`'s folder. Views, not substrings:
  // a commune's pages make about 2,500 links.
  std::string_view target = UrlPathView(to);
  const std::string_view from_dir(from.data(), from.rfind('/') + 1);  // npos + 1 == 0
  std::size_t common = 0;
  for (std::size_t i = 0; i < from_dir.size() && i < target.size() && from_dir[i] == target[i]; ++i) {
    if (from_dir[i] == '/') common = i + 1;
  }
  std::size_t ups = 0;
  for (std::size_t i = common; i < from_dir.size(); ++i) ups += from_dir[i] == '/';
  target.remove_prefix(common);
  if (ups == 0 && target.empty()) return "./";
  std::string href;
  href.reserve(3 * ups + target.size());
  for (std::size_t i = 0; i < ups; ++i) href += "../";
  href += target;
  return href;
}

Crumbs UnitCrumbs(const Unit& unit) {
  return {{"Trang chủ", HomePath()}, {unit.title, UnitPath(unit.config->id)}};
}

Page NewPage(const SiteContext& ctx, std::string path, std::string layout, const std::string& title,
             const Crumbs& crumbs) {
  Page p;
  p.path = std::move(path);
  p.layout = std::move(layout);
  p.data = BasePageData(ctx, p.path, title, crumbs);
  return p;
}

void SetSources(Page* page, const std::vector<const PlanText*>& plans) {
  Value list = Value::MakeArray();
  for (const PlanText* p : plans) {
    if (!p) continue;
    Value s = Value::MakeObject();
    s.Set("title", p->title);
    s.Set("href", Href(page->path, PlanPath(*p)));
    list.Push(std::move(s));
  }
  page->data.Set("has_sources", list.size() > 0);
  page->data.Set("source_link", std::move(list));
}

Value AgencyLinks(const SiteData& d, const std::vector<AgencyRole>& roles, bool lead, const std::string& from) {
  Value list = Value::MakeArray();
  for (const AgencyRole& r : roles) {
    if (r.lead != lead) continue;
    const Agency& a = d.agencies[r.agency];
    Value v = Value::MakeObject();
    v.Set("name", a.name);
    v.Set("href", Href(from, AgencyPath(a)));
    list.Push(std::move(v));
  }
  for (std::size_t i = 0; i + 1 < list.size(); ++i) list.as_array()[i].Set("sep", true);
  return list;
}

std::string DaysWord(long days) { return FormatNumberVi(static_cast<double>(days), 0) + " ngày"; }

Value TaskRow(const SiteData& d, const Task& t, const std::string& from) {
  Value v = Value::MakeObject();
  v.Set("href", Href(from, TaskPath(t)));
  v.Set("number", t.section.empty() ? t.number : t.section + "." + t.number);
  v.Set("title", t.title);
  Value leads = AgencyLinks(d, t.agencies, true, from);
  v.Set("has_leads", leads.size() > 0);
  v.Set("leads", std::move(leads));
  v.Set("deadline_raw", t.deadline_raw.empty() ? std::string("Không ghi") : t.deadline_raw);
  v.Set("status", LabelValue(TaskStatusLabel(t.Status())));
  const Report* latest = t.Latest();
  v.Set("percent", latest && latest->percent ? FormatPercent(*latest->percent) : std::string());
  Value warnings = Value::MakeArray();
  for (std::size_t k = 0; k < t.warnings.keys.size(); ++k) {
    Value w = LabelValue(WarningLabel(t.warnings.keys[k]));
    w.Set("reason", k < t.warnings.reasons.size() ? t.warnings.reasons[k] : std::string());
    warnings.Push(std::move(w));
  }
  v.Set("has_warnings", warnings.size() > 0);
  v.Set("no_warning", warnings.size() > 0 ? "" : d.has_overdue ? "Không" : "Chưa phân tích");
  v.Set("warnings", std::move(warnings));
  if (t.warnings.days_overdue && *t.warnings.days_overdue > 0) {
    v.Set("days_overdue", FormatNumberVi(static_cast<double>(*t.warnings.days_overdue), 0));
  } else {
    v.Set("days_overdue", "");
  }
  return v;
}

Value NextTarget(const SiteContext& ctx, const Indicator& i) {
  std::optional<int> year;
  if (i.trajectory && i.trajectory->next_milestone) year = i.trajectory->next_milestone;
  if (!year) {
    for (const Target& t : i.targets) {
      if (t.year >= ctx.as_of.year) {
        year = t.year;
        break;
      }
    }
  }
  if (!year) return Value();
  std::string raw;
  for (const Target& t : i.targets) {
    if (t.year != *year) continue;
    if (!raw.empty()) raw += "; ";
    raw += t.raw;
  }
  if (raw.empty() && i.trajectory) raw = i.trajectory->target_raw;
  if (raw.empty()) return Value();
  Value v = Value::MakeObject();
  v.Set("year", std::to_string(*year));
  v.Set("raw", raw);
  return v;
}

Value IndicatorRow(const SiteContext& ctx, const SiteData& d, const Indicator& i, const std::string& from) {
  Value v = Value::MakeObject();
  v.Set("href", Href(from, IndicatorPath(i)));
  v.Set("code", i.code);
  v.Set("name", i.name);
  v.Set("status", LabelValue(ProgressLabel(i.Status())));
  if (const Observation* o = i.Latest()) {
    const Cycle& c = d.cycles[o->cycle];
    v.Set("latest", i.FormatValue(o->value));
    v.Set("latest_cycle", c.label);
    v.Set("illustrative", c.illustrative);
  } else {
    v.Set("latest", "");
  }
  v.Set("next_target", NextTarget(ctx, i));
  return v;
}

Value ProgressCounts(const SiteData& d, const std::vector<std::size_t>& indicators) {
  std::map<std::string, int> count;
  for (std::size_t i : indicators) ++count[d.indicators[i].Status()];
  Value list = Value::MakeArray();
  for (const char* key : ProgressOrder()) {
    auto it = count.find(key);
    if (it == count.end()) continue;
    Value v = LabelValue(ProgressLabel(key));
    v.Set("count", std::to_string(it->second));
    list.Push(std::move(v));
  }
  return list;
}

Value WarningCounts(const SiteData& d, const std::vector<std::size_t>& tasks) {
  std::map<std::string, int> count;
  for (std::size_t i : tasks) {
    for (const std::string& k : d.tasks[i].warnings.keys) ++count[k];
  }
  Value list = Value::MakeArray();
  for (const char* key : WarningOrder()) {
    auto it = count.find(key);
    if (it == count.end()) continue;
    Value v = LabelValue(WarningLabel(key));
    v.Set("count", std::to_string(it->second));
    list.Push(std::move(v));
  }
  return list;
}

bool HasMethodPage(const SiteContext& ctx) {
  for (const StaticPage& p : ctx.content->pages) {
    if (p.slug == "phuong-phap") return true;
  }
  return false;
}

}  // namespace site

void AddDataHomePage(const SiteContext& ctx, const site::SiteData& d, std::vector<Page>* pages) {
  site::AddHomePage(ctx, d, pages);
}

void AddDataHomePage(const SiteContext& ctx, const std::vector<site::HomeUnit>& units, std::vector<Page>* pages) {
  site::AddHomePage(ctx, units, pages);
}

void AddDataUnitPages(const SiteContext& ctx, const site::SiteData& d, std::size_t unit, std::vector<Page>* pages) {
  const site::Unit& u = d.units[unit];
  site::AddUnitPage(ctx, d, u, pages);
  site::AddPlanPages(ctx, d, u, pages);
  site::AddIndicatorPages(ctx, d, u, pages);
  site::AddTaskPages(ctx, d, u, pages);
  site::AddOverduePages(ctx, d, u, pages);
  site::AddAgencyPages(ctx, d, u, pages);
  site::AddCyclePages(ctx, d, u, pages);
}

}  // namespace minhbach
