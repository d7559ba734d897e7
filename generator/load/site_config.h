// site.yaml: the site's title, base URL, theme, units and their plans.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/value.h"

namespace minhbach {

struct UnitConfig {
  std::string id;        // slug of the name, or `id:` when given
  std::string name;      // "Đại Sơn"
  std::string kind;      // "xã" | "phường"
  std::string province;  // "Hải Phòng"
  std::vector<std::string> plans;  // plan slugs = folders under content/<id>/
  int line = 0;          // where the unit starts in site.yaml
};

struct SiteConfig {
  std::filesystem::path root;  // the site folder
  std::string file;            // path of site.yaml, for messages
  std::string title;
  std::string description;
  std::string base_url;        // always ends with "/"
  std::string language = "vi";
  std::string theme = "default";
  std::string license;         // open-data licence line
  std::filesystem::path database;  // absolute; default <root>/.cache/minhbach.sqlite
  // Plug-in limits (per plug-in run).
  std::uint64_t plugin_instruction_limit = 200'000'000;
  std::size_t plugin_memory_limit = 64u << 20;
  std::vector<UnitConfig> units;
  Value raw;                   // the whole file, for plug-ins (site.config)

  std::filesystem::path ContentDir() const { return root / "content"; }
  std::filesystem::path PlanDir(const UnitConfig& u, const std::string& plan) const {
    return ContentDir() / u.id / plan;
  }
  const UnitConfig* FindUnit(const std::string& id_or_name) const;
};

// Loads <site_dir>/site.yaml and checks it: required fields, unique unit ids,
// every listed plan has content/<unit>/<plan>/index.md.
Result<SiteConfig> LoadSiteConfig(const std::filesystem::path& site_dir);

}  // namespace minhbach
