// site.each_unit, site.rows, Setup/RunUnit/RunAll: plug-ins working per unit.
#include <catch2/catch.hpp>

#include "plugins/json_rows.h"
#include "plugins/plugin_host.h"
#include "plugins/plugin_test_util.h"

namespace minhbach {
namespace {

using plugin_test::TempSite;

// Three units whose site order (position) is not their id order.
const char* const kUnits = R"sql(
INSERT INTO meta VALUES ('schema', '1');
INSERT INTO unit VALUES ('dai-son', 'Đại Sơn', 'xã', 'Hải Phòng', 1);
INSERT INTO unit VALUES ('an-binh', 'An Bình', 'phường', 'Đồng Nai', 2);
INSERT INTO unit VALUES ('cat-hai', 'Cát Hải', 'xã', 'Hải Phòng', 0);
)sql";

std::unique_ptr<PluginHost> Host(const TempSite& site, PluginConfig config) {
  auto host = PluginHost::Create(config);
  REQUIRE(host.ok());
  return std::move(host.value());
}

std::unique_ptr<PluginHost> Host(const TempSite& site) { return Host(site, site.Config()); }

void RequireFailsAt(const Status& s, const std::string& file, int line, const std::string& text) {
  INFO(s.ToString());
  REQUIRE_FALSE(s.ok());
  CHECK(s.file() == file);
  CHECK(s.line() == line);
  CHECK(s.message().find(text) != std::string::npos);
}

const char* const kPerUnit = R"lua(
site.data("site_wide", { site.unit == nil })
site.shortcode("where", function() return tostring(site.unit) end)
site.each_unit(function(unit)
  assert(site.unit == unit.id)
  site.data("names", { unit.name })
  site.data("kinds", { [unit.id] = unit.kind })
  site.data("names", { unit.id })
  site.rows("api/v1/units.json", { { id = unit.id }, 2 })
  site.rows("api/v1/empty.json", {})
  site.rows("api/v1/units.json", { "last" })
  site.warn("seen " .. unit.id)
  site.page{ path = unit.id .. "/x/", template = "page", data = { title = unit.name } }
  site.file(unit.id .. "/a.txt", "a")
  site.file(unit.id .. "/a.txt", "b")
end)
site.each_unit(function(unit) site.data("second", { site.unit }) end)
)lua";

TEST_CASE("site.each_unit: RunUnit returns one unit's results, top level stays site-wide", "[plugins]") {
  TempSite site;
  site.CreateDatabase(kUnits);
  site.Write("plugins/p.lua", kPerUnit);
  auto host = Host(site);
  Status setup = host->Setup();
  INFO(setup.ToString());
  REQUIRE(setup.ok());
  CHECK(host->data().ToJson() == R"({"site_wide":[true]})");

  auto r = host->RunUnit(UnitRef{"dai-son", "Đại Sơn", "xã"});
  INFO(r.status().ToString());
  REQUIRE(r.ok());
  const PluginUnitResults& u = r.value();
  CHECK(u.data.ToJson() == R"({"names":["Đại Sơn","dai-son"],"kinds":{"dai-son":"xã"},"second":["dai-son"]})");
  REQUIRE(u.rows.size() == 2);
  CHECK(u.rows[0].first == "api/v1/units.json");
  CHECK(u.rows[0].second == std::vector<std::string>{"{\"id\":\"dai-son\"}", "2", "\"last\""});
  CHECK(u.rows[1].first == "api/v1/empty.json");
  CHECK(u.rows[1].second.empty());
  CHECK(u.warnings == std::vector<std::string>{"plugins/p.lua:12: seen dai-son"});
  REQUIRE(u.pages.size() == 1);
  CHECK(u.pages[0].path == "dai-son/x/index.html");
  REQUIRE(u.files.size() == 1);
  CHECK(u.files[0].bytes == "ab");

  // Outside a unit, site.unit is nil again; the next unit starts empty.
  auto where = host->CallShortcode("where", {}, "content/x.md", 1);
  REQUIRE(where.ok());
  CHECK(where.value() == "nil");
  auto r2 = host->RunUnit(UnitRef{"an-binh", "An Bình", "phường"});
  REQUIRE(r2.ok());
  CHECK(r2.value().data.ToJson() == R"({"names":["An Bình","an-binh"],"kinds":{"an-binh":"phường"},"second":["an-binh"]})");
  CHECK(r2.value().warnings == std::vector<std::string>{"plugins/p.lua:12: seen an-binh"});
  // Site-wide results are untouched by units.
  CHECK(host->data().ToJson() == R"({"site_wide":[true]})");
  CHECK(host->pages().empty());
  CHECK(host->files().empty());
}

