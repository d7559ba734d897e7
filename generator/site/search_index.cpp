#include "site/search_index.h"

#include <map>
#include <set>
#include <string>
#include <unordered_map>

#include "base/text.h"
#include "data/sqlite_util.h"
#include "site/site.h"

namespace minhbach {

namespace {

struct Doc {
  std::string id, kind, title, detail, text, href;
};

std::string UnitTitleOf(const UnitConfig& u) { return (u.kind == "phường" ? "Phường " : "Xã ") + u.name; }

// " · "-joined non-empty parts.
std::string JoinParts(std::initializer_list<std::string> parts) {
  std::string out;
  for (const std::string& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += " · ";
    out += p;
  }
  return out;
}

std::string Prefixed(const char* label, const std::string& value) {
  return value.empty() ? std::string() : std::string(label) + value;
}

// The first of `candidates` (output paths) that is a page of the site, as a
// URL path from the site root; the unit's page when none is.
class Linker {
 public:
  explicit Linker(const std::set<std::string>& html_paths) : paths_(html_paths) {}
  std::string First(std::initializer_list<std::string> candidates) const {
    for (const std::string& c : candidates) {
      if (paths_.count(c)) return UrlPathOf(c);
    }
    return std::string();
  }

 private:
  const std::set<std::string>& paths_;
};

std::string PlanSlugOf(const std::string& plan_id) {
  auto slash = plan_id.find('/');
  return slash == std::string::npos ? plan_id : plan_id.substr(slash + 1);
}

// unit id -> its documents, filled kind by kind in display order.
using Shards = std::unordered_map<std::string, std::vector<Doc>>;

void AddPlans(const SiteContext& ctx, const Linker& link, Shards* shards) {
  for (const PlanText& p : ctx.content->plans) {
    if (ctx.unit && p.unit_id != ctx.unit->id) continue;
    Doc d;
    d.id = p.unit_id + "/" + p.slug;
    d.kind = "plan";
    d.title = p.title;
    d.detail = JoinParts({p.number, p.issuer, p.place_date});
    std::string basis;
    for (const std::string& b : p.basis) basis += (basis.empty() ? "" : " ") + b;
    d.text = JoinParts({p.signer, basis});
    d.href = link.First({p.unit_id + "/ke-hoach/" + p.slug + "/index.html", p.unit_id + "/index.html"});
    (*shards)[p.unit_id].push_back(std::move(d));
  }
}

void AddIndicators(sqlite3* db, const IdRange& range, const Linker& link, Shards* shards) {
  Stmt q(db,
         "SELECT i.id, i.unit_id, i.slug, i.plan_id, i.code, i.name, i.group_path, i.table_title, i.measure, "
         "i.lead_raw, i.partners_raw, i.output FROM indicator i JOIN unit u ON u.id = i.unit_id "
         "JOIN plan p ON p.id = i.plan_id WHERE i.id >= ?1 AND i.id < ?2 ORDER BY u.position, p.position, i.position");
  q.Bind(1, range.lo).Bind(2, range.hi);
  while (q.Step()) {
    const std::string unit = q.Text(1), slug = q.Text(2), plan_slug = PlanSlugOf(q.Text(3));
    Doc d;
    d.id = q.Text(0);
    d.kind = "indicator";
    d.title = q.Text(5);
    d.detail = JoinParts({Prefixed("Mã ", q.Text(4)), q.Text(6).empty() ? q.Text(7) : q.Text(6),
                          Prefixed("Đơn vị tính: ", q.Text(8))});
    d.text = JoinParts({q.Text(9), q.Text(10), q.Text(11)});
    d.href = link.First({unit + "/chi-tieu/" + slug + "/index.html", unit + "/chi-tieu/index.html",
                         unit + "/ke-hoach/" + plan_slug + "/index.html", unit + "/index.html"});
    (*shards)[unit].push_back(std::move(d));
  }
}

void AddTasks(sqlite3* db, const IdRange& range, const Linker& link, Shards* shards) {
  Stmt q(db,
         "SELECT t.id, t.unit_id, t.slug, t.plan_id, t.title, t.section_title, t.deadline_raw, t.lead_raw, "
         "t.partners_raw, t.output, t.note FROM task t JOIN unit u ON u.id = t.unit_id "
         "JOIN plan p ON p.id = t.plan_id WHERE t.id >= ?1 AND t.id < ?2 ORDER BY u.position, p.position, t.position");
  q.Bind(1, range.lo).Bind(2, range.hi);
  while (q.Step()) {
    const std::string unit = q.Text(1), slug = q.Text(2), plan_slug = PlanSlugOf(q.Text(3));
    Doc d;
    d.id = q.Text(0);
    d.kind = "task";
    d.title = q.Text(4);
    d.detail = JoinParts({Prefixed("Chủ trì: ", q.Text(7)), Prefixed("Thời hạn: ", q.Text(6))});
    d.text = JoinParts({q.Text(5), q.Text(8), q.Text(9), q.Text(10)});
    d.href = link.First({unit + "/nhiem-vu/" + slug + "/index.html", unit + "/nhiem-vu/index.html",
                         unit + "/ke-hoach/" + plan_slug + "/index.html", unit + "/index.html"});
    (*shards)[unit].push_back(std::move(d));
  }
}

void AddAgencies(sqlite3* db, const IdRange& range, const Linker& link, Shards* shards) {
  // Other spellings met in the texts: searched, so that a reader who types
  // the name as one plan wrote it finds the agency.
  std::unordered_map<std::string, std::string> variants;
  {
    Stmt v(db, "SELECT agency_id, variant FROM agency_variant WHERE agency_id >= ?1 AND agency_id < ?2 "
               "ORDER BY agency_id, variant");
    v.Bind(1, range.lo).Bind(2, range.hi);
    while (v.Step()) {
      std::string& s = variants[v.Text(0)];
      s += (s.empty() ? "" : " · ") + v.Text(1);
    }
  }
  Stmt q(db,
         "SELECT a.id, a.unit_id, a.slug, a.name, "
         "(SELECT count(*) FROM task_agency ta WHERE ta.agency_id = a.id AND ta.role = 'lead'), "
         "(SELECT count(*) FROM task_agency ta WHERE ta.agency_id = a.id AND ta.role = 'partner'), "
         "(SELECT count(*) FROM indicator_agency ia WHERE ia.agency_id = a.id) "
         "FROM agency a JOIN unit u ON u.id = a.unit_id WHERE a.id >= ?1 AND a.id < ?2 ORDER BY u.position, a.slug");
  q.Bind(1, range.lo).Bind(2, range.hi);
  while (q.Step()) {
    const std::string unit = q.Text(1);
    Doc d;
    d.id = q.Text(0);
    d.kind = "agency";
    d.title = q.Text(3);
    const long long lead = q.Int(4), partner = q.Int(5), indicators = q.Int(6);
    d.detail = JoinParts({lead ? "Chủ trì " + std::to_string(lead) + " nhiệm vụ" : std::string(),
                          partner ? "phối hợp " + std::to_string(partner) + " nhiệm vụ" : std::string(),
                          indicators ? std::to_string(indicators) + " chỉ tiêu" : std::string()});
    auto it = variants.find(d.id);
    d.text = it == variants.end() ? std::string() : it->second;
    d.href = link.First({unit + "/co-quan/" + q.Text(2) + "/index.html", unit + "/index.html"});
    (*shards)[unit].push_back(std::move(d));
  }
}

Value DocValue(const Doc& d) {
  Value v = Value::MakeObject();
  v.Set("id", d.id);
  v.Set("kind", d.kind);
  v.Set("title", d.title);
  v.Set("detail", d.detail);
  v.Set("text", d.text);
  v.Set("href", d.href);
  return v;
}

}  // namespace

void AddSearchPages(const SiteContext& ctx, std::vector<Page>* pages) {
  std::set<std::string> html;
  for (const Page& p : *pages) {
    if (!p.layout.empty()) html.insert(p.path);
  }
  AddSearchPages(ctx, html, pages);
}

SearchUnit AddSearchShard(const SiteContext& ctx, const std::set<std::string>& html_paths, std::vector<Page>* pages) {
  const UnitConfig& u = *ctx.unit;
  const Linker link(html_paths);
  Shards shards;
  AddPlans(ctx, link, &shards);
  if (ctx.db) {
    const IdRange range = IdRangeOf(ctx);
    AddIndicators(ctx.db, range, link, &shards);
    AddTasks(ctx.db, range, link, &shards);
    AddAgencies(ctx.db, range, link, &shards);
  }
  // Documents without a link are left out.
  Value docs = Value::MakeArray();
  for (const Doc& d : shards[u.id]) {
    if (!d.href.empty()) docs.Push(DocValue(d));
  }
  SearchUnit out;
  out.documents = docs.size();
  Value shard = Value::MakeObject();
  shard.Set("unit", u.id);
  shard.Set("documents", std::move(docs));
  Page page;
  page.path = "tim-kiem/" + u.id + ".json";
  page.bytes = shard.ToJson() + "\n";
  out.bytes = page.bytes.size();
  pages->push_back(std::move(page));

  out.entry = Value::MakeObject();
  out.entry.Set("id", u.id);
  out.entry.Set("title", UnitTitleOf(u));
  out.entry.Set("province", u.province);
  out.entry.Set("key", FoldVi(UnitTitleOf(u) + " " + u.province));
  out.entry.Set("href", link.First({u.id + "/index.html"}));
  out.entry.Set("shard", u.id + ".json");
  out.entry.Set("documents", static_cast<long long>(out.documents));
  return out;
}

void AddSearchPages(const SiteContext& ctx, const std::set<std::string>& html_paths, std::vector<Page>* pages) {
  std::vector<SearchUnit> units;
  for (const UnitConfig& u : ctx.config->units) {
    SiteContext unit_ctx = ctx;
    unit_ctx.unit = &u;
    units.push_back(AddSearchShard(unit_ctx, html_paths, pages));
  }
  AddSearchIndex(ctx, units, pages);
}

void AddSearchIndex(const SiteContext& ctx, const std::vector<SearchUnit>& shards, std::vector<Page>* pages) {
  const SiteConfig& cfg = *ctx.config;
  std::size_t total_docs = 0, total_bytes = 0;
  Value units = Value::MakeArray();
  for (const SearchUnit& s : shards) {
    total_docs += s.documents;
    total_bytes += s.bytes;
    units.Push(s.entry);
  }

  Value kinds = Value::MakeArray();
  for (const auto& [kind, label] : std::initializer_list<std::pair<const char*, const char*>>{
           {"unit", "Xã, phường"}, {"plan", "Kế hoạch"}, {"indicator", "Chỉ tiêu"}, {"task", "Nhiệm vụ"},
           {"agency", "Cơ quan"}}) {
    Value k = Value::MakeObject();
    k.Set("kind", kind);
    k.Set("label", label);
    kinds.Push(std::move(k));
  }
  Value global = Value::MakeObject();
  global.Set("version", 1);
  global.Set("fold", "NFD, drop combining marks U+0300-U+036F, đ/Đ -> d, A-Z -> a-z (FoldVi)");
  global.Set("load_all", total_bytes <= kLoadAllBytes);
  global.Set("documents", static_cast<long long>(total_docs));
  global.Set("kinds", std::move(kinds));

  // The page: the form, and for readers without JavaScript the units to
  // browse instead.
  Page html;
  html.path = "tim-kiem/index.html";
  html.layout = "search";
  html.data = BasePageData(ctx, html.path, "Tìm kiếm", {{"Trang chủ", "index.html"}, {"Tìm kiếm", html.path}});
  html.data.Set("description", "Tìm kế hoạch, chỉ tiêu, nhiệm vụ và cơ quan của các xã, phường: gõ không dấu "
                               "cũng được.");
  Value noscript_units = Value::MakeArray();
  for (const Value& u : units.as_array()) {
    if (u.GetString("href").empty()) continue;
    Value n = Value::MakeObject();
    n.Set("id", u.GetString("id"));
    n.Set("title", u.GetString("title"));
    n.Set("province", u.GetString("province"));
    n.Set("href", "../" + u.GetString("href"));
    noscript_units.Push(std::move(n));
  }
  html.data.Set("units", std::move(noscript_units));
  html.data.Set("unit_count", static_cast<long long>(cfg.units.size()));
  html.data.Set("load_all", total_bytes <= kLoadAllBytes);
  html.data.Set("index_href", "index.json");
  Value scripts = Value::MakeArray();
  scripts.Push("assets/vendor/minisearch.js");
  scripts.Push("assets/search.js");
  html.data.Set("scripts", std::move(scripts));

  global.Set("units", std::move(units));
  Page index;
  index.path = "tim-kiem/index.json";
  index.bytes = global.ToJson() + "\n";

  pages->push_back(std::move(html));
  pages->push_back(std::move(index));
}

}  // namespace minhbach
