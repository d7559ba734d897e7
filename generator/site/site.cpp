#include "site/site.h"

#include <algorithm>
#include <set>

#include "base/text.h"
#include "site/feeds.h"
#include "site/open_data.h"
#include "site/search_index.h"

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

namespace {

// A link from a page to another, as written in its HTML: relative to the
// page (so the site works from any folder of any server), "./" for the root
// seen from the root.
std::string Href(const std::string& root, const std::string& target) {
  std::string href = root + target;
  return href.empty() ? "./" : href;
}

}  // namespace

void FinishPages(const SiteContext& ctx, std::vector<Page>* pages) {
  // The navigation links only to pages that exist, so no build can publish
  // a dead link in the menu.
  std::set<std::string> paths;
  for (const Page& p : *pages) paths.insert(p.path);
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

Result<std::vector<Page>> BuildPages(const SiteContext& ctx, std::vector<Page> extra) {
  std::vector<Page> pages;
  MB_RETURN_IF_ERROR(AddDataPages(ctx, &pages));
  AddCorePages(ctx, &pages);
  for (Page& p : extra) pages.push_back(std::move(p));
  // Search, feeds and open data list what the pages above made: keep them last.
  AddSearchPages(ctx, &pages);
  AddFeeds(ctx, &pages);
  AddOpenData(ctx, &pages);
  FinishPages(ctx, &pages);
  AddSitemapAndRobots(ctx, &pages);
  return pages;
}

}  // namespace minhbach