TEST_CASE("RunAll: units in site order, merged, site.rows become whole files", "[plugins]") {
  TempSite site;
  site.CreateDatabase(kUnits);
  site.Write("plugins/p.lua", kPerUnit);
  site.Write("plugins/a.lua", "site.file('top.txt', 'top')\n");
  auto host = Host(site);
  Status s = host->RunAll();
  INFO(s.ToString());
  REQUIRE(s.ok());
  CHECK(host->data().ToJson() ==
        R"({"site_wide":[true],"names":["Cát Hải","cat-hai","Đại Sơn","dai-son","An Bình","an-binh"],)"
        R"("kinds":{"an-binh":"phường","cat-hai":"xã","dai-son":"xã"},"second":["cat-hai","dai-son","an-binh"]})");
  CHECK(host->warnings() == std::vector<std::string>{"plugins/p.lua:12: seen cat-hai", "plugins/p.lua:12: seen dai-son",
                                                     "plugins/p.lua:12: seen an-binh"});
  REQUIRE(host->pages().size() == 3);
  CHECK(host->pages()[2].path == "an-binh/x/index.html");
  // Site-wide files, the units' files, then one file per site.rows path.
  std::vector<std::string> paths;
  for (const PluginFile& f : host->files()) paths.push_back(f.path);
  CHECK(paths == std::vector<std::string>{"top.txt", "cat-hai/a.txt", "dai-son/a.txt", "an-binh/a.txt",
                                          "api/v1/units.json", "api/v1/empty.json"});
  Value whole = Value::MakeArray();
  for (const char* id : {"cat-hai", "dai-son", "an-binh"}) {
    Value o = Value::MakeObject();
    o.Set("id", Value(id));
    whole.as_array().push_back(o);
    whole.as_array().push_back(Value(2));
    whole.as_array().push_back(Value("last"));
  }
  CHECK(host->files()[4].bytes == whole.ToJsonLines());
  CHECK(host->files()[4].plugin == "plugins/p.lua");
  CHECK(host->files()[5].bytes == "[]\n");
}

TEST_CASE("site.each_unit: where each site.* function may be called", "[plugins]") {
  struct Bad {
    const char* code;
    int line;
    const char* text;
  };
  const Bad kBad[] = {
      {"site.rows('api/v1/x.json', {1})\n", 1, "site.rows works inside a site.each_unit function"},
      {"site.each_unit(function(u)\n  site.each_unit(print)\nend)\n", 2, "site.each_unit works at the top level"},
      {"site.each_unit(function(u)\n  site.shortcode('x', print)\nend)\n", 2, "site.shortcode works at the top level"},
      {"site.each_unit(function(u)\n  site.rows('x.json', {1})\nend)\n", 2, "a rows file is 'api/"},
      {"site.each_unit(function(u)\n  site.rows('api/v1/../x.json', {1})\nend)\n", 2, "not a path inside"},
      {"site.each_unit(function(u)\n  site.rows('api/v1/x.json', {a = 1})\nend)\n", 2, "must be an array"},
      {"site.each_unit(function(u)\n  site.rows('api/v1/x.json', {print})\nend)\n", 2, "list[1] is a function"},
      {"site.file('api/v1/x.json', '[]')\nsite.each_unit(function(u)\n  site.rows('api/v1/x.json', {1})\nend)\n", 3,
       "'api/v1/x.json' was already produced by plugins/p.lua"},
      {"site.each_unit(function(u)\n  site.rows('api/v1/x.json', {})\n  site.file('api/v1/x.json', '')\nend)\n", 3,
       "was already produced by plugins/p.lua"},
      // A path is produced once per site: the second unit cannot append.
      {"site.each_unit(function(u)\n  site.file('same.txt', u.id)\nend)\n", 2,
       "'same.txt' was already produced by plugins/p.lua for unit 'cat-hai'"},
      {"site.data('x', 1)\nsite.each_unit(function(u)\n  site.data('x', 2)\nend)\n", 0,
       "'x' was already published as a single value"},
  };
  for (const Bad& bad : kBad) {
    INFO(bad.code);
    TempSite site;
    site.CreateDatabase(kUnits);
    site.Write("plugins/p.lua", bad.code);
    auto host = Host(site);
    Status s = host->RunAll();
    RequireFailsAt(s, "plugins/p.lua", bad.line, bad.text);
  }
}

