#include "site/site.h"

#include <algorithm>
#include <set>

#include "base/text.h"
#include "site/feeds.h"
#include "site/open_data.h"
#include "site/search_index.h"
#include "site/site_data.h"
#include "site/json_arrays.h"

namespace minhbach {

Value BasePageData(const SiteContext& ctx, const std::string& path, const std::string& title,
                   const std::vector<std::pair<std::string, std::string>>& crumbs) {
  const SiteConfig& cfg = *ctx.config;
  Value d = Value::MakeObject();
  Value site = Value::MakeObject();
  site.Set("title", cfg.title);
  site.Set("description", cfg.description);
  site.Set("language", cfg.language);
  site.Set("base_url", cfg.base_url);
  d.Set("site", std::move(site));
  d.Set("title", title);
  d.Set("root", RootPrefixOf(path));
  d.Set("url", UrlPathOf(path));
  d.Set("canonical", cfg.base_url + UrlPathOf(path));
  d.Set("as_of_vi", ctx.as_of.ToVi());
  d.Set("as_of", ctx.as_of.ToIso());
  Value list = Value::MakeArray();
  for (std::size_t i = 0; i < crumbs.size(); ++i) {
    Value c = Value::MakeObject();
    c.Set("title", crumbs[i].first);
    c.Set("target", UrlPathOf(crumbs[i].second));  // made relative in FinishPages
    c.Set("current", i + 1 == crumbs.size());
    list.Push(std::move(c));
  }
  d.Set("breadcrumbs", std::move(list));
  return d;
}

IdRange IdRangeOf(const SiteContext& ctx) {
  return ctx.unit ? IdRange::Unit(ctx.unit->id) : IdRange::All();
}

namespace {

// A link from a page to another, as written in its HTML: relative to the
// page (so the site works from any folder of any server), "./" for the root
// seen from the root.
std::string Href(const std::string& root, const std::string& target) {
  std::string href = root + target;
  return href.empty() ? "./" : href;
}

}  // namespace

void FinishPages(const SiteContext& ctx, const std::set<std::string>& paths, std::vector<Page>* pages) {
  // The navigation links only to pages that exist, so no build can publish
  // a dead link in the menu.
  static const std::pair<const char*, const char*> kNav[] = {
      {"Trang chủ", "index.html"},           {"Phương pháp", "phuong-phap/index.html"},
      {"Dữ liệu mở", "du-lieu/index.html"},  {"Tìm kiếm", "tim-kiem/index.html"},
      {"Giới thiệu", "gioi-thieu/index.html"},
  };
  Value nav = Value::MakeArray();
  for (const auto& [title, path] : kNav) {
    if (!paths.count(path)) continue;
    Value item = Value::MakeObject();
    item.Set("title", title);
    item.Set("target", UrlPathOf(path));
    nav.Push(std::move(item));
  }
  for (Page& p : *pages) {
    if (p.layout.empty()) continue;
    const std::string root = p.data.GetString("root");
    const std::string url = UrlPathOf(p.path);
    Value page_nav = nav;
    for (Value& item : page_nav.as_array()) {
      item.Set("current", item.GetString("target") == url);
      item.Set("href", Href(root, item.GetString("target")));
    }
    p.data.Set("has_nav", page_nav.size() > 0);
    p.data.Set("nav", std::move(page_nav));
    if (Value* crumbs = p.data.Get("breadcrumbs")) {
      for (Value& c : crumbs->as_array()) c.Set("href", Href(root, c.GetString("target")));
      p.data.Set("has_breadcrumbs", crumbs->size() > 1);
    }
  }
}

SiteStage::SiteStage(const SiteContext& ctx) : ctx_(ctx) {}
SiteStage::~SiteStage() = default;

Result<std::unique_ptr<SiteStage>> SiteStage::Create(const SiteContext& ctx) {
  std::unique_ptr<SiteStage> stage(new SiteStage(ctx));
  // The top-level pages GlobalPages always makes, known before any unit
  // page is rendered (the menu is on every page).
  stage->nav_paths_ = {"index.html", "tim-kiem/index.html", "du-lieu/index.html"};
  for (const StaticPage& p : ctx.content->pages) stage->nav_paths_.insert(p.slug + "/index.html");
  return stage;
}

Status SiteStage::UnitPages(const SiteContext& ctx, std::vector<Page> plugin_pages, std::vector<Page>* out,
                            UnitSummary* summary) const {
  auto data = site::SiteData::Load(ctx);
  if (!data.ok()) return data.status();
  const site::SiteData& d = data.value();
  std::vector<Page> pages;
  if (!d.units.empty()) {
    AddDataUnitPages(ctx, d, 0, &pages);
    summary->home = site::HomeUnitOf(ctx, d, d.units[0]);
  }
  for (Page& p : plugin_pages) pages.push_back(std::move(p));
  FeedWriter(ctx).AddUnitFeed(*ctx.unit, &pages);
  std::set<std::string> paths, html;
  for (const Page& p : pages) {
    paths.insert(p.path);
    if (!p.layout.empty()) html.insert(p.path);
  }
  summary->search = AddSearchShard(ctx, html, &pages);
  summary->open_data = AddUnitOpenData(ctx, paths, &pages);
  FinishPages(ctx, nav_paths_, &pages);
  summary->html.assign(html.begin(), html.end());
  for (Page& p : pages) out->push_back(std::move(p));
  return Status::Ok();
}

void SiteStage::GlobalPages(std::vector<Page> extra, const std::vector<UnitSummary>& units,
                            const std::set<std::string>& api_json, std::vector<Page>* out) const {
  std::vector<Page> pages;
  std::vector<site::HomeUnit> homes;
  std::vector<SearchUnit> searches;
  std::vector<OpenDataUnit> open_data;
  for (const UnitSummary& u : units) {
    homes.push_back(u.home);
    searches.push_back(u.search);
    open_data.push_back(u.open_data);
  }
  AddDataHomePage(ctx_, homes, &pages);
  AddCorePages(ctx_, &pages);
  std::set<std::string> json = api_json;
  for (Page& p : extra) {
    if (p.path.rfind("api/v1/", 0) == 0 && p.path.find('/', 7) == std::string::npos &&
        p.path.size() > 5 && p.path.compare(p.path.size() - 5, 5, ".json") == 0) {
      json.insert(p.path);
    }
    pages.push_back(std::move(p));
  }
  AddSearchIndex(ctx_, searches, &pages);
  AddOpenDataIndex(ctx_, open_data, json, &pages);
  FinishPages(ctx_, nav_paths_, &pages);
  AddSitemapAndRobots(ctx_, units, &pages);
  for (Page& p : pages) out->push_back(std::move(p));
}

Result<std::vector<Page>> BuildPages(const SiteContext& ctx, std::vector<Page> extra) {
  auto stage = SiteStage::Create(ctx);
  if (!stage.ok()) return stage.status();
  std::vector<Page> pages;
  std::vector<UnitSummary> units(ctx.config->units.size());
  JsonArrays arrays;
  for (std::size_t i = 0; i < units.size(); ++i) {
    SiteContext unit_ctx = ctx;
    unit_ctx.unit = &ctx.config->units[i];
    MB_RETURN_IF_ERROR(stage.value()->UnitPages(unit_ctx, {}, &pages, &units[i]));
    MB_RETURN_IF_ERROR(arrays.Put(i, OpenDataRows(unit_ctx)));
  }
  // The exports, unless a plug-in already writes the same file.
  std::set<std::string> api_json;
  MB_RETURN_IF_ERROR(arrays.FinishPages(extra, &api_json, &pages));
  stage.value()->GlobalPages(std::move(extra), units, api_json, &pages);
  return pages;
}

}  // namespace minhbach
