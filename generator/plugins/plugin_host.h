// PluginHost: runs the site's Lua plug-ins once per build and keeps what they
// publish as plain Values, so that rendering threads never touch Lua.
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

class PluginHost {
 public:
  static Result<std::unique_ptr<PluginHost>> Create(const PluginConfig& config);
  ~PluginHost();
  PluginHost(const PluginHost&) = delete;
  PluginHost& operator=(const PluginHost&) = delete;

  // Runs every *.lua directly in each plug-in folder, sorted by file name,
  // once. The first error stops the run: "plugins/x.lua:12: message".
  Status RunAll();

  const Value& data() const;  // object: name -> value from site.data(name, value)
  const std::vector<PluginPage>& pages() const;
  const std::vector<PluginFile>& files() const;
  const std::vector<std::string>& warnings() const;  // "plugins/x.lua:12: message"
  // The plug-in files that ran, in order ("plugins/charts.lua", ...).
  const std::vector<std::string>& plugins() const;

  bool HasShortcode(const std::string& name) const;
  // Calls a shortcode registered with site.shortcode; the result is sanitized
  // markup. Errors carry the Markdown position and name the plug-in line.
  // One thread only (the pipeline calls it while expanding plan Markdown).
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
