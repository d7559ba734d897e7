// The site stage: every page of the site, as Page models.
//
// A build of a whole province holds hundreds of thousands of pages; their
// models, and their units' data, must not all be in memory at once. So the
// stage works one unit at a time: the pipeline asks for one unit's pages
// (UnitPages, which reads only that unit's rows), renders and writes them,
// keeps only the unit's small summary, and finally asks for the pages that
// span units (GlobalPages: home, search index, open data, sitemap), which
// need only the summaries.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "base/status.h"
#include "site/data_pages.h"
#include "site/open_data.h"
#include "site/page.h"
#include "site/search_index.h"
#include "site/site_context.h"

namespace minhbach {

// One unit's part of the pages that span units, small enough to keep for
// every unit of a province while their pages are long gone.
struct UnitSummary {
  site::HomeUnit home;           // its card on the home page
  SearchUnit search;             // its entry in the search index
  OpenDataUnit open_data;        // what the open-data page says of it
  std::vector<std::string> html;  // its HTML pages, for the sitemap
};

class SiteStage {
 public:
  // What every unit shares (the top-level pages the menu links to).
  static Result<std::unique_ptr<SiteStage>> Create(const SiteContext& ctx);
  ~SiteStage();
  SiteStage(const SiteStage&) = delete;
  SiteStage& operator=(const SiteStage&) = delete;

  // Every page of ctx.unit (dashboard, plans, indicators, tasks, overdue
  // list, agencies, report cycles, feed, search shard, CSV files) plus
  // `plugin_pages` (the unit's plug-in pages and files), finished
  // (navigation, breadcrumbs), and the unit's summary. `ctx` is the site's
  // with `unit` set, its content holding the unit's plans, its plug-in data
  // and a database connection of the calling thread. Reads the unit's rows
  // in a few range queries. Safe to call from several threads.
  Status UnitPages(const SiteContext& ctx, std::vector<Page> plugin_pages, std::vector<Page>* out,
                   UnitSummary* summary) const;
  // The pages that span units, finished: home, content/trang pages, 404,
  // `extra` (site-wide plug-in pages and files), the search index, the open
  // data page and catalogue, sitemap.xml, robots.txt. `units`: every unit's
  // summary, in site.yaml order; `api_json`: the top-level api/v1/*.json
  // files the site has (the catalogue lists them).
  void GlobalPages(std::vector<Page> extra, const std::vector<UnitSummary>& units,
                   const std::set<std::string>& api_json, std::vector<Page>* out) const;

 private:
  explicit SiteStage(const SiteContext& ctx);
  const SiteContext& ctx_;
  std::set<std::string> nav_paths_;  // top-level pages the menu may link to
};

// The whole site at once (small sites and tests): UnitPages for every unit,
// then the api/v1 JSON exports, then GlobalPages.
Result<std::vector<Page>> BuildPages(const SiteContext& ctx, std::vector<Page> extra = {});

// Core pages (issue "Generator core"): content/trang/ pages and 404.
void AddCorePages(const SiteContext& ctx, std::vector<Page>* pages);
// Data pages (issue #5, data_pages.h), from data read once.
void AddDataHomePage(const SiteContext& ctx, const site::SiteData& d, std::vector<Page>* pages);
void AddDataHomePage(const SiteContext& ctx, const std::vector<site::HomeUnit>& units, std::vector<Page>* pages);
void AddDataUnitPages(const SiteContext& ctx, const site::SiteData& d, std::size_t unit, std::vector<Page>* pages);
// sitemap.xml and robots.txt: every HTML page of `pages` and of the units.
void AddSitemapAndRobots(const SiteContext& ctx, const std::vector<UnitSummary>& units, std::vector<Page>* pages);

}  // namespace minhbach
