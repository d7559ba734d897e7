#include "load/site_config.h"

#include <set>

#include "base/fs.h"
#include "base/text.h"
#include "load/yaml.h"

namespace minhbach {

namespace fs = std::filesystem;

const UnitConfig* SiteConfig::FindUnit(const std::string& id_or_name) const {
  for (const auto& u : units) {
    if (u.id == id_or_name || u.name == id_or_name || u.id == Slugify(id_or_name)) return &u;
  }
  return nullptr;
}

namespace {

// Lines of the "- " list items under "units:", in order (yaml-cpp's
// converted tree has no marks, so we find them in the text; good enough for
// messages). One pass: a province's site.yaml lists thousands of units.
std::vector<int> LinesOfUnits(const std::string& text) {
  std::vector<int> lines;
  int line = 1;
  bool in_units = false;
  for (const std::string& l : Split(text, '\n')) {
    if (StartsWith(l, "units:")) in_units = true;
    else if (in_units && !l.empty() && l[0] != ' ' && l[0] != '-' && l[0] != '#') in_units = false;
    else if (in_units) {
      std::string t = Trim(l);
      if (StartsWith(t, "- ") && l.find('-') <= 2) lines.push_back(line);
    }
    ++line;
  }
  return lines;
}

Result<std::uint64_t> ParseCount(const Value& v, const std::string& file, const char* what) {
  try {
    std::size_t pos = 0;
    unsigned long long n = std::stoull(v.as_string(), &pos);
    if (pos != v.as_string().size()) throw std::invalid_argument("trailing");
    return static_cast<std::uint64_t>(n);
  } catch (...) {
    return Status::At(file, 0, std::string(what) + ": expected a whole number, got '" + v.as_string() + "'");
  }
}

}  // namespace

Result<SiteConfig> LoadSiteConfig(const fs::path& site_dir) {
  SiteConfig cfg;
  cfg.root = fs::absolute(site_dir).lexically_normal();
  fs::path file = cfg.root / "site.yaml";
  cfg.file = (site_dir / "site.yaml").lexically_normal().string();
  Result<std::string> text = ReadTextFile(file);
  if (!text.ok()) {
    return Status::At(cfg.file, 0, "cannot read the site configuration: is --site the folder that holds site.yaml?");
  }
  Result<Value> raw = ParseYaml(text.value(), cfg.file);
  if (!raw.ok()) return raw.status();
  cfg.raw = raw.value();
  const Value& y = cfg.raw;

  auto title = RequireString(y, "title", cfg.file, 1, "the site's title, e.g. title: \"Minh bạch xã Đại Sơn\"");
  if (!title.ok()) return title.status();
  cfg.title = title.value();
  auto base = RequireString(y, "base_url", cfg.file, 1, "the public address, e.g. base_url: \"https://example.gov.vn/\"");
  if (!base.ok()) return base.status();
  cfg.base_url = base.value();
  if (!StartsWith(cfg.base_url, "https://") && !StartsWith(cfg.base_url, "http://") &&
      !StartsWith(cfg.base_url, "/")) {
    return Status::At(cfg.file, 0, "base_url: expected an address starting with https:// (or /), got '" +
                                       cfg.base_url + "'");
  }
  if (!EndsWith(cfg.base_url, "/")) cfg.base_url += "/";
  cfg.description = y.GetString("description");
  if (!y.GetString("language").empty()) cfg.language = y.GetString("language");
  if (!y.GetString("theme").empty()) cfg.theme = y.GetString("theme");
  cfg.license = y.GetString("license");
  if (!IsSafeRelativePath(cfg.theme)) {
    return Status::At(cfg.file, 0, "theme: expected a folder name under themes/, got '" + cfg.theme + "'");
  }
  std::string db = y.GetString("database");
  cfg.database = db.empty() ? cfg.root / ".cache" / "minhbach.sqlite" : (cfg.root / db).lexically_normal();

  if (const Value* limits = y.Get("plugin_limits")) {
    if (const Value* v = limits->Get("instructions"); v && v->is_string()) {
      auto n = ParseCount(*v, cfg.file, "plugin_limits.instructions");
      if (!n.ok()) return n.status();
      cfg.plugin_instruction_limit = n.value();
    }
    if (const Value* v = limits->Get("memory_mb"); v && v->is_string()) {
      auto n = ParseCount(*v, cfg.file, "plugin_limits.memory_mb");
      if (!n.ok()) return n.status();
      cfg.plugin_memory_limit = static_cast<std::size_t>(n.value()) << 20;
    }
  }

  const Value* units = y.Get("units");
  if (!units || !units->is_array() || units->as_array().empty()) {
    return Status::At(cfg.file, 0, "missing 'units': expected a list of communes/wards with their plans");
  }
  std::set<std::string> ids;
  const std::vector<int> unit_lines = LinesOfUnits(text.value());
  for (std::size_t i = 0; i < units->as_array().size(); ++i) {
    const Value& u = units->as_array()[i];
    UnitConfig unit;
    unit.line = i < unit_lines.size() ? unit_lines[i] : 0;
    auto name = RequireString(u, "name", cfg.file, unit.line, "the unit's name, e.g. name: \"Đại Sơn\"");
    if (!name.ok()) return name.status();
    unit.name = name.value();
    unit.id = u.GetString("id").empty() ? Slugify(unit.name) : u.GetString("id");
    unit.kind = u.GetString("kind").empty() ? "xã" : u.GetString("kind");
    if (unit.kind != "xã" && unit.kind != "phường") {
      return Status::At(cfg.file, unit.line, "kind: expected \"xã\" or \"phường\", got '" + unit.kind + "'");
    }
    unit.province = u.GetString("province");
    if (Slugify(unit.id) != unit.id || unit.id.empty()) {
      return Status::At(cfg.file, unit.line, "id: expected lower-case letters, digits and '-', got '" + unit.id + "'");
    }
    if (!ids.insert(unit.id).second) {
      return Status::At(cfg.file, unit.line, "unit '" + unit.id + "' is listed twice");
    }
    const Value* plans = u.Get("plans");
    if (plans && plans->is_array()) {
      for (const Value& p : plans->as_array()) {
        if (!p.is_string() || Slugify(p.as_string()) != p.as_string() || p.as_string().empty()) {
          return Status::At(cfg.file, unit.line, "plans: expected folder names under content/" + unit.id +
                                                     "/ like kh-nq11-2026, got '" + p.ToJson() + "'");
        }
        fs::path index = cfg.PlanDir(unit, p.as_string()) / "index.md";
        if (!fs::exists(index)) {
          return Status::At(cfg.file, unit.line, "plan '" + p.as_string() + "' of " + unit.name +
                                                     ": expected the file content/" + unit.id + "/" +
                                                     p.as_string() + "/index.md");
        }
        unit.plans.push_back(p.as_string());
      }
    }
    cfg.units.push_back(std::move(unit));
  }
  return cfg;
}

}  // namespace minhbach
