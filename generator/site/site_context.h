// What the site stage reads: configuration, content, the database and the
// plug-ins' results, plus the build's reference date.
#pragma once

#include <sqlite3.h>

#include <set>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/value.h"
#include "data/sqlite_util.h"
#include "load/content.h"
#include "load/site_config.h"
#include "site/page.h"

namespace minhbach {

struct SiteContext {
  const SiteConfig* config = nullptr;
  const Content* content = nullptr;
  Date as_of;
  sqlite3* db = nullptr;              // read-only; may be null (no data yet)
  const Value* plugin_data = nullptr; // site.data(...) values; may be null
  // The unit a stage works on, one of config->units; null: the whole site.
  // A big site is built one unit at a time so that memory does not grow
  // with it and a later build can skip the units that did not change.
  const UnitConfig* unit = nullptr;
};

// The rows a stage reads (data/sqlite_util.h): ctx.unit's, or all.
IdRange IdRangeOf(const SiteContext& ctx);

// Data every page has: site title, canonical URL, root prefix, breadcrumbs,
// the as-of date. `crumbs` are (title, output path of the page linked to);
// the last one is the page itself.
Value BasePageData(const SiteContext& ctx, const std::string& path, const std::string& title,
                   const std::vector<std::pair<std::string, std::string>>& crumbs);

// Makes breadcrumb and navigation links relative to each page; the menu
// links only to those of its pages that are in `paths` (pages that exist).
void FinishPages(const SiteContext& ctx, const std::set<std::string>& paths, std::vector<Page>* pages);

}  // namespace minhbach
