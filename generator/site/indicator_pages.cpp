// /<unit>/chi-tieu/ (indicators grouped as in the plan) and
// /<unit>/chi-tieu/<slug>/ (one indicator, with <slug>.csv and <slug>.json).
#include <string>

#include "base/text.h"
#include "site/data_pages.h"
#include "site/labels.h"
#include "site/open_data.h"

namespace minhbach::site {

namespace {

std::string CsvNumber(const std::optional<double>& v) { return v ? FormatJsonNumber(*v) : std::string(); }

Value OptNumber(const std::optional<double>& v) { return v ? Value(*v) : Value(); }

// Sentence that says what the status means for this indicator.
std::string StatusSentence(const Indicator& i) {
  const std::string& s = i.Status();
  if (s == "achieved") return "Chỉ tiêu đã đạt mục tiêu của mốc gần nhất.";
  if (s == "on_track") return "Nếu giữ tốc độ hiện nay, chỉ tiêu sẽ đạt mục tiêu đúng hạn.";
  if (s == "accelerate") return "Chỉ tiêu đang tiến triển nhưng cần nhanh hơn để đạt mục tiêu đúng hạn.";
  if (s == "limited") return "Chỉ tiêu tiến triển chậm, có nguy cơ không đạt mục tiêu.";
  if (s == "regressing") return "Chỉ tiêu đang đi ngược hướng mục tiêu.";
  if (s == "insufficient_data") return "Chưa đủ số liệu báo cáo (cần ít nhất hai kỳ) để đánh giá tiến độ.";
  if (s == "qualitative") return "Mục tiêu định tính: không tính tiến độ bằng số.";
  return "Chưa có kết quả đánh giá tiến độ cho chỉ tiêu này.";
}

Value TrajectoryValue(const SiteData& d, const Indicator& i, const std::string& from) {
  if (!i.trajectory) return Value();
  const Trajectory& t = *i.trajectory;
  Value v = Value::MakeObject();
  v.Set("next_year", t.next_milestone ? std::to_string(*t.next_milestone) : std::string());
  v.Set("target_raw", t.target_raw);
  v.Set("latest", t.latest_value ? i.FormatValue(*t.latest_value) : std::string());
  std::string cycle_label;
  for (const Observation& o : i.observations) {
    if (d.cycles[o.cycle].id == t.latest_cycle) cycle_label = d.cycles[o.cycle].label;
  }
  v.Set("latest_cycle", cycle_label);
  v.Set("required", t.required_annual_change ? FormatAnnualChange(*t.required_annual_change, i.measure) : "");
  v.Set("observed", t.observed_annual_change ? FormatAnnualChange(*t.observed_annual_change, i.measure) : "");
  v.Set("projected", t.projected ? FormatMeasured(*t.projected, i.measure) : std::string());
  v.Set("ratio", t.ratio ? FormatNumberVi(*t.ratio) : std::string());
  v.Set("status", LabelValue(ProgressLabel(i.Status())));
  return v;
}

Value IndicatorJson(const SiteContext& ctx, const SiteData& d, const Indicator& i, const PlanText* plan) {
  Value j = Value::MakeObject();
  j.Set("id", i.id);
  j.Set("unit", i.unit_id);
  j.Set("plan", i.plan_id);
  j.Set("plan_title", plan ? plan->title : std::string());
  j.Set("table", i.table_title);
  j.Set("code", i.code);
  j.Set("group", i.group_path);
  j.Set("name", i.name);
  j.Set("measure", i.measure);
  j.Set("direction", i.direction);
  j.Set("output", i.output);
  for (bool lead : {true, false}) {
    Value list = Value::MakeArray();
    for (const AgencyRole& r : i.agencies) {
      if (r.lead != lead) continue;
      Value a = Value::MakeObject();
      a.Set("id", d.agencies[r.agency].id);
      a.Set("name", d.agencies[r.agency].name);
      list.Push(std::move(a));
    }
    j.Set(lead ? "lead_agencies" : "partner_agencies", std::move(list));
  }
  Value targets = Value::MakeArray();
  for (const Target& t : i.targets) {
    Value v = Value::MakeObject();
    v.Set("year", t.year);
    v.Set("comparator", t.comparator);
    v.Set("value", OptNumber(t.value));
    v.Set("value_hi", OptNumber(t.value_hi));
    v.Set("raw", t.raw);
    v.Set("qualifier", t.qualifier);
    targets.Push(std::move(v));
  }
  j.Set("targets", std::move(targets));
  Value obs = Value::MakeArray();
  for (const Observation& o : i.observations) {
    const Cycle& c = d.cycles[o.cycle];
    Value v = Value::MakeObject();
    v.Set("cycle", c.code);
    v.Set("period_end", c.period_end);
    v.Set("published", c.published);
    v.Set("value", o.value);
    v.Set("illustrative", c.illustrative);
    v.Set("note", o.note);
    v.Set("source", o.source);
    obs.Push(std::move(v));
  }
  j.Set("observations", std::move(obs));
  if (i.trajectory) {
    const Trajectory& t = *i.trajectory;
    Value tv = Value::MakeObject();
    tv.Set("next_milestone", t.next_milestone ? Value(*t.next_milestone) : Value());
    tv.Set("target_raw", t.target_raw);
    tv.Set("required_annual_change", OptNumber(t.required_annual_change));
    tv.Set("observed_annual_change", OptNumber(t.observed_annual_change));
    tv.Set("projected", OptNumber(t.projected));
    tv.Set("ratio", OptNumber(t.ratio));
    tv.Set("status", t.status);
    j.Set("trajectory", std::move(tv));
  } else {
    j.Set("trajectory", Value());
  }
  j.Set("url", ctx.config->base_url + UrlPathOf(IndicatorPath(i)));
  Value src = Value::MakeObject();
  src.Set("file", i.source_file);
  src.Set("line", i.source_line);
  j.Set("source", std::move(src));
  j.Set("as_of", ctx.as_of.ToIso());
  return j;
}

std::string IndicatorCsv(const SiteData& d, const Indicator& i) {
  std::string csv =
      "ma_chi_tieu,ten_chi_tieu,don_vi_do,loai,nam_hoac_ky,ngay_cong_bo,so_sanh,gia_tri,gia_tri_tren,"
      "nguyen_van,minh_hoa,ghi_chu,nguon\n";
  const std::string head = CsvField(i.id) + "," + CsvField(i.name) + "," + CsvField(i.measure) + ",";
  for (const Target& t : i.targets) {
    csv += head + "muc_tieu," + std::to_string(t.year) + ",," + CsvField(t.comparator) + "," + CsvNumber(t.value) +
           "," + CsvNumber(t.value_hi) + "," + CsvField(t.raw) + ",0," + CsvField(t.qualifier) + ",\n";
  }
  for (const Observation& o : i.observations) {
    const Cycle& c = d.cycles[o.cycle];
    csv += head + "so_lieu," + CsvField(c.code) + "," + c.published + ",," + FormatJsonNumber(o.value) + ",,," +
           (c.illustrative ? "1" : "0") + "," + CsvField(o.note) + "," + CsvField(o.source) + "\n";
  }
  return csv;
}

void AddIndicatorList(const SiteContext& ctx, const SiteData& d, const Unit& u, std::vector<Page>* pages) {
  Crumbs crumbs = UnitCrumbs(u);
  crumbs.push_back({"Chỉ tiêu", IndicatorsPath(u.config->id)});
  Page page = NewPage(ctx, IndicatorsPath(u.config->id), "indicators", "Chỉ tiêu của " + u.title, crumbs);
  const std::string& from = page.path;
  page.data.Set("unit_title", u.title);
  page.data.Set("total", std::to_string(u.indicators.size()));
  page.data.Set("progress", ProgressCounts(d, u.indicators));
  page.data.Set("has_trajectory", d.has_trajectory);
  if (HasMethodPage(ctx)) page.data.Set("method_href", Href(from, "phuong-phap/index.html"));

  // Plan → appendix (table) → group, in the plan's order.
  Value plans = Value::MakeArray();
  bool illustrative = false;
  for (const PlanText* p : u.plans) {
    const std::string plan_id = p->unit_id + "/" + p->slug;
    Value tables = Value::MakeArray();
    std::string table_key = "\x01", group = "\x01";
    for (std::size_t idx : u.indicators) {
      const Indicator& i = d.indicators[idx];
      if (i.plan_id != plan_id) continue;
      illustrative = illustrative || i.illustrative;
      if (i.table_key != table_key) {
        Value t = Value::MakeObject();
        t.Set("title", i.table_title);
        t.Set("href", Href(from, PlanPath(*p)) + "#" + TableAnchor(i.table_key));
        t.Set("groups", Value::MakeArray());
        tables.Push(std::move(t));
        table_key = i.table_key;
        group = "\x01";
      }
      Value& t = tables.as_array().back();
      if (i.group_path != group) {
        Value g = Value::MakeObject();
        g.Set("caption", i.group_path.empty() ? i.table_title : i.group_path);
        g.Set("rows", Value::MakeArray());
        t.Get("groups")->Push(std::move(g));
        group = i.group_path;
      }
      t.Get("groups")->as_array().back().Get("rows")->Push(IndicatorRow(ctx, d, i, from));
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

void AddIndicator(const SiteContext& ctx, const SiteData& d, const Unit& u, const Indicator& i,
                  std::vector<Page>* pages) {
  Crumbs crumbs = UnitCrumbs(u);
  crumbs.push_back({"Chỉ tiêu", IndicatorsPath(u.config->id)});
  crumbs.push_back({"Chỉ tiêu " + i.code, IndicatorPath(i)});
  Page page = NewPage(ctx, IndicatorPath(i), "indicator", i.name, crumbs);
  const std::string& from = page.path;
  const PlanText* plan = d.Plan(i.plan_id);
  const std::string slug = i.slug.empty() ? i.id.substr(i.id.find('/') + 1) : i.slug;

  Value iv = Value::MakeObject();
  iv.Set("code", i.code);
  iv.Set("name", i.name);
  iv.Set("measure", i.measure);
  iv.Set("direction_word", i.direction == "decrease" ? "Giảm là tốt" : "Tăng là tốt");
  iv.Set("group", i.group_path);
  iv.Set("table_title", i.table_title);
  iv.Set("output", i.output);
  iv.Set("lead_raw", i.lead_raw);
  iv.Set("partners_raw", i.partners_raw);
  iv.Set("source_file", i.source_file);
  iv.Set("source_line", std::to_string(i.source_line));
  if (plan) {
    iv.Set("plan_title", plan->title);
    iv.Set("plan_href", Href(from, PlanPath(*plan)));
    iv.Set("table_href", Href(from, PlanPath(*plan)) + "#" + TableAnchor(i.table_key));
  }
  page.data.Set("indicator", std::move(iv));
  page.data.Set("status", LabelValue(ProgressLabel(i.Status())));
  page.data.Set("status_sentence", StatusSentence(i));
  page.data.Set("chart_html", i.chart_svg ? *i.chart_svg : std::string());

  Value targets = Value::MakeArray();
  for (const Target& t : i.targets) {
    Value v = Value::MakeObject();
    v.Set("year", std::to_string(t.year));
    v.Set("raw", t.raw);
    v.Set("qualifier", t.qualifier);
    std::string met;
    if (i.trajectory) {
      for (const auto& m : i.trajectory->milestones) {
        if (m.year == t.year && m.met) met = *m.met ? "Đã đạt" : "Chưa đạt";
      }
    }
    v.Set("met", met);
    targets.Push(std::move(v));
  }
  page.data.Set("has_targets", targets.size() > 0);
  page.data.Set("targets", std::move(targets));

  Value obs = Value::MakeArray();
  for (const Observation& o : i.observations) {
    const Cycle& c = d.cycles[o.cycle];
    Value v = Value::MakeObject();
    v.Set("cycle", c.label);
    v.Set("cycle_href", Href(from, CyclePath(c)));
    v.Set("published_vi", ViDate(c.published));
    v.Set("value", i.FormatValue(o.value));
    v.Set("note", o.note);
    v.Set("source", o.source);
    v.Set("illustrative", c.illustrative);
    obs.Push(std::move(v));
  }
  page.data.Set("has_observations", obs.size() > 0);
  if (const Observation* o = i.Latest()) {
    Value latest = Value::MakeObject();
    latest.Set("value", i.FormatValue(o->value));
    latest.Set("cycle", d.cycles[o->cycle].label);
    latest.Set("illustrative", d.cycles[o->cycle].illustrative);
    page.data.Set("latest", std::move(latest));
  }
  page.data.Set("observations", std::move(obs));
  page.data.Set("trajectory", TrajectoryValue(d, i, from));
  page.data.Set("has_trajectory_analysis", d.has_trajectory);
  page.data.Set("next_target", NextTarget(ctx, i));
  if (HasMethodPage(ctx)) page.data.Set("method_href", Href(from, "phuong-phap/index.html"));

  Value leads = AgencyLinks(d, i.agencies, true, from);
  Value partners = AgencyLinks(d, i.agencies, false, from);
  page.data.Set("has_leads", leads.size() > 0);
  page.data.Set("leads", std::move(leads));
  page.data.Set("has_partners", partners.size() > 0);
  page.data.Set("partners", std::move(partners));

  page.data.Set("csv_href", slug + ".csv");
  page.data.Set("json_href", slug + ".json");
  page.data.Set("illustrative", i.illustrative);
  page.data.Set("description", "Chỉ tiêu " + i.code + ": " + i.name + " (" + u.title + ")");
  SetSources(&page, {plan});
  const std::string dir = from.substr(0, from.size() - std::string("index.html").size());

  Page csv;
  csv.path = dir + slug + ".csv";
  csv.bytes = IndicatorCsv(d, i);
  Page json;
  json.path = dir + slug + ".json";
  json.bytes = IndicatorJson(ctx, d, i, plan).ToPrettyJson();
  pages->push_back(std::move(page));
  pages->push_back(std::move(csv));
  pages->push_back(std::move(json));
}

}  // namespace

void AddIndicatorPages(const SiteContext& ctx, const SiteData& d, const Unit& u, std::vector<Page>* pages) {
  AddIndicatorList(ctx, d, u, pages);
  for (std::size_t i : u.indicators) AddIndicator(ctx, d, u, d.indicators[i], pages);
}

}  // namespace minhbach::site
