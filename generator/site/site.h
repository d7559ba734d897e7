// The site stage: every page of the site, as Page models.
//
// A build of a whole province holds hundreds of thousands of pages; their
// models must not all be in memory at once. So the stage is split: the data
// is read once (SiteStage::Create), then the pipeline asks for one unit's
// pages at a time (UnitPages), renders and writes them, keeps only their
// paths, and finally asks for the pages that span units (GlobalPages: home,
// search index, open data, sitemap), which need only those paths.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "base/status.h"
#include "site/page.h"
#include "site/site_context.h"

namespace minhbach {

namespace site {
class SiteData;
}
class FeedWriter;

class SiteStage {
 public:
  // Reads the database and plug-in results once (a few set-based queries).
  static Result<std::unique_ptr<SiteStage>> Create(const SiteContext& ctx);
  ~SiteStage();
  SiteStage(const SiteStage&) = delete;
  SiteStage& operator=(const SiteStage&) = delete;

  std::size_t unit_count() const;
  // Every page of the i-th unit (site.yaml order): dashboard, plans,
  // indicators, tasks, overdue list, agencies, report cycles and its feed;
  // finished (navigation, breadcrumbs). Safe to call from several threads.
  void UnitPages(std::size_t i, std::vector<Page>* out) const;
  // The pages that span units, finished: home, content/trang pages, 404,
  // `extra` (plug-in pages and files, api/v1 JSON), search, open data,
  // sitemap.xml, robots.txt. `unit_paths`: every file UnitPages made;
  // `unit_html`: those that are HTML pages (for links and the sitemap).
  void GlobalPages(std::vector<Page> extra, const std::set<std::string>& unit_paths,
                   const std::set<std::string>& unit_html, std::vector<Page>* out) const;

 private:
  explicit SiteStage(const SiteContext& ctx);
  const SiteContext& ctx_;
  std::unique_ptr<site::SiteData> data_;
  std::unique_ptr<FeedWriter> feeds_;  // report cycles read once
  std::set<std::string> nav_paths_;  // top-level pages the menu may link to
};

// The whole site at once (small sites and tests): UnitPages for every unit,
// then GlobalPages.
Result<std::vector<Page>> BuildPages(const SiteContext& ctx, std::vector<Page> extra = {});

// Core pages (issue "Generator core"): content/trang/ pages and 404.
void AddCorePages(const SiteContext& ctx, std::vector<Page>* pages);
// Data pages (issue #5, data_pages.h), from data read once.
void AddDataHomePage(const SiteContext& ctx, const site::SiteData& d, std::vector<Page>* pages);
void AddDataUnitPages(const SiteContext& ctx, const site::SiteData& d, std::size_t unit, std::vector<Page>* pages);
// sitemap.xml and robots.txt: every HTML page of `pages` and `other_html`.
void AddSitemapAndRobots(const SiteContext& ctx, const std::set<std::string>& other_html, std::vector<Page>* pages);

}  // namespace minhbach
