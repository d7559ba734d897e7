// The data-pages fixture: tests/fixtures/site-data (site.yaml + plan texts),
// a database made from the schema and data.sql, and plug-in results shaped
// as docs/architecture.md says. Pages are built with BuildPages and
// rendered with the default theme, the way the pipeline does.
#pragma once

#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/value.h"
#include "load/content.h"
#include "load/site_config.h"
#include "site/page.h"
#include "site/site_context.h"

namespace minhbach::testing {

struct SiteFixture {
  SiteConfig config;
  Content content;
  sqlite3* db = nullptr;
  Value plugin_data;
  SiteContext ctx;  // points into the members above
  ~SiteFixture();
};

struct SiteFixtureOptions {
  bool database = true;
  bool plugins = true;
};

// Loads the fixture; REQUIREs success (for use inside test cases).
std::unique_ptr<SiteFixture> LoadSiteFixture(const SiteFixtureOptions& options = {});

// Plug-in results for the fixture database (trajectory, overdue, charts).
Value FixturePluginData();

// Renders pages (Markdown on the page, then layout + base) into `out` and
// copies the theme's assets, like the pipeline's render and write stages.
Status RenderPagesTo(const SiteConfig& config, std::vector<Page> pages, const std::filesystem::path& out);

// Builds and renders the fixture into a fresh temporary folder; returns it.
std::filesystem::path BuildFixtureSite(const SiteFixture& f, const std::string& name);

}  // namespace minhbach::testing
