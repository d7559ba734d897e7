// PluginHost: runs the site's Lua plug-ins and hands what they publish to the
// build as plain Values, so that rendering threads never touch Lua.
//
// Plug-ins work per unit (commune): their top-level code runs once (Setup)
// and registers functions with site.each_unit; RunUnit calls those for one
// unit and returns that unit's results. The pipeline keeps one host per
// worker thread and asks each for the units it renders, so no thread runs
// every unit and nothing holds every unit's results; RunAll does it all on
// one host for callers that want the whole site at once.
//
// A plug-in is a file plugins/NAME.lua. It runs in its own sandboxed Lua 5.4
// state (sandbox.h) and talks to the build only through the `site` table,
// documented in docs/plugins.md:
//
//   site.query(sql, ...)        read-only SELECT with bound parameters -> rows
//   site.as_of, site.days(iso)  the build's reference date; ISO date -> day number
//   site.config                 a copy of site.yaml
//   site.data(name, value)      publish a value for the site stage ("trajectory", ...)
//   site.page{path=, template=, data=}   an extra page rendered with a theme layout
//   site.file(path, text)       an extra output file (e.g. "api/v1/trajectory.json")
//   site.shortcode(name, fn)    {{< name key="value" >}} in plan Markdown
//   site.each_unit(fn)          fn({id=, name=, kind=}) per unit; site.unit is its id
//   site.rows(path, list)       elements of the JSON array file `path`, unit after unit
//   site.warn(msg)              a build warning with the plug-in's position
//   site.json(value [, pretty]), site.format_number(x [, decimals]), site.escape(s),
//   site.object([t])            helpers: deterministic JSON, "4,75", HTML escaping,
//                               mark a table as a JSON object even when empty
//
// Markup a plug-in produces (shortcode results, and every string under the
// data names "charts", "unit_charts", "agency_charts") is untrusted and goes
// through the allowlist sanitizer (sanitize.h) before it is stored.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "base/value.h"

namespace minhbach {

struct PluginConfig {
  // <site>/plugins, then theme plug-in folders, in order. A plug-in file name
  // found in an earlier folder hides the same name in later ones. `require`
  // searches the same folders. A folder that does not exist is skipped.
  std::vector<std::filesystem::path> plugin_dirs;
  std::filesystem::path database;  // opened read-only
  Date as_of;
  Value site_config;               // site.yaml as Value -> site.config
  std::uint64_t instruction_limit = 200'000'000;  // per plug-in run and per shortcode call
  std::size_t memory_limit = 64u << 20;           // per plug-in state, in bytes
  // Paths in messages are shown relative to this folder ("plugins/x.lua");
  // empty: relative to each plug-in folder's parent.
  std::filesystem::path site_root;
};

// An extra page: path is output-relative, e.g. "dai-son/thong-ke/index.html".
struct PluginPage {
  std::string path;
  std::string layout;
  Value data;
  std::string plugin;  // "plugins/x.lua", for messages
};

struct PluginFile {
  std::string path;  // output-relative, e.g. "api/v1/trajectory.json"
  std::string bytes;
  std::string plugin;
};

// A row of table `unit`.
struct UnitRef {
  std::string id, name, kind;
};

// What the site.each_unit functions published for one unit.
struct PluginUnitResults {
  // name -> value from site.data calls made for this unit, merged as
  // site.data merges (arrays append, objects merge, keys sorted).
  Value data = Value::MakeObject();
  std::vector<PluginPage> pages;  // site.page during this unit
  std::vector<PluginFile> files;  // site.file during this unit
  // site.rows(path, list): per path (in first-call order), this unit's
  // elements, each already formatted by JsonRowElement (json_rows.h). The
  // file is "[" + the elements of every unit, in site order, + "]": see
  // JsonRowsWriter. A path used by no unit has no file.
  std::vector<std::pair<std::string, std::vector<std::string>>> rows;
  std::vector<std::string> warnings;  // "plugins/x.lua:12: message"
};

class PluginHost {
 public:
  static Result<std::unique_ptr<PluginHost>> Create(const PluginConfig& config);
  ~PluginHost();
  PluginHost(const PluginHost&) = delete;
  PluginHost& operator=(const PluginHost&) = delete;

  // Runs each plug-in file's top-level code once: every *.lua directly in
  // each plug-in folder, sorted by file name. That defines functions,
  // registers shortcodes and site.each_unit functions, and publishes any
  // site-wide results (data(), pages(), files(), warnings()). Needed before
  // RunUnit and CallShortcode. The first error stops it: "plugins/x.lua:12: message".
  Status Setup();

  // Calls every function registered with site.each_unit, plug-in by plug-in
  // in file order, for `unit`, each with a fresh instruction budget, then
  // collects the states' garbage; returns what they published. A host is
  // used by one thread at a time (the pipeline makes one host per worker).
  // Errors: "plugins/x.lua:12: message (unit 'dai-son')".
  Result<PluginUnitResults> RunUnit(const UnitRef& unit);

  // Setup() (unless called already), then RunUnit for every row of
  // `SELECT id, name, kind FROM unit ORDER BY position, id`, merged into
  // data(), pages(), files(), warnings(). Each site.rows path becomes one
  // whole file in files(), after the others. Once per host.
  Status RunAll();

  // Site-wide results: after Setup, what the top-level code published;
  // after RunAll, the whole site's.
  const Value& data() const;  // object: name -> value from site.data(name, value)
  const std::vector<PluginPage>& pages() const;
  const std::vector<PluginFile>& files() const;
  const std::vector<std::string>& warnings() const;  // "plugins/x.lua:12: message"
  // The plug-in files that ran, in order ("plugins/charts.lua", ...).
  const std::vector<std::string>& plugins() const;

  bool HasShortcode(const std::string& name) const;
  // Calls a shortcode registered with site.shortcode; the result is sanitized
  // markup. Errors carry the Markdown position and name the plug-in line.
  // After Setup, between RunUnit calls, on the host's thread.
  Result<std::string> CallShortcode(const std::string& name,
                                    const std::vector<std::pair<std::string, std::string>>& args,
                                    const std::string& source_file, int line);

  struct Impl;

 private:
  explicit PluginHost(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The data names whose strings are markup the host sanitizes.
bool IsMarkupDataName(std::string_view name);

}  // namespace minhbach
