// The site stage: every page of the site, as Page models.
#pragma once

#include <vector>

#include "base/status.h"
#include "site/page.h"
#include "site/site_context.h"

namespace minhbach {

// Builds all pages: home, units, plans, static pages, 404, sitemap, robots
// (core_pages.cpp) and the data pages (indicators, tasks, agencies, …).
Result<std::vector<Page>> BuildPages(const SiteContext& ctx);

// Core pages (issue "Generator core").
void AddCorePages(const SiteContext& ctx, std::vector<Page>* pages);
// sitemap.xml and robots.txt from the final page list.
void AddSitemapAndRobots(const SiteContext& ctx, std::vector<Page>* pages);

}  // namespace minhbach