TEST_CASE("site.each_unit: errors name the unit, and a name or rows file has one owner", "[plugins]") {
  TempSite site;
  site.CreateDatabase(kUnits);
  site.Write("plugins/lib/m.lua", "return { f = function(id) if id == 'dai-son' then return nil .. 'x' end end }\n");
  site.Write("plugins/p.lua", "local m = require('lib.m')\nsite.each_unit(function(u)\n  m.f(u.id)\nend)\n");
  auto host = Host(site);
  Status s = host->RunAll();
  RequireFailsAt(s, "plugins/lib/m.lua", 1, "(while running plugins/p.lua for unit 'dai-son')");

  TempSite site2;
  site2.CreateDatabase(kUnits);
  site2.Write("plugins/a.lua", "site.each_unit(function(u) site.data('n', {1}); site.rows('api/r.json', {1}) end)\n");
  site2.Write("plugins/b.lua", "site.each_unit(function(u)\n  site.data('n', {2})\nend)\n");
  RequireFailsAt(Host(site2)->RunAll(), "plugins/b.lua", 2, "'n' was already published by plugins/a.lua (unit 'cat-hai')");
  TempSite site3;
  site3.CreateDatabase(kUnits);
  site3.Write("plugins/a.lua", "site.each_unit(function(u) site.rows('api/r.json', {1}) end)\n");
  site3.Write("plugins/b.lua", "site.each_unit(function(u)\n  site.rows('api/r.json', {2})\nend)\n");
  RequireFailsAt(Host(site3)->RunAll(), "plugins/b.lua", 2, "'api/r.json' was already produced by plugins/a.lua");

  // RunUnit needs a successful Setup.
  TempSite site4;
  site4.CreateDatabase(kUnits);
  site4.Write("plugins/p.lua", "error('no')\n");
  auto h4 = Host(site4);
  CHECK_FALSE(h4->RunUnit(UnitRef{"dai-son", "Đại Sơn", "xã"}).ok());
  CHECK_FALSE(h4->Setup().ok());
  CHECK_FALSE(h4->RunUnit(UnitRef{"dai-son", "Đại Sơn", "xã"}).ok());
}

TEST_CASE("site.each_unit: the instruction limit applies to each call", "[plugins]") {
  TempSite site;
  site.CreateDatabase(kUnits);
  // About 600,000 instructions a unit: three units together exceed the
  // limit of 1,000,000, each alone does not.
  site.Write("plugins/p.lua",
             "site.each_unit(function(u)\n  local n = 0\n  for i = 1, 200000 do n = n + i end\n"
             "  site.data('sums', {n})\nend)\n");
  PluginConfig config = site.Config();
  config.instruction_limit = 1'000'000;
  auto host = Host(site, config);
  Status s = host->RunAll();
  INFO(s.ToString());
  REQUIRE(s.ok());
  CHECK(host->data().Get("sums")->size() == 3);

  TempSite site2;
  site2.CreateDatabase(kUnits);
  site2.Write("plugins/p.lua", "site.each_unit(function(u)\n  while u.id == 'dai-son' do end\nend)\n");
  PluginConfig config2 = site2.Config();
  config2.instruction_limit = 1'000'000;
  Status spin = Host(site2, config2)->RunAll();
  RequireFailsAt(spin, "plugins/p.lua", 2, "exceeded the time limit");
  CHECK(spin.message().find("(unit 'dai-son')") != std::string::npos);
}

TEST_CASE("site.each_unit: one host runs many units within one state's memory limit", "[plugins]") {
  TempSite site;
  site.CreateDatabase(kUnits);
  // Each unit builds about 2 MB and drops it; the limit is 8 MB.
  site.Write("plugins/p.lua",
             "local seen = 0\n"
             "site.each_unit(function(u)\n"
             "  local t = {}\n  for i = 1, 40000 do t[i] = u.id .. i end\n"
             "  seen = seen + 1\n  site.data('seen', {seen})\nend)\n");
  PluginConfig config = site.Config();
  config.memory_limit = 8u << 20;
  auto host = Host(site, config);
  REQUIRE(host->Setup().ok());
  for (int round = 1; round <= 20; ++round) {
    auto r = host->RunUnit(UnitRef{"u" + std::to_string(round), "U", "xã"});
    INFO(r.status().ToString());
    REQUIRE(r.ok());
    CHECK(r.value().data.ToJson() == "{\"seen\":[" + std::to_string(round) + "]}");
  }
}

}  // namespace
}  // namespace minhbach
