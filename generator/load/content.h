// Plan texts and static pages under content/, with their front matter checked.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "base/value.h"
#include "load/front_matter.h"
#include "load/site_config.h"

namespace minhbach {

struct PlanText {
  std::string unit_id;
  std::string slug;    // folder name
  std::string file;    // "content/<unit>/<slug>/index.md" (relative to the site, for messages)
  Document doc;        // front matter + Markdown body
  std::string title, key, number, issuer, place_date, date, signer, source;
  std::vector<std::string> basis;
};

// A stand-alone page: content/trang/<slug>.md → /<slug>/.
struct StaticPage {
  std::string slug;
  std::string file;
  Document doc;
  std::string title;
};

struct Content {
  std::vector<PlanText> plans;         // in site.yaml order
  std::vector<StaticPage> pages;       // sorted by slug
};

// Reads every plan listed in site.yaml and every content/trang/*.md.
// Errors name the file and line of the bad front matter field.
Result<Content> LoadContent(const SiteConfig& config);
// The same in parts, for builds that read a site one unit at a time:
// content/trang/*.md only (no plans) ...
Result<Content> LoadSitePages(const SiteConfig& config);
// ... and the plans of one unit, in site.yaml order.
Result<std::vector<PlanText>> LoadUnitPlans(const SiteConfig& config, const UnitConfig& unit);

}  // namespace minhbach
