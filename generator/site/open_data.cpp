#include "site/open_data.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "base/fs.h"
#include "base/text.h"
#include "data/export.h"
#include "data/sqlite_util.h"
#include "plugins/json_rows.h"
#include "site/site.h"

namespace minhbach {

namespace {

std::string UnitTitleOf(const UnitConfig& u) { return (u.kind == "phường" ? "Phường " : "Xã ") + u.name; }

// --------------------------------------------------------------- CSV

class Csv {
 public:
  explicit Csv(std::initializer_list<const char*> header) {
    std::vector<std::string> h(header.begin(), header.end());
    Row(h);
  }
  void Row(const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i) text_ += ',';
      AppendCsvField(&text_, fields[i]);
    }
    text_ += "\r\n";
  }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

std::string Num(const Stmt& q, int col) { return q.IsNull(col) ? std::string() : FormatJsonNumber(q.Double(col)); }
std::string Opt(const Stmt& q, int col) { return q.IsNull(col) ? std::string() : q.Text(col); }
std::string Bool(bool b) { return b ? "true" : "false"; }

const char* const kObservationHeader[] = {"indicator", "cycle", "period_start", "period_end", "published",
                                          "value",     "note",  "source",       "illustrative"};

struct UnitCsvs {
  Csv indicators{"id",      "plan",    "table", "code",    "group",        "name",
                 "measure", "direction", "lead", "partners", "output",     "targets",
                 "latest_value", "latest_cycle", "latest_illustrative"};
  Csv tasks{"id",       "plan",          "section", "section_title", "number", "title",
            "lead",     "partners",      "output",  "deadline_raw",  "deadline_kind", "start",
            "due",      "status",        "percent", "evidence_review", "evidence_url", "reported_on",
            "cycle",    "illustrative"};
  Csv observations{"indicator", "name", "measure", "cycle", "period_start", "period_end",
                   "published", "value", "note",   "source", "illustrative"};
};

struct IndicatorRow {
  std::string unit, slug, name, measure;
  std::vector<std::string> fields;  // chi-tieu.csv row without the latest_* columns
  std::vector<std::vector<std::string>> observations;  // per-indicator CSV rows
};

// The indicator's own CSV beside its page, when the indicator pages write one.
std::string PageCsvPath(const std::string& unit, const std::string& slug) {
  return unit + "/chi-tieu/" + slug + "/" + slug + ".csv";
}

// The CSV files of every unit and indicator, from five set-based queries. An
// indicator whose page already has a CSV beside it gets no second one.
void AddCsvFiles(const SiteContext& ctx, const std::set<std::string>& existing, std::vector<Page>* out) {
  sqlite3* db = ctx.db;
  const IdRange range = IdRangeOf(ctx);
  std::vector<const UnitConfig*> unit_list;
  for (const UnitConfig& u : ctx.config->units) {
    if (!ctx.unit || ctx.unit == &u) unit_list.push_back(&u);
  }
  const auto ranks = PlanRanks(db, range);
  const auto cycles = CycleInfos(db, range);
  std::vector<IndicatorRow> indicators;
  std::unordered_map<std::string, std::size_t> index;
  {
    // Read in id order, put in (unit, plan, position) order.
    std::vector<std::pair<std::tuple<PlanRank, long long, std::size_t>, IndicatorRow>> read;
    Stmt q(db,
           "SELECT id, unit_id, slug, plan_id, table_key, code, group_path, name, measure, direction, lead_raw, "
           "partners_raw, output, position FROM indicator WHERE id >= ?1 AND id < ?2 ORDER BY id");
    q.Bind(1, range.lo).Bind(2, range.hi);
    while (q.Step()) {
      auto rank = ranks.find(q.Text(3));
      if (rank == ranks.end()) continue;
      IndicatorRow r;
      r.unit = q.Text(1);
      r.slug = q.Text(2);
      r.name = q.Text(7);
      r.measure = q.Text(8);
      for (int c : {0, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}) r.fields.push_back(q.Text(c));
      r.fields.push_back(std::string());  // targets
      read.emplace_back(std::make_tuple(rank->second, q.Int(13), read.size()), std::move(r));
    }
    std::sort(read.begin(), read.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    for (auto& [key, r] : read) {
      index.emplace(r.fields[0], indicators.size());
      indicators.push_back(std::move(r));
    }
  }
  {
    Stmt q(db, "SELECT indicator_id, year, raw FROM target WHERE indicator_id >= ?1 AND indicator_id < ?2 "
               "ORDER BY indicator_id, year, seq");
    q.Bind(1, range.lo).Bind(2, range.hi);
    while (q.Step()) {
      auto it = index.find(q.Text(0));
      if (it == index.end()) continue;
      std::string& targets = indicators[it->second].fields.back();
      targets += (targets.empty() ? "" : "; ") + std::to_string(q.Int(1)) + ": " + q.Text(2);
    }
  }
  {
    // Each indicator's observations in report order (CycleInfo::Before).
    struct Observed {
      std::size_t at;
      const CycleInfo* cycle;
      std::vector<std::string> row;
    };
    std::vector<Observed> observed;
    Stmt q(db,
           "SELECT indicator_id, cycle_id, value, note, source, illustrative FROM observation "
           "WHERE indicator_id >= ?1 AND indicator_id < ?2 ORDER BY indicator_id, cycle_id");
    q.Bind(1, range.lo).Bind(2, range.hi);
    while (q.Step()) {
      auto it = index.find(q.Text(0));
      auto cycle = cycles.find(q.Text(1));
      if (it == index.end() || cycle == cycles.end()) continue;
      const CycleInfo& c = cycle->second;
      observed.push_back(Observed{it->second, &c,
                                  {q.Text(0), c.code, c.period_start, c.period_end, c.published, Num(q, 2),
                                   q.Text(3), q.Text(4), Bool(q.Int(5) != 0)}});
    }
    std::stable_sort(observed.begin(), observed.end(), [](const Observed& x, const Observed& y) {
      return x.at != y.at ? x.at < y.at : x.cycle->Before(*y.cycle);
    });
    for (Observed& o : observed) indicators[o.at].observations.push_back(std::move(o.row));
  }

  std::map<std::string, UnitCsvs> units;
  for (const UnitConfig* u : unit_list) units[u->id];
  for (const IndicatorRow& r : indicators) {
    auto unit = units.find(r.unit);
    if (unit == units.end()) continue;
    std::vector<std::string> row = r.fields;
    if (r.observations.empty()) {
      row.insert(row.end(), {"", "", ""});
    } else {
      const auto& last = r.observations.back();
      row.insert(row.end(), {last[5], last[1], last[8]});
    }
    unit->second.indicators.Row(row);
    Csv one({kObservationHeader[0], kObservationHeader[1], kObservationHeader[2], kObservationHeader[3],
             kObservationHeader[4], kObservationHeader[5], kObservationHeader[6], kObservationHeader[7],
             kObservationHeader[8]});
    for (const auto& o : r.observations) {
      one.Row(o);
      unit->second.observations.Row({o[0], r.name, r.measure, o[1], o[2], o[3], o[4], o[5], o[6], o[7], o[8]});
    }
    if (existing.count(PageCsvPath(r.unit, r.slug))) continue;
    Page page;
    page.path = "api/v1/" + r.unit + "/chi-tieu/" + r.slug + ".csv";
    page.bytes = one.text();
    out->push_back(std::move(page));
  }

  {
    // The fields of each task's latest report.
    std::unordered_map<std::string, std::vector<std::string>> latest;
    Stmt r(db,
           "SELECT task_id, cycle_id, status, percent, evidence_review, evidence_url, reported_on, illustrative "
           "FROM task_report WHERE task_id >= ?1 AND task_id < ?2 ORDER BY task_id, cycle_id");
    ForLatestReports(&r, range, cycles, [&](const std::string& task, const CycleInfo& cycle) {
      latest[task] = {r.Text(2), Num(r, 3), Opt(r, 4), r.Text(5), r.Text(6), cycle.code, Bool(r.Int(7) != 0)};
    });
    // Tasks read in id order, written in (unit, plan, position) order.
    std::vector<std::pair<std::tuple<PlanRank, long long, std::size_t>, std::pair<std::string, std::vector<std::string>>>>
        rows;
    Stmt q(db,
           "SELECT id, unit_id, plan_id, section, section_title, number, title, lead_raw, partners_raw, output, "
           "deadline_raw, deadline_kind, start, due, position FROM task WHERE id >= ?1 AND id < ?2 ORDER BY id");
    q.Bind(1, range.lo).Bind(2, range.hi);
    while (q.Step()) {
      auto rank = ranks.find(q.Text(2));
      if (rank == ranks.end()) continue;
      std::vector<std::string> row;
      for (int c : {0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}) row.push_back(q.Text(c));
      row.push_back(Opt(q, 12));
      row.push_back(Opt(q, 13));
      auto it = latest.find(q.Text(0));
      if (it == latest.end()) {
        row.insert(row.end(), {"", "", "", "", "", "", "false"});
      } else {
        row.insert(row.end(), it->second.begin(), it->second.end());
      }
      rows.emplace_back(std::make_tuple(rank->second, q.Int(14), rows.size()), std::make_pair(q.Text(1), std::move(row)));
    }
    std::sort(rows.begin(), rows.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    for (const auto& [key, row] : rows) {
      auto unit = units.find(row.first);
      if (unit != units.end()) unit->second.tasks.Row(row.second);
    }
  }

  for (const UnitConfig* u : unit_list) {
    const UnitCsvs& c = units[u->id];
    for (const auto& [name, csv] : {std::pair<const char*, const Csv*>{"chi-tieu.csv", &c.indicators},
                                    {"nhiem-vu.csv", &c.tasks},
                                    {"so-lieu.csv", &c.observations}}) {
      Page page;
      page.path = "api/v1/" + u->id + "/" + name;
      page.bytes = csv->text();
      out->push_back(std::move(page));
    }
  }
}

// --------------------------------------------------------------- JSON

struct Dataset {
  const char* name;
  const char* title;
  Value (*exporter)(sqlite3*, const IdRange&);  // nullptr: written by someone else (plug-ins)
};

const Dataset kDatasets[] = {
    {"units", "Xã, phường", ExportUnits},
    {"plans", "Kế hoạch: số hiệu, cơ quan ban hành, ngày, người ký", ExportPlans},
    {"agencies", "Cơ quan chủ trì, phối hợp", ExportAgencies},
    {"cycles", "Kỳ báo cáo và ngày công bố", ExportCycles},
    {"indicators", "Chỉ tiêu: mục tiêu theo mốc năm, số liệu các kỳ báo cáo", ExportIndicators},
    {"tasks", "Nhiệm vụ: cơ quan, thời hạn, tiến độ báo cáo gần nhất", ExportTasks},
    {"trajectory", "Đánh giá khả năng đạt chỉ tiêu (theo phương pháp của trang)", nullptr},
    {"overdue", "Nhiệm vụ quá hạn, chậm tiến độ và các cảnh báo khác", nullptr},
};

bool HasSchema(std::string_view name) {
  for (const JsonSchemaFile& s : JsonSchemas()) {
    if (s.name == name) return true;
  }
  return false;
}

std::string SizeVi(std::size_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " byte";
  if (bytes < 1024 * 1024) return FormatNumberVi(bytes / 1024.0, 1) + " KB";
  return FormatNumberVi(bytes / (1024.0 * 1024.0), 1) + " MB";
}

// "api/v1/x.json" -> "x"; "" when the path is not a top-level api/v1 JSON file.
std::string ApiJsonName(const std::string& path) {
  static const std::string kPrefix = "api/v1/";
  if (!StartsWith(path, kPrefix) || !EndsWith(path, ".json")) return std::string();
  std::string name = path.substr(kPrefix.size(), path.size() - kPrefix.size() - 5);
  if (name.empty() || name.find('/') != std::string::npos) return std::string();
  return name;
}

}  // namespace

void AppendCsvField(std::string* out, std::string_view s) {
  // Most fields need no quotes: one scan, 16 bytes at a time, says so.
  static constexpr char kSpecial[5] = {',', '"', '\r', '\n', ','};
  if (FindEscapable(s, 0, kSpecial) == s.size()) {
    out->append(s);
    return;
  }
  out->push_back('"');
  for (char c : s) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

std::string CsvField(std::string_view s) {
  std::string out;
  AppendCsvField(&out, s);
  return out;
}

namespace {

// The first CSV of one indicator among `paths`, in path order.
std::string FirstIndicatorCsv(const std::set<std::string>& paths) {
  for (const std::string& p : paths) {
    auto parts = Split(p, '/');
    if (parts.size() == 4 && parts[1] == "chi-tieu" && parts[3] == parts[2] + ".csv") return p;
  }
  return std::string();
}

}  // namespace

std::vector<std::pair<std::string, std::vector<std::string>>> OpenDataRows(const SiteContext& ctx) {
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  if (!ctx.db) return out;
  const IdRange range = IdRangeOf(ctx);
  for (const Dataset& d : kDatasets) {
    if (!d.exporter) continue;
    std::vector<std::string> elements;
    const Value rows = d.exporter(ctx.db, range);
    for (const Value& v : rows.as_array()) elements.push_back(JsonRowElement(v));
    out.emplace_back(std::string("api/v1/") + d.name + ".json", std::move(elements));
  }
  return out;
}

OpenDataUnit AddUnitOpenData(const SiteContext& ctx, const std::set<std::string>& existing, std::vector<Page>* pages) {
  OpenDataUnit unit;
  unit.has_feed = existing.count(ctx.unit->id + "/feed.xml") > 0;
  unit.csv_beside_page = FirstIndicatorCsv(existing);
  if (!ctx.db) return unit;
  const std::size_t first = pages->size();
  AddCsvFiles(ctx, existing, pages);
  for (std::size_t i = first; i < pages->size() && unit.csv_added.empty(); ++i) {
    const std::string& path = (*pages)[i].path;
    if (path.find("/chi-tieu/") != std::string::npos && EndsWith(path, ".csv")) unit.csv_added = path;
  }
  return unit;
}

void AddOpenData(const SiteContext& ctx, std::vector<Page>* pages) {
  std::set<std::string> paths;
  for (const Page& p : *pages) paths.insert(p.path);
  AddOpenData(ctx, paths, pages);
}

void AddOpenData(const SiteContext& ctx, const std::set<std::string>& existing, std::vector<Page>* pages) {
  std::set<std::string> api_json;
  for (const std::string& p : existing) {
    if (!ApiJsonName(p).empty()) api_json.insert(p);
  }
  // The database's JSON exports, unless a page already writes them.
  if (ctx.db) {
    for (const Dataset& d : kDatasets) {
      std::string path = std::string("api/v1/") + d.name + ".json";
      if (!d.exporter || api_json.count(path)) continue;
      Page page;
      page.path = path;
      page.bytes = d.exporter(ctx.db, IdRange::All()).ToJsonLines();
      api_json.insert(path);
      pages->push_back(std::move(page));
    }
  }
  std::vector<OpenDataUnit> units;
  for (const UnitConfig& u : ctx.config->units) {
    SiteContext unit_ctx = ctx;
    unit_ctx.unit = &u;
    std::set<std::string> mine;
    for (auto it = existing.lower_bound(u.id + "/"); it != existing.end() && it->compare(0, u.id.size() + 1, u.id + "/") == 0; ++it) {
      mine.insert(*it);
    }
    units.push_back(AddUnitOpenData(unit_ctx, mine, pages));
  }
  AddOpenDataIndex(ctx, units, api_json, pages);
}

void AddOpenDataIndex(const SiteContext& ctx, const std::vector<OpenDataUnit>& unit_parts,
                      const std::set<std::string>& api_json, std::vector<Page>* pages) {
  const SiteConfig& cfg = *ctx.config;
  std::vector<Page> added;
  for (const JsonSchemaFile& s : JsonSchemas()) {
    Page page;
    page.path = "api/v1/schema/" + std::string(s.name);
    page.bytes = std::string(s.text);
    added.push_back(std::move(page));
  }

  // The whole database, as the build made it: a hard link to it where the
  // file system allows, else a copy (it is the biggest file of the site).
  Value database;
  std::string database_size;
  if (ctx.db) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(cfg.database, ec);
    if (!ec) {
      Page page;
      page.path = "du-lieu/minhbach.sqlite";
      page.copy_from = cfg.database;
      page.may_link = true;  // every writer replaces it (database.h: DatabaseChange)
      database = Value::MakeObject();
      database.Set("path", page.path);
      database.Set("bytes", static_cast<long long>(size));
      database_size = SizeVi(size);
      added.push_back(std::move(page));
    }
  }

  // The data's date: the latest publication of a report cycle.
  std::string updated;
  if (ctx.db) {
    Stmt q(ctx.db, "SELECT max(published) FROM cycle");
    if (q.Step() && !q.IsNull(0)) updated = q.Text(0);
  }

  // Every top-level api/v1 JSON file, known ones first in their order.
  std::vector<std::string> json_names;
  for (const Dataset& d : kDatasets) {
    if (api_json.count(std::string("api/v1/") + d.name + ".json")) json_names.push_back(d.name);
  }
  for (const std::string& p : api_json) {
    std::string name = ApiJsonName(p);
    if (name.empty() || name == "index") continue;
    bool known = false;
    for (const Dataset& d : kDatasets) known = known || name == d.name;
    if (!known) json_names.push_back(name);
  }

  Value datasets = Value::MakeArray();      // for the catalogue
  Value page_datasets = Value::MakeArray();  // for the page (hrefs relative to du-lieu/)
  for (const std::string& name : json_names) {
    std::string title = name;
    for (const Dataset& d : kDatasets) {
      if (name == d.name) title = d.title;
    }
    const bool has_schema = HasSchema(name + ".json");
    Value d = Value::MakeObject();
    d.Set("path", "api/v1/" + name + ".json");
    d.Set("format", "json");
    d.Set("title", title);
    d.Set("schema", has_schema ? Value("api/v1/schema/" + name + ".json") : Value());
    datasets.Push(d);
    Value pd = Value::MakeObject();
    pd.Set("file", name + ".json");
    pd.Set("title", title);
    pd.Set("href", "../api/v1/" + name + ".json");
    if (has_schema) pd.Set("schema_href", "../api/v1/schema/" + name + ".json");
    page_datasets.Push(std::move(pd));
  }

  Value units = Value::MakeArray(), page_units = Value::MakeArray();
  // Per-indicator CSV: beside the indicator's page when the pages write
  // one, else under api/v1/<unit>/chi-tieu/.
  std::string indicator_csv = "api/v1/<unit>/chi-tieu/<indicator slug>.csv";
  std::string beside, api_example;
  for (std::size_t i = 0; i < cfg.units.size() && i < unit_parts.size(); ++i) {
    const UnitConfig& u = cfg.units[i];
    const OpenDataUnit& part = unit_parts[i];
    if (!part.csv_beside_page.empty() && (beside.empty() || part.csv_beside_page < beside)) {
      beside = part.csv_beside_page;
    }
    if (api_example.empty()) api_example = part.csv_added;
    const std::string feed = u.id + "/feed.xml";
    Value pu = Value::MakeObject();
    pu.Set("title", UnitTitleOf(u));
    pu.Set("province", u.province);
    if (part.has_feed) pu.Set("feed_href", "../" + feed);
    if (ctx.db) {
      const std::string base = "api/v1/" + u.id + "/";
      Value cu = Value::MakeObject();
      cu.Set("id", u.id);
      cu.Set("title", UnitTitleOf(u));
      cu.Set("indicators_csv", base + "chi-tieu.csv");
      cu.Set("tasks_csv", base + "nhiem-vu.csv");
      cu.Set("observations_csv", base + "so-lieu.csv");
      cu.Set("feed", part.has_feed ? Value(feed) : Value());
      units.Push(std::move(cu));
      pu.Set("csv", true);
      pu.Set("indicators_href", "../" + base + "chi-tieu.csv");
      pu.Set("tasks_href", "../" + base + "nhiem-vu.csv");
      pu.Set("observations_href", "../" + base + "so-lieu.csv");
    }
    page_units.Push(std::move(pu));
  }
  Value example;
  if (!beside.empty()) indicator_csv = "<unit>/chi-tieu/<indicator slug>/<indicator slug>.csv";
  const std::string& example_path = beside.empty() ? api_example : beside;
  if (!example_path.empty()) {
    example = Value::MakeObject();
    example.Set("href", "../" + example_path);
    example.Set("path", example_path);
  }

  Value catalogue = Value::MakeObject();
  catalogue.Set("title", cfg.title);
  catalogue.Set("license", cfg.license);
  catalogue.Set("updated", updated.empty() ? Value() : Value(updated));
  catalogue.Set("database", database);
  catalogue.Set("datasets", std::move(datasets));
  catalogue.Set("units", std::move(units));
  catalogue.Set("indicator_csv", indicator_csv);
  {
    Page page;
    page.path = "api/v1/index.json";
    page.bytes = catalogue.ToPrettyJson();
    added.push_back(std::move(page));
  }

  Page html;
  html.path = "du-lieu/index.html";
  html.layout = "open-data";
  html.data = BasePageData(ctx, html.path, "Dữ liệu mở", {{"Trang chủ", "index.html"}, {"Dữ liệu mở", html.path}});
  html.data.Set("description", "Tải về toàn bộ dữ liệu của trang: JSON, CSV, cơ sở dữ liệu SQLite, lược đồ và "
                               "nguồn tin Atom; sử dụng tự do, miễn phí.");
  html.data.Set("license", cfg.license);
  if (!updated.empty()) {
    html.data.Set("updated", updated);
    html.data.Set("updated_vi", ParseIsoDate(updated) ? ParseIsoDate(updated)->ToVi() : updated);
  }
  if (!database.is_null()) {
    Value db = Value::MakeObject();
    db.Set("href", "minhbach.sqlite");
    db.Set("size", database_size);
    html.data.Set("database", std::move(db));
  }
  html.data.Set("has_datasets", page_datasets.size() > 0);
  html.data.Set("datasets", std::move(page_datasets));
  html.data.Set("has_csv", ctx.db != nullptr);
  html.data.Set("units", std::move(page_units));
  if (!example.is_null()) html.data.Set("indicator_csv_example", std::move(example));
  Value schemas = Value::MakeArray();
  for (const JsonSchemaFile& s : JsonSchemas()) {
    Value v = Value::MakeObject();
    v.Set("file", std::string(s.name));
    v.Set("href", "../api/v1/schema/" + std::string(s.name));
    schemas.Push(std::move(v));
  }
  html.data.Set("schemas", std::move(schemas));
  html.data.Set("indicator_csv", indicator_csv);
  html.data.Set("catalogue_href", "../api/v1/index.json");

  pages->push_back(std::move(html));
  for (Page& p : added) pages->push_back(std::move(p));
}

// BEGIN SCHEMAS: generated from docs/schemas/*.json by tests/browser/embed-schemas.mjs; do not edit.
const std::vector<JsonSchemaFile>& JsonSchemas() {
  static const std::vector<JsonSchemaFile> kSchemas = {
      {"agencies.json", R"mbjson({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "agencies.json: agencies responsible for tasks and indicators",
  "description": "api/v1/agencies.json: one object per agency of a unit.",
  "type": "array",
  "items": {
    "type": "object",
    "additionalProperties": false,
    "required": ["id", "unit", "slug", "name"],
    "properties": {
      "id": { "description": "'<unit>/<slug of canonical name>'.", "type": "string", "pattern": "^[a-z0-9-]+/[a-z0-9-]+$" },
      "unit": { "type": "string" },
      "slug": { "description": "URL segment under /<unit>/co-quan/.", "type": "string" },
      "name": { "description": "Canonical name as displayed.", "type": "string", "minLength": 1 }
    }
  }
}
)mbjson"},
      {"cycles.json", R"mbjson({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "cycles.json: report cycles",
  "description": "api/v1/cycles.json: one object per report cycle of a unit, oldest period first.",
  "type": "array",
  "items": {
    "type": "object",
    "additionalProperties": false,
    "required": ["id", "unit", "code", "kind", "period_start", "period_end", "published", "illustrative"],
    "properties": {
      "id": { "description": "'<unit>/<code>'.", "type": "string" },
      "unit": { "type": "string" },
      "code": { "description": "'2025' (year), '2026-Q3', '2026-6T', '2026-9T', '2026-03' (month).", "type": "string", "pattern": "^[0-9]{4}(-(Q[1-4]|6T|9T|(0[1-9]|1[0-2])))?$" },
      "kind": { "enum": ["month", "quarter", "half", "nine_months", "year"] },
      "period_start": { "type": "string", "format": "date" },
      "period_end": { "type": "string", "format": "date" },
      "published": { "description": "Publication date of the cycle's figures.", "type": "string", "format": "date" },
      "illustrative": { "description": "true: sample figures for illustration, not reported by agencies.", "type": "boolean" }
    }
  }
}
)mbjson"},
      {"index.json", R"mbjson({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "api/v1/index.json: the catalogue of the site's open data",
  "description": "Every dataset the site publishes, with its format, schema and licence. Paths are relative to the site root.",
  "type": "object",
  "additionalProperties": false,
  "required": ["title", "license", "updated", "database", "datasets", "units", "indicator_csv"],
  "properties": {
    "title": { "type": "string" },
    "license": { "type": "string" },
    "updated": { "description": "Publication date of the latest report cycle; null before the first.", "type": ["string", "null"], "format": "date" },
    "database": {
      "description": "The whole SQLite database; null when the site has none.",
      "oneOf": [
        { "type": "null" },
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["path", "bytes"],
          "properties": { "path": { "type": "string" }, "bytes": { "type": "integer", "minimum": 0 } }
        }
      ]
    },
    "datasets": {
      "type": "array",
      "items": {
        "type": "object",
        "additionalProperties": false,
        "required": ["path", "format", "title", "schema"],
        "properties": {
          "path": { "type": "string", "pattern": "^api/v1/[a-z0-9-]+\\.json$" },
          "format": { "const": "json" },
          "title": { "type": "string" },
          "schema": { "description": "null when no schema describes it (a defect the browser tests report).", "type": ["string", "null"], "pattern": "^api/v1/schema/[a-z0-9-]+\\.json$" }
        }
      }
    },
    "units": {
      "description": "Per-unit CSV files and Atom feed.",
      "type": "array",
      "items": {
        "type": "object",
        "additionalProperties": false,
        "required": ["id", "title", "indicators_csv", "tasks_csv", "observations_csv", "feed"],
        "properties": {
          "id": { "type": "string" },
          "title": { "type": "string" },
          "indicators_csv": { "type": "string" },
          "tasks_csv": { "type": "string" },
          "observations_csv": { "type": "string" },
          "feed": { "type": ["string", "null"] }
        }
      }
    },
    "indicator_csv": { "description": "Pattern of the per-indicator CSV: one row per reported value.", "type": "string" }
  }
}
)mbjson"},
      {"indicator-detail.json", R"mbjson({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "<unit>/chi-tieu/<slug>/<slug>.json: one indicator, as its page shows it",
  "description": "Written beside each indicator's page: the indicator, its agencies, targets, reported values and the trajectory plug-in's assessment.",
  "type": "object",
  "additionalProperties": false,
  "required": ["id", "unit", "plan", "plan_title", "table", "code", "group", "name", "measure", "direction", "output",
               "lead_agencies", "partner_agencies", "targets", "observations", "trajectory", "url", "source", "as_of"],
  "properties": {
    "id": { "description": "Indicator id (indicators.json).", "type": "string", "pattern": "^[a-z0-9-]+/[a-z0-9-]+$" },
    "unit": { "type": "string" },
    "plan": { "type": "string" },
    "plan_title": { "type": "string" },
    "table": { "description": "Title of the plan's table, e.g. 'Phụ lục II: …'.", "type": "string" },
    "code": { "type": "string" },
    "group": { "description": "' / '-joined groups.", "type": "string" },
    "name": { "type": "string", "minLength": 1 },
    "measure": { "type": "string" },
    "direction": { "enum": ["increase", "decrease"] },
    "output": { "type": "string" },
    "lead_agencies": { "type": "array", "items": { "$ref": "#/$defs/agency" } },
    "partner_agencies": { "type": "array", "items": { "$ref": "#/$defs/agency" } },
    "targets": {
      "type": "array",
      "items": {
        "type": "object",
        "additionalProperties": false,
        "required": ["year", "comparator", "value", "value_hi", "raw", "qualifier"],
        "properties": {
          "year": { "type": "integer" },
          "comparator": { "enum": [">=", "<=", "=", ">", "<", "range", "qualitative"] },
          "value": { "type": ["number", "null"] },
          "value_hi": { "type": ["number", "null"] },
          "raw": { "type": "string" },
          "qualifier": { "type": "string" }
        }
      }
    },
    "observations": {
      "type": "array",
      "items": {
        "type": "object",
        "additionalProperties": false,
        "required": ["cycle", "period_end", "published", "value", "illustrative", "note", "source"],
        "properties": {
          "cycle": { "type": "string" },
          "period_end": { "type": "string", "format": "date" },
          "published": { "type": "string", "format": "date" },
          "value": { "type": "number" },
          "illustrative": { "type": "boolean" },
          "note": { "type": "string" },
          "source": { "type": "string" }
        }
      }
    },
    "trajectory": {
      "description": "The trajectory plug-in's assessment; null when it has none for this indicator.",
      "oneOf": [
        { "type": "null" },
        {
          "type": "object",
          "required": ["next_milestone", "target_raw", "required_annual_change", "observed_annual_change", "projected", "ratio", "status"],
          "properties": {
            "next_milestone": { "type": ["integer", "null"] },
            "target_raw": { "type": ["string", "null"] },
            "required_annual_change": { "type": ["number", "null"] },
            "observed_annual_change": { "type": ["number", "null"] },
            "projected": { "type": ["number", "null"] },
            "ratio": { "type": ["number", "null"] },
            "status": { "enum": ["achieved", "on_track", "accelerate", "limited", "regressing", "insufficient_data", "qualitative"] }
          }
        }
      ]
    },
    "url": { "description": "Canonical URL of the indicator's page.", "type": "string", "format": "uri" },
    "source": {
      "description": "Where the indicator's row is in the content.",
      "type": "object",
      "additionalProperties": false,
      "required": ["file", "line"],
      "properties": { "file": { "type": "string" }, "line": { "type": "integer", "minimum": 1 } }
    },
    "as_of": { "description": "The build's reference date.", "type": "string", "format": "date" }
  },
  "$defs": {
    "agency": {
      "type": "object",
      "additionalProperties": false,
      "required": ["id", "name"],
      "properties": { "id": { "type": "string" }, "name": { "type": "string" } }
    }
  }
}
)mbjson"},
      {"indicators.json", R"mbjson({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "indicators.json: indicators, their targets and reported values",
  "description": "api/v1/indicators.json: one object per indicator (chỉ tiêu), by unit, plan and row order.",
  "type": "array",
  "items": {
    "type": "object",
    "additionalProperties": false,
    "required": ["id", "unit", "plan", "code", "name", "measure", "direction", "lead", "targets", "observations"],
    "properties": {
      "id": { "description": "'<unit>/<plan key>-<table key>-<code>', e.g. 'dai-son/nq11-pl2-22'.", "type": "string", "pattern": "^[a-z0-9-]+/[a-z0-9-]+$" },
      "unit": { "type": "string" },
      "plan": { "description": "Plan id (plans.json).", "type": "string" },
      "code": { "description": "Code as written in the plan, e.g. '1.1'.", "type": "string" },
      "name": { "type": "string", "minLength": 1 },
      "measure": { "description": "Unit of measure, '' when none.", "type": "string" },
      "direction": { "description": "Whether a higher or a lower value is better.", "enum": ["increase", "decrease"] },
      "lead": { "description": "Lead agencies.", "type": "array", "items": { "$ref": "#/$defs/agency" } },
      "targets": {
        "type": "array",
        "items": {
          "type": "object",
          "additionalProperties": false,
          "required": ["year", "comparator", "value", "value_hi", "raw", "qualifier"],
          "properties": {
            "year": { "description": "Milestone year.", "type": "integer" },
            "comparator": { "enum": [">=", "<=", "=", ">", "<", "range", "qualitative"] },
            "value": { "description": "null for a qualitative target.", "type": ["number", "null"] },
            "value_hi": { "description": "Upper bound of a range, else null.", "type": ["number", "null"] },
            "raw": { "description": "The cell as written.", "type": "string" },
            "qualifier": { "type": "string" }
          }
        }
      },
      "observations": {
        "description": "Reported values, oldest cycle first.",
        "type": "array",
        "items": {
          "type": "object",
          "additionalProperties": false,
          "required": ["cycle", "value", "illustrative"],
          "properties": {
            "cycle": { "description": "Cycle code (cycles.json).", "type": "string" },
            "value": { "type": "number" },
            "illustrative": { "type": "boolean" }
          }
        }
      }
    }
  },
  "$defs": {
    "agency": {
      "type": "object",
      "additionalProperties": false,
      "required": ["id", "name"],
      "properties": { "id": { "type": "string" }, "name": { "type": "string" } }
    }
  }
}
)mbjson"},
      {"overdue.json", R"mbjson({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "overdue.json: tasks with warnings",
  "description": "api/v1/overdue.json, written by the overdue plug-in: one object per task with at least one warning (docs/architecture.md). Plug-ins may add fields.",
  "type": "array",
  "items": {
    "type": "object",
    "required": ["task", "due", "days_overdue", "warnings", "reasons"],
    "properties": {
      "task": { "description": "Task id (tasks.json).", "type": "string" },
      "due": { "type": ["string", "null"], "format": "date" },
      "days_overdue": { "type": ["integer", "null"] },
      "warnings": {
        "type": "array",
        "minItems": 1,
        "items": { "enum": ["overdue", "behind_schedule", "evidence_rejected", "due_soon", "no_report", "awaiting_condition"] }
      },
      "reasons": { "description": "Vietnamese sentences, one per warning.", "type": "array", "items": { "type": "string" } }
    }
  }
}
)mbjson"},
      {"plans.json", R"mbjson({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "plans.json: the plan documents",
  "description": "api/v1/plans.json: one object per plan (kế hoạch), by unit then plan order.",
  "type": "array",
  "items": {
    "type": "object",
    "additionalProperties": false,
    "required": ["id", "unit", "slug", "key", "title", "number", "issuer", "place_date", "date", "signer", "source_file"],
    "properties": {
      "id": { "description": "'<unit>/<plan slug>', e.g. 'dai-son/kh-nq11-2026'.", "type": "string", "pattern": "^[a-z0-9-]+/[a-z0-9-]+$" },
      "unit": { "description": "Unit id (units.json).", "type": "string" },
      "slug": { "description": "URL segment under /<unit>/ke-hoach/.", "type": "string" },
      "key": { "description": "Short key used in indicator and task ids, e.g. 'nq11'.", "type": "string" },
      "title": { "type": "string", "minLength": 1 },
      "number": { "description": "Document number as written.", "type": ["string", "null"] },
      "issuer": { "description": "Issuing body.", "type": ["string", "null"] },
      "place_date": { "description": "Place and date as written.", "type": ["string", "null"] },
      "date": { "description": "ISO date when the text gives a full date.", "type": ["string", "null"], "format": "date" },
      "signer": { "type": ["string", "null"] },
      "source_file": { "description": "Content path of the plan's Markdown.", "type": "string" }
    }
  }
}
)mbjson"},
      {"search-index.json", R"mbjson({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "tim-kiem/index.json: the global part of the search index",
  "description": "The units of the site and where each unit's search shard is. The search page loads this first, then every shard when load_all is true, else the shards of the units a reader picks or names.",
  "type": "object",
  "additionalProperties": false,
  "required": ["version", "fold", "load_all", "documents", "kinds", "units"],
  "properties": {
    "version": { "const": 1 },
    "fold": { "description": "The folding rule applied to documents and queries alike (C++ FoldVi).", "type": "string" },
    "load_all": { "description": "true when all shards together are small enough to load at once.", "type": "boolean" },
    "documents": { "description": "Documents in all shards.", "type": "integer", "minimum": 0 },
    "kinds": {
      "description": "Result groups in display order.",
      "type": "array",
      "items": {
        "type": "object",
        "additionalProperties": false,
        "required": ["kind", "label"],
        "properties": {
          "kind": { "enum": ["unit", "plan", "indicator", "task", "agency"] },
          "label": { "type": "string", "minLength": 1 }
        }
      }
    },
    "units": {
      "type": "array",
      "items": {
        "type": "object",
        "additionalProperties": false,
        "required": ["id", "title", "province", "key", "href", "shard", "documents"],
        "properties": {
          "id": { "type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$" },
          "title": { "description": "'Xã Đại Sơn'.", "type": "string", "minLength": 1 },
          "province": { "type": "string" },
          "key": { "description": "FoldVi(title + ' ' + province): 'xa dai son hai phong'.", "type": "string" },
          "href": { "description": "The unit's dashboard, relative to the site root.", "type": "string" },
          "shard": { "description": "The unit's shard, relative to this file.", "type": "string", "pattern": "^[a-z0-9-]+\\.json$" },
          "documents": { "type": "integer", "minimum": 0 }
        }
      }
    }
  }
}
)mbjson"},
      {"search-shard.json", R"mbjson({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "tim-kiem/<unit>.json: one unit's search documents",
  "description": "The plans, indicators, tasks and agencies of one unit, as the search page indexes them. Text is as published (NFC); the page folds it.",
  "type": "object",
  "additionalProperties": false,
  "required": ["unit", "documents"],
  "properties": {
    "unit": { "type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$" },
    "documents": {
      "type": "array",
      "items": {
        "type": "object",
        "additionalProperties": false,
        "required": ["id", "kind", "title", "detail", "text", "href"],
        "properties": {
          "id": { "description": "The plan, indicator, task or agency id.", "type": "string", "minLength": 1 },
          "kind": { "enum": ["plan", "indicator", "task", "agency"] },
          "title": { "description": "Shown as the result's link text.", "type": "string", "minLength": 1 },
          "detail": { "description": "Shown under the title; searched.", "type": "string" },
          "text": { "description": "Searched, not shown (agencies, outputs, other spellings).", "type": "string" },
          "href": { "description": "An existing page, relative to the site root.", "type": "string", "minLength": 1 }
        }
      }
    }
  }
}
)mbjson"},
      {"tasks.json", R"mbjson({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "tasks.json: tasks, their deadlines and latest reported progress",
  "description": "api/v1/tasks.json: one object per task (nhiệm vụ), by unit, plan and row order.",
  "type": "array",
  "items": {
    "type": "object",
    "additionalProperties": false,
    "required": ["id", "unit", "plan", "section", "number", "title", "lead", "partners", "deadline_raw",
                 "deadline_kind", "due", "start", "status", "percent", "evidence_review", "illustrative"],
    "properties": {
      "id": { "description": "'<unit>/<plan key>-<table key>-<section>-<number>', e.g. 'dai-son/nq11-pl3-ii-4'.", "type": "string", "pattern": "^[a-z0-9-]+/[a-z0-9-]+$" },
      "unit": { "type": "string" },
      "plan": { "type": "string" },
      "section": { "description": "'I', 'II', … ('' when the table has none).", "type": "string" },
      "number": { "type": "string" },
      "title": { "type": "string", "minLength": 1 },
      "lead": { "type": "array", "items": { "$ref": "#/$defs/agency" } },
      "partners": { "type": "array", "items": { "$ref": "#/$defs/agency" } },
      "deadline_raw": { "description": "Deadline as written, e.g. 'Tháng 10/2025'.", "type": "string" },
      "deadline_kind": { "enum": ["date", "window", "milestones", "yearly", "ongoing", "conditional", "none", "unknown"] },
      "due": { "type": ["string", "null"], "format": "date" },
      "start": { "type": ["string", "null"], "format": "date" },
      "status": { "description": "Latest reported status; null before any report.", "enum": ["chưa triển khai", "đang thực hiện", "hoàn thành", "chờ hoàn thiện", null] },
      "percent": { "type": ["number", "null"], "minimum": 0, "maximum": 100 },
      "evidence_review": { "enum": ["accepted", "rejected", "pending", null] },
      "illustrative": { "description": "true when the latest report is sample data.", "type": "boolean" }
    }
  },
  "$defs": {
    "agency": {
      "type": "object",
      "additionalProperties": false,
      "required": ["id", "name"],
      "properties": { "id": { "type": "string" }, "name": { "type": "string" } }
    }
  }
}
)mbjson"},
      {"trajectory.json", R"mbjson({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "trajectory.json: whether each indicator is on track for its target",
  "description": "api/v1/trajectory.json, written by the trajectory plug-in: one object per indicator with a numeric or qualitative target (docs/architecture.md). Plug-ins may add fields.",
  "type": "array",
  "items": {
    "type": "object",
    "required": ["indicator", "next_milestone", "target_raw", "latest", "required_annual_change",
                 "observed_annual_change", "projected", "ratio", "status", "milestones"],
    "properties": {
      "indicator": { "description": "Indicator id (indicators.json).", "type": "string" },
      "next_milestone": { "type": ["integer", "null"] },
      "target_raw": { "type": ["string", "null"] },
      "latest": {
        "oneOf": [
          { "type": "null" },
          {
            "type": "object",
            "required": ["value", "cycle"],
            "properties": { "value": { "type": "number" }, "cycle": { "type": "string" } }
          }
        ]
      },
      "required_annual_change": { "type": ["number", "null"] },
      "observed_annual_change": { "type": ["number", "null"] },
      "projected": { "type": ["number", "null"] },
      "ratio": { "type": ["number", "null"] },
      "status": { "enum": ["achieved", "on_track", "accelerate", "limited", "regressing", "insufficient_data", "qualitative"] },
      "milestones": {
        "type": "array",
        "items": {
          "type": "object",
          "required": ["year", "raw", "met"],
          "properties": {
            "year": { "type": "integer" },
            "raw": { "type": "string" },
            "met": { "type": ["boolean", "null"] }
          }
        }
      }
    }
  }
}
)mbjson"},
      {"units.json", R"mbjson({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "units.json: the communes and wards of the site",
  "description": "api/v1/units.json: one object per unit (xã, phường), in site.yaml order.",
  "type": "array",
  "items": {
    "type": "object",
    "additionalProperties": false,
    "required": ["id", "name", "kind", "province"],
    "properties": {
      "id": { "description": "Unit id: slug of its name, e.g. 'dai-son'.", "type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$" },
      "name": { "description": "Name as written, e.g. 'Đại Sơn'.", "type": "string", "minLength": 1 },
      "kind": { "description": "xã (commune) or phường (ward).", "enum": ["xã", "phường"] },
      "province": { "description": "Province, e.g. 'Hải Phòng'.", "type": "string" }
    }
  }
}
)mbjson"},
  };
  return kSchemas;
}
// END SCHEMAS

}  // namespace minhbach
