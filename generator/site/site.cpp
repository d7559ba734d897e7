#include "site/site.h"

#include <algorithm>
#include <set>

#include "base/text.h"
#include "site/feeds.h"
#include "site/open_data.h"
#include "site/search_index.h"
#include "site/site_data.h"

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
  auto data = site::SiteData::Load(ctx);
  if (!data.ok()) return data.status();
  std::unique_ptr<SiteStage> stage(new SiteStage(ctx));
  stage->data_ = std::make_unique<site::SiteData>(std::move(data.value()));
  stage->feeds_ = std::make_unique<FeedWriter>(ctx);
  // The top-level pages GlobalPages always makes, known before any unit
  // page is rendered (the menu is on every page).
  stage->nav_paths_ = {"index.html", "tim-kiem/index.html", "du-lieu/index.html"};
  for (const StaticPage& p : ctx.content->pages) stage->nav_paths_.insert(p.slug + "/index.html");
  return stage;
}

std::size_t SiteStage::unit_count() const { return data_->units.size(); }

void SiteStage::UnitPages(std::size_t i, std::vector<Page>* out) const {
  std::vector<Page> pages;
  AddDataUnitPages(ctx_, *data_, i, &pages);
  feeds_->AddUnitFeed(*data_->units[i].config, &pages);
  FinishPages(ctx_, nav_paths_, &pages);
  for (Page& p : pages) out->push_back(std::move(p));
}

void SiteStage::GlobalPages(std::vector<Page> extra, const std::set<std::string>& unit_paths,
                            const std::set<std::string>& unit_html, std::vector<Page>* out) const {
  std::vector<Page> pages;
  AddDataHomePage(ctx_, *data_, &pages);
  AddCorePages(ctx_, &pages);
  for (Page& p : extra) pages.push_back(std::move(p));
  std::set<std::string> html = unit_html, all = unit_paths;
  for (const Page& p : pages) {
    all.insert(p.path);
    if (!p.layout.empty()) html.insert(p.path);
  }
  // Search and open data list what the other pages made: keep them last.
  std::size_t before = pages.size();
  AddSearchPages(ctx_, html, &pages);
  for (std::size_t k = before; k < pages.size(); ++k) all.insert(pages[k].path);
  AddOpenData(ctx_, all, &pages);
  FinishPages(ctx_, nav_paths_, &pages);
  AddSitemapAndRobots(ctx_, unit_html, &pages);
  for (Page& p : pages) out->push_back(std::move(p));
}

Result<std::vector<Page>> BuildPages(const SiteContext& ctx, std::vector<Page> extra) {
  auto stage = SiteStage::Create(ctx);
  if (!stage.ok()) return stage.status();
  std::vector<Page> pages;
  for (std::size_t i = 0; i < stage.value()->unit_count(); ++i) stage.value()->UnitPages(i, &pages);
  std::set<std::string> paths, html;
  for (const Page& p : pages) {
    paths.insert(p.path);
    if (!p.layout.empty()) html.insert(p.path);
  }
  stage.value()->GlobalPages(std::move(extra), paths, html, &pages);
  return pages;
}

}  // namespace minhbach
