// /<unit>/bao-cao/<code>/: one report cycle and what changed since the
// previous one: new values, tasks completed, tasks that fell due in the
// period without being completed, other status changes. The page an editor
// links to after publishing a cycle.
#include "base/date.h"
#include "base/text.h"
#include "site/data_pages.h"
#include "site/labels.h"

namespace minhbach::site {

namespace {

const std::string kDone = "hoàn thành";

// The change between two values of an indicator, in its unit:
// percentages change by percentage points.
std::string FormatChange(double diff, const std::string& measure) {
  std::string n = FormatSigned(diff);
  if (measure.empty()) return n;
  if (measure[0] == '%') return n + " điểm %";
  return n + " " + measure;
}

// The task's report at or before cycle `c` (reports are oldest first).
const Report* ReportAsOf(const Task& t, std::size_t c) {
  const Report* found = nullptr;
  for (const Report& r : t.reports) {
    if (r.cycle <= c) found = &r;
  }
  return found;
}

Value CycleRef(const SiteData& d, std::size_t c, const std::string& from) {
  Value v = Value::MakeObject();
  v.Set("label", d.cycles[c].label);
  v.Set("href", Href(from, CyclePath(d.cycles[c])));
  return v;
}

void AddCycle(const SiteContext& ctx, const SiteData& d, const Unit& u, std::size_t k, std::vector<Page>* pages) {
  const std::size_t c = u.cycles[k];
  const Cycle& cycle = d.cycles[c];
  const std::size_t prev = k > 0 ? u.cycles[k - 1] : kNone;
  Crumbs crumbs = UnitCrumbs(u);
  crumbs.push_back({"Báo cáo " + cycle.label, CyclePath(cycle)});
  Page page = NewPage(ctx, CyclePath(cycle), "cycle", "Báo cáo " + cycle.label + " của " + u.title, crumbs);
  const std::string& from = page.path;

  Value cv = Value::MakeObject();
  cv.Set("label", cycle.label);
  cv.Set("code", cycle.code);
  cv.Set("period_start_vi", ViDate(cycle.period_start));
  cv.Set("period_end_vi", ViDate(cycle.period_end));
  cv.Set("published_vi", ViDate(cycle.published));
  cv.Set("published", cycle.published);
  cv.Set("source_file", cycle.source_file);
  page.data.Set("cycle", std::move(cv));
  page.data.Set("unit_title", u.title);
  page.data.Set("previous", prev == kNone ? Value() : CycleRef(d, prev, from));
  page.data.Set("next", k + 1 < u.cycles.size() ? CycleRef(d, u.cycles[k + 1], from) : Value());
  page.data.Set("illustrative", cycle.illustrative);

  // Values reported in this cycle, with the indicator's previous value.
  Value values = Value::MakeArray();
  for (std::size_t idx : u.indicators) {
    const Indicator& i = d.indicators[idx];
    const Observation* now = nullptr;
    const Observation* before = nullptr;
    for (const Observation& o : i.observations) {
      if (o.cycle == c) now = &o;
      if (o.cycle < c) before = &o;
    }
    if (!now) continue;
    Value v = Value::MakeObject();
    v.Set("href", Href(from, IndicatorPath(i)));
    v.Set("code", i.code);
    v.Set("name", i.name);
    v.Set("value", i.FormatValue(now->value));
    if (before) {
      v.Set("previous", i.FormatValue(before->value));
      v.Set("previous_cycle", d.cycles[before->cycle].label);
      v.Set("change", i.qualitative ? (now->value == before->value ? "Không đổi" : "Thay đổi")
                                    : FormatChange(now->value - before->value, i.measure));
    } else {
      v.Set("previous", "");
      v.Set("previous_cycle", "");
      v.Set("change", "Số liệu đầu tiên");
    }
    v.Set("status", LabelValue(ProgressLabel(i.Status())));
    values.Push(std::move(v));
  }
  page.data.Set("value_count", std::to_string(values.size()));
  page.data.Set("has_values", values.size() > 0);
  page.data.Set("values", std::move(values));

  // Tasks: completed in this cycle, fallen due in the period without being
  // completed, and other status changes.
  const Date period_end = ParseIsoDate(cycle.period_end).value_or(ctx.as_of);
  const std::string after = prev == kNone ? std::string() : d.cycles[prev].period_end;
  Value completed = Value::MakeArray(), fell_due = Value::MakeArray(), changed = Value::MakeArray();
  int reported = 0;
  for (std::size_t idx : u.tasks) {
    const Task& t = d.tasks[idx];
    const Report* now = nullptr;
    const Report* before = nullptr;
    for (const Report& r : t.reports) {
      if (r.cycle == c) now = &r;
      if (r.cycle < c) before = &r;
    }
    if (now) ++reported;
    auto row = [&](const Report* r) {
      Value v = Value::MakeObject();
      v.Set("href", Href(from, TaskPath(t)));
      v.Set("number", t.section.empty() ? t.number : t.section + "." + t.number);
      v.Set("title", t.title);
      v.Set("deadline_raw", t.deadline_raw);
      v.Set("status", LabelValue(TaskStatusLabel(r ? r->status : std::string())));
      v.Set("percent", r && r->percent ? FormatPercent(*r->percent) : std::string());
      v.Set("previous_status", LabelValue(TaskStatusLabel(before ? before->status : std::string())));
      return v;
    };
    if (now && now->status == kDone && (!before || before->status != kDone)) {
      completed.Push(row(now));
    } else if (now && (!before || before->status != now->status)) {
      changed.Push(row(now));
    }
    // Fell due inside this cycle's window: (previous period end, this period end].
    if (!t.due.empty() && t.due <= cycle.period_end && (after.empty() || t.due > after)) {
      const Report* as_of = ReportAsOf(t, c);
      if (!as_of || as_of->status != kDone) {
        Value v = row(as_of);
        auto due = ParseIsoDate(t.due);
        v.Set("due_vi", due ? due->ToVi() : std::string());
        long days = due ? DaysBetween(*due, period_end) : 0;
        v.Set("days", days > 0 ? DaysWord(days) : std::string("Đến hạn cuối kỳ"));
        fell_due.Push(std::move(v));
      }
    }
  }
  page.data.Set("reported_count", std::to_string(reported));
  page.data.Set("completed_count", std::to_string(completed.size()));
  page.data.Set("has_completed", completed.size() > 0);
  page.data.Set("completed", std::move(completed));
  page.data.Set("fell_due_count", std::to_string(fell_due.size()));
  page.data.Set("has_fell_due", fell_due.size() > 0);
  page.data.Set("fell_due", std::move(fell_due));
  page.data.Set("has_changed", changed.size() > 0);
  page.data.Set("changed", std::move(changed));
  page.data.Set("unit_href", Href(from, UnitPath(u.config->id)));
  SetSources(&page, u.plans);
  pages->push_back(std::move(page));
}

}  // namespace

void AddCyclePages(const SiteContext& ctx, const SiteData& d, const Unit& u, std::vector<Page>* pages) {
  for (std::size_t k = 0; k < u.cycles.size(); ++k) AddCycle(ctx, d, u, k, pages);
}

}  // namespace minhbach::site
