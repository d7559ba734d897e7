// The site stage: every page of the site, as Page models.
#pragma once

#include <vector>

#include "base/status.h"
#include "site/page.h"
#include "site/site_context.h"

namespace minhbach {

// Builds all pages: static pages, 404, sitemap, robots (core_pages.cpp) and
// the data pages (home, units, plans, indicators, tasks, agencies, …).
// `extra`: pages made elsewhere (plug-in pages and files, api/v1 JSON) that
// need navigation and a place in the sitemap too.
Result<std::vector<Page>> BuildPages(const SiteContext& ctx, std::vector<Page> extra = {});

// Core pages (issue "Generator core"): content/trang/ pages and 404.
void AddCorePages(const SiteContext& ctx, std::vector<Page>* pages);
// Data pages (issue #5, data_pages.h): home, unit dashboards, plan pages,
// indicators, tasks, overdue lists, agencies, report cycles. Reads ctx.db
// and ctx.plugin_data once; works without either (a site without data).
Status AddDataPages(const SiteContext& ctx, std::vector<Page>* pages);
// sitemap.xml and robots.txt from the final page list.
void AddSitemapAndRobots(const SiteContext& ctx, std::vector<Page>* pages);

}  // namespace minhbach
