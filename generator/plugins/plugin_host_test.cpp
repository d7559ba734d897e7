#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>

#include "plugins/plugin_host.h"
#include "plugins/plugin_test_util.h"

namespace minhbach {
namespace {

using plugin_test::TempSite;

const char* const kMinimalData = R"sql(
INSERT INTO meta VALUES ('schema', '1');
INSERT INTO unit VALUES ('dai-son', 'Đại Sơn', 'xã', 'Hải Phòng', 0);
)sql";

// Runs the single plug-in `code` as plugins/p.lua and returns the status.
struct Run {
  std::unique_ptr<PluginHost> host;
  Status status;
};

Run RunPlugin(TempSite& site, const std::string& code, PluginConfig config) {
  site.Write("plugins/p.lua", code);
  auto host = PluginHost::Create(config);
  REQUIRE(host.ok());
  Run r;
  r.host = std::move(host.value());
  r.status = r.host->RunAll();
  return r;
}

Run RunPlugin(TempSite& site, const std::string& code) { return RunPlugin(site, code, site.Config()); }

// The plug-in fails, with its own file and line, and a message containing `text`.
void RequireFailsAt(const Run& r, const std::string& file, int line, const std::string& text) {
  INFO(r.status.ToString());
  REQUIRE_FALSE(r.status.ok());
  CHECK(r.status.file() == file);
  CHECK(r.status.line() == line);
  CHECK(r.status.message().find(text) != std::string::npos);
}

TEST_CASE("escape: io is not there", "[plugins]") {
  TempSite site;
  site.CreateDatabase(kMinimalData);
  Run r = RunPlugin(site, "local x = 1\nlocal f = io.open('/etc/passwd')\n");
  RequireFailsAt(r, "plugins/p.lua", 2, "global 'io'");
}

TEST_CASE("escape: os only has time, date and clock", "[plugins]") {
  TempSite site;
  site.CreateDatabase(kMinimalData);
  Run ok = RunPlugin(site, "assert(os.time() > 0); assert(os.date('%Y')); assert(os.clock() >= 0)\n"
                           "for k in pairs(os) do assert(k == 'time' or k == 'date' or k == 'clock', k) end\n");
  CHECK(ok.status.ok());
  TempSite site2;
  site2.CreateDatabase(kMinimalData);
  Run r = RunPlugin(site2, "\n\nos.execute('touch /tmp/pwned')\n");
  RequireFailsAt(r, "plugins/p.lua", 3, "field 'execute'");
  TempSite site3;
  site3.CreateDatabase(kMinimalData);
  RequireFailsAt(RunPlugin(site3, "os.remove('x')\n"), "plugins/p.lua", 1, "field 'remove'");
}

TEST_CASE("escape: debug, dofile, loadfile, package are gone", "[plugins]") {
  TempSite site;
  site.CreateDatabase(kMinimalData);
  Run r = RunPlugin(site, "assert(debug == nil and dofile == nil and loadfile == nil and package == nil)\n"
                          "assert(string.dump == nil)\n"
                          "debug.getregistry()\n");
  RequireFailsAt(r, "plugins/p.lua", 3, "global 'debug'");
}

TEST_CASE("escape: require finds only modules under the plug-in folders", "[plugins]") {
  TempSite site;
  site.CreateDatabase(kMinimalData);
  site.Write("plugins/lib/util.lua", "return { twice = function(x) return 2 * x end }\n");
  site.Write("secret.lua", "return 'outside'\n");
  Run ok = RunPlugin(site, "local u = require('lib.util')\nassert(u.twice(21) == 42)\n"
                           "assert(require('lib.util') == u)\n");
  CHECK(ok.status.ok());

  TempSite s2;
  s2.CreateDatabase(kMinimalData);
  s2.Write("secret.lua", "return 'outside'\n");
  RequireFailsAt(RunPlugin(s2, "\nrequire('../secret')\n"), "plugins/p.lua", 2, "not a plug-in module name");
  TempSite s3;
  s3.CreateDatabase(kMinimalData);
  RequireFailsAt(RunPlugin(s3, "require('os')\n"), "plugins/p.lua", 1, "module 'os' not found");
  TempSite s4;
  s4.CreateDatabase(kMinimalData);
  RequireFailsAt(RunPlugin(s4, "require('/etc/passwd')\n"), "plugins/p.lua", 1, "not a plug-in module name");
}

TEST_CASE("escape: load takes text only", "[plugins]") {
  TempSite site;
  site.CreateDatabase(kMinimalData);
  // A binary chunk (what string.dump would give) is refused even when the
  // plug-in asks for mode "b".
  Run r = RunPlugin(site, "local f = function() return 1 end\n"
                          "local bin = '\\27Lua\\84\\0\\25\\147\\13\\10\\26\\10\\4\\8\\8'\n"
                          "local g, err = load(bin, 'x', 'b')\n"
                          "assert(g == nil and err:find('binary'), err)\n"
                          "load(string.dump(f))\n");
  RequireFailsAt(r, "plugins/p.lua", 5, "field 'dump'");

  TempSite s2;
  s2.CreateDatabase(kMinimalData);
  Run ok = RunPlugin(s2, "local g = assert(load('return 1 + x', 'chunk', 't', {x = 41}))\n"
                         "assert(g() == 42)\n"
                         "local h = assert(load('return site ~= nil'))\nassert(h())\n");
  CHECK(ok.status.ok());
}

TEST_CASE("escape: site.query cannot write, attach or change pragmas", "[plugins]") {
  TempSite site;
  site.CreateDatabase(kMinimalData);
  RequireFailsAt(RunPlugin(site, "local rows = site.query('SELECT * FROM unit')\n"
                                 "site.query(\"INSERT INTO meta VALUES ('x', 'y')\")\n"),
                 "plugins/p.lua", 2, "INSERT is not allowed");
  TempSite s2;
  s2.CreateDatabase(kMinimalData);
  RequireFailsAt(RunPlugin(s2, "site.query(\"ATTACH DATABASE '/tmp/mb-x.sqlite' AS x\")\n"), "plugins/p.lua", 1,
                 "ATTACH is not allowed");
  TempSite s3;
  s3.CreateDatabase(kMinimalData);
  RequireFailsAt(RunPlugin(s3, "site.query('PRAGMA query_only = 0')\n"), "plugins/p.lua", 1, "PRAGMA is not allowed");
  TempSite s4;
  s4.CreateDatabase(kMinimalData);
  RequireFailsAt(RunPlugin(s4, "site.query('DELETE FROM unit')\n"), "plugins/p.lua", 1, "DELETE is not allowed");
  TempSite s5;
  s5.CreateDatabase(kMinimalData);
  RequireFailsAt(RunPlugin(s5, "site.query('SELECT 1; DROP TABLE unit')\n"), "plugins/p.lua", 1, "one statement");
  TempSite s6;
  s6.CreateDatabase(kMinimalData);
  RequireFailsAt(RunPlugin(s6, "site.query('CREATE TABLE t(x)')\n"), "plugins/p.lua", 1, "CREATE");
  TempSite s7;
  s7.CreateDatabase(kMinimalData);
  RequireFailsAt(RunPlugin(s7, "site.query(\"SELECT load_extension('/tmp/x.so') AS x\")\n"), "plugins/p.lua", 1,
                 "this SQL function is not allowed");
  TempSite s8;
  s8.CreateDatabase(kMinimalData);
  RequireFailsAt(RunPlugin(s8, "site.query('BEGIN')\n"), "plugins/p.lua", 1, "not allowed");
}

TEST_CASE("escape: site.file and site.page stay inside the output", "[plugins]") {
  for (const char* bad : {"../x", "/etc/x", "a/../../x", "a\\\\b", "a//b", "./a", "", "a/", "c:x"}) {
    TempSite site;
    site.CreateDatabase(kMinimalData);
    INFO(bad);
    RequireFailsAt(RunPlugin(site, std::string("\nsite.file('") + bad + "', 'x')\n"), "plugins/p.lua", 2,
                   "is not a path inside the output folder");
  }
  TempSite site;
  site.CreateDatabase(kMinimalData);
  RequireFailsAt(RunPlugin(site, "site.page{path = '../index.html', template = 'page', data = {}}\n"),
                 "plugins/p.lua", 1, "not a path inside the output folder");
}

TEST_CASE("limit: an endless loop stops at the instruction limit", "[plugins]") {
  TempSite site;
  site.CreateDatabase(kMinimalData);
  PluginConfig config = site.Config();
  config.instruction_limit = 1'000'000;
  Run r = RunPlugin(site, "local n = 0\nwhile true do\n  n = n + 1\nend\n", config);
  RequireFailsAt(r, "plugins/p.lua", 3, "exceeded the time limit (1000000 instructions");
  CHECK(r.status.ToString().rfind("plugins/p.lua:", 0) == 0);
}

TEST_CASE("limit: pcall cannot swallow the time limit", "[plugins]") {
  TempSite site;
  site.CreateDatabase(kMinimalData);
  PluginConfig config = site.Config();
  config.instruction_limit = 1'000'000;
  Run r = RunPlugin(site,
                    "local function spin() while true do end end\n"
                    "for i = 1, 100 do\n"
                    "  local ok, err = pcall(spin)\n"
                    "  ok, err = xpcall(spin, function(e) return e end)\n"
                    "end\n"
                    "site.data('survived', true)\n",
                    config);
  RequireFailsAt(r, "plugins/p.lua", 1, "exceeded the time limit");
  CHECK(r.host->data().Get("survived") == nullptr);
}

TEST_CASE("limit: coroutines and runaway SQL count against the time limit", "[plugins]") {
  TempSite site;
  site.CreateDatabase(kMinimalData);
  PluginConfig config = site.Config();
  config.instruction_limit = 2'000'000;
  // Each coroutine runs fewer instructions than one hook interval.
  Run r = RunPlugin(site,
                    "while true do\n"
                    "  coroutine.wrap(function() for i = 1, 900 do end end)()\n"
                    "end\n",
                    config);
  REQUIRE_FALSE(r.status.ok());
  CHECK(r.status.message().find("exceeded the time limit") != std::string::npos);

  TempSite s2;
  s2.CreateDatabase(kMinimalData);
  PluginConfig config2 = s2.Config();
  config2.instruction_limit = 2'000'000;
  Run q = RunPlugin(s2,
                    "local rows = site.query('WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                    "SELECT count(*) AS n FROM c')\n",
                    config2);
  RequireFailsAt(q, "plugins/p.lua", 1, "exceeded the time limit");
}

TEST_CASE("escape: no __gc finalizers, which Lua runs without hooks", "[plugins]") {
  TempSite site;
  site.CreateDatabase(kMinimalData);
  PluginConfig config = site.Config();
  config.instruction_limit = 1'000'000;
  Run r = RunPlugin(site,
                    "local mt = {__index = {}}\n"
                    "setmetatable({}, mt)\n"
                    "setmetatable({}, {__gc = function() while true do end end})\n",
                    config);
  RequireFailsAt(r, "plugins/p.lua", 3, "__gc finalizers are not allowed");
}

TEST_CASE("limit: a 1 GB string fails at the memory limit", "[plugins]") {
  TempSite site;
  site.CreateDatabase(kMinimalData);
  Run r = RunPlugin(site, "local a = 'ok'\nlocal s = string.rep('x', 1 << 30)\n");
  RequireFailsAt(r, "plugins/p.lua", 2, "exceeded the memory limit (32 MB");

  TempSite s2;
  s2.CreateDatabase(kMinimalData);
  Run t = RunPlugin(s2, "local t = {}\nfor i = 1, 1e9 do\n  t[i] = {i}\nend\n");
  REQUIRE_FALSE(t.status.ok());
  CHECK(t.status.file() == "plugins/p.lua");
  CHECK(t.status.message().find("exceeded the memory limit") != std::string::npos);

  // SQLite may not build a string larger than the budget either.
  TempSite s3;
  s3.CreateDatabase(kMinimalData);
  Run z = RunPlugin(s3, "site.query('SELECT zeroblob(1000000000) AS z')\n");
  RequireFailsAt(z, "plugins/p.lua", 1, "too big");
}

TEST_CASE("escape: the string metatable is protected", "[plugins]") {
  TempSite site;
  site.CreateDatabase(kMinimalData);
  Run r = RunPlugin(site, "local s = 'abc'\ngetmetatable('').__index.upper = function() return 'pwned' end\n");
  RequireFailsAt(r, "plugins/p.lua", 2, "string metatable is protected");
  TempSite s2;
  s2.CreateDatabase(kMinimalData);
  Run r2 = RunPlugin(s2, "getmetatable('').__index = {}\n");
  RequireFailsAt(r2, "plugins/p.lua", 1, "string metatable is protected");
  TempSite s3;
  s3.CreateDatabase(kMinimalData);
  Run r3 = RunPlugin(s3, "setmetatable('', {})\n");
  RequireFailsAt(r3, "plugins/p.lua", 1, "bad argument");
}

TEST_CASE("errors carry the plug-in file and line", "[plugins]") {
  TempSite site;
  site.CreateDatabase(kMinimalData);
  RequireFailsAt(RunPlugin(site, "\n\nerror('boom')\n"), "plugins/p.lua", 3, "boom");
  TempSite s2;
  s2.CreateDatabase(kMinimalData);
  RequireFailsAt(RunPlugin(s2, "\nerror('no position', 0)\n"), "plugins/p.lua", 2, "no position");
  TempSite s3;
  s3.CreateDatabase(kMinimalData);
  RequireFailsAt(RunPlugin(s3, "local x = \n"), "plugins/p.lua", 2, "unexpected symbol");
  TempSite s4;
  s4.CreateDatabase(kMinimalData);
  RequireFailsAt(RunPlugin(s4, "error({})\n"), "plugins/p.lua", 1, "error object is a table");
  // An error inside a module names the module and the plug-in that ran it.
  TempSite s5;
  s5.CreateDatabase(kMinimalData);
  s5.Write("plugins/lib/bad.lua", "local M = {}\nfunction M.f() return nil + 1 end\nreturn M\n");
  Run r = RunPlugin(s5, "require('lib.bad').f()\n");
  RequireFailsAt(r, "plugins/lib/bad.lua", 2, "while running plugins/p.lua");
}

TEST_CASE("site.query binds parameters and returns rows keyed by column", "[plugins]") {
  TempSite site;
  site.CreateDatabase(std::string(kMinimalData) +
                      "INSERT INTO unit VALUES ('dong-phu', 'Đồng Phú', 'xã', 'Đồng Nai', 1);");
  Run r = RunPlugin(site,
                    "local rows = site.query('SELECT id, name, position, NULL AS missing, 2.5 AS f '\n"
                    "  .. 'FROM unit WHERE position >= ? ORDER BY position', 0)\n"
                    "assert(#rows == 2)\n"
                    "assert(rows[1].id == 'dai-son' and rows[2].name == 'Đồng Phú')\n"
                    "assert(math.type(rows[2].position) == 'integer' and rows[1].f == 2.5)\n"
                    "assert(rows[1].missing == nil)\n"
                    "local one = site.query('SELECT id FROM unit WHERE id = ?', 'dong-phu')\n"
                    "assert(#one == 1 and one[1].id == 'dong-phu')\n"
                    "assert(#site.query('SELECT id FROM unit WHERE id = ?', 'nope') == 0)\n"
                    "site.query('SELECT ? AS a, ? AS b', 1)\n");
  RequireFailsAt(r, "plugins/p.lua", 10, "2 parameter(s), 1 value(s) given");
}

TEST_CASE("site.data converts deterministically and refuses what JSON cannot hold", "[plugins]") {
  TempSite site;
  site.CreateDatabase(kMinimalData);
  Run r = RunPlugin(site,
                    "site.data('rows', { {b = 2, a = 1, c = {3, 4}}, {z = site.null, [10] = 'ten', [2] = 'two'} })\n"
                    "site.data('empty_array', {})\n"
                    "site.data('empty_object', site.object())\n"
                    "site.data('text', 'Đại Sơn ✓ 😀')\n"
                    // 31 keys set in a scrambled order, each with a table
                    "local t = {}\n"
                    "for i = 1, 31 do t[string.format('k%02d', (i * 7) % 31)] = {i, {n = i}} end\n"
                    "site.data('scrambled', t)\n");
  REQUIRE(r.status.ok());
  const Value& d = r.host->data();
  {
    std::string want = "{";
    for (int k = 0; k < 31; ++k) {
      int i = 1;
      while ((i * 7) % 31 != k) ++i;
      char key[8];
      std::snprintf(key, sizeof key, "k%02d", k);
      want += std::string(k ? "," : "") + "\"" + key + "\":[" + std::to_string(i) + ",{\"n\":" + std::to_string(i) + "}]";
    }
    CHECK(d.Get("scrambled")->ToJson() == want + "}");
  }
  CHECK(d.Get("rows")->ToJson() == R"([{"a":1,"b":2,"c":[3,4]},{"10":"ten","2":"two","z":null}])");
  CHECK(d.Get("empty_array")->ToJson() == "[]");
  CHECK(d.Get("empty_object")->ToJson() == "{}");
  CHECK(d.Get("text")->as_string() == "Đại Sơn ✓ 😀");

  struct Bad {
    const char* code;
    const char* message;
  };
  for (const Bad& bad : {Bad{"site.data('x', {f = print})", "x.f is a function"},
                         Bad{"local t = {}; t.self = t; site.data('x', {t})", "x[1].self contains itself"},
                         Bad{"site.data('x', {0/0})", "x[1] is not a finite number"},
                         Bad{"site.data('x', {[true] = 1})", "boolean key"},
                         Bad{"site.data('x', coroutine.create(print))", "x is a thread"},
                         Bad{"site.data('x', '\\255')", "not valid UTF-8"},
                         Bad{"site.data('x', '\\192\\175')", "not valid UTF-8"},       // overlong '/'
                         Bad{"site.data('x', '\\237\\160\\128')", "not valid UTF-8"},  // a surrogate
                         Bad{"site.data('x', 'ab\\244\\144\\128\\128')", "not valid UTF-8"},  // past U+10FFFF
                         Bad{"site.data('x', string.rep('a', 37) .. '\\255' .. string.rep('b', 9))", "not valid UTF-8"},
                         Bad{"site.data('Bad Name', 1)", "not a data name"},
                         Bad{"site.data('x', 1); site.data('x', 2)", "can only add items to an array or keys"},
                         Bad{"site.data('x', {1}); site.data('x', {a = 1})", "'x' was already published as an array"},
                         Bad{"site.data('x', {a = 1}); site.data('x', {a = 2})", "'x' already has the key 'a'"}}) {
    TempSite s;
    s.CreateDatabase(kMinimalData);
    INFO(bad.code);
    RequireFailsAt(RunPlugin(s, std::string("\n") + bad.code + "\n"), "plugins/p.lua", 2, bad.message);
  }
}

TEST_CASE("site.data called again extends what the plug-in published", "[plugins]") {
  TempSite site;
  site.CreateDatabase(kMinimalData);
  site.Write("plugins/q.lua", "site.data('rows', {4})\n");
  Run r = RunPlugin(site,
                    "site.data('rows', {})\n"
                    "for i = 1, 3 do site.data('rows', {i}) end\n"
                    "site.data('by_id', {})\n"
                    "site.data('by_id', {z = 1, b = 2})\n"
                    "site.data('by_id', {a = 3})\n"
                    "site.data('by_id', {})\n"
                    "site.data('charts', site.object())\n"
                    "site.data('charts', {x = '<svg><script>alert(1)</script></svg>'})\n");
  RequireFailsAt(r, "plugins/q.lua", 1, "'rows' was already published by plugins/p.lua");
  CHECK(r.host->data().Get("rows")->ToJson() == "[1,2,3]");
  CHECK(r.host->data().Get("by_id")->ToJson() == R"({"a":3,"b":2,"z":1})");  // sorted again
  CHECK(r.host->data().Get("charts")->size() == 1);
  CHECK(r.host->data().Get("charts")->GetString("x") == "<svg></svg>");
}

TEST_CASE("site helpers: as_of, days, iso, config, json, format_number, escape", "[plugins]") {
  TempSite site;
  site.CreateDatabase(kMinimalData);
  PluginConfig config = site.Config("2024-02-29");
  config.site_config = Value::MakeObject();
  config.site_config.Set("title", "Minh bạch");
  Run r = RunPlugin(site,
                    "assert(site.as_of == '2024-02-29')\n"
                    "assert(site.days('1970-01-02') == 1 and site.days('2024-03-01') - site.days('2024-02-28') == 2)\n"
                    "assert(site.iso(site.days('2024-02-29') + 1) == '2024-03-01')\n"
                    "assert(site.config.title == 'Minh bạch')\n"
                    "site.config.title = 'changed'\n"
                    "assert(site.json({b = 1, a = {true, site.null}}) == '{\"a\":[true,null],\"b\":1}')\n"
                    "assert(site.format_number(4.75) == '4,75' and site.format_number(12000, 0) == '12.000')\n"
                    "assert(site.format_number(2/3, 1) == '0,7')\n"
                    "assert(site.escape('<a href=\"x\">&</a>') == '&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;')\n"
                    "assert(site.plugin == 'plugins/p.lua')\n"
                    "site.days('2023-02-29')\n",
                    config);
  RequireFailsAt(r, "plugins/p.lua", 11, "'2023-02-29' is not a date");
  CHECK(r.host->data().size() == 0);
}

TEST_CASE("site.page, site.file, warnings and print", "[plugins]") {
  TempSite site;
  site.CreateDatabase(kMinimalData);
  Run r = RunPlugin(site,
                    "site.page{path = 'dai-son/thong-ke/', template = 'thong-ke', data = {n = 1}}\n"
                    "site.file('api/v1/x.json', '[]')\n"
                    "site.warn('careful')\n"
                    "print('a', 1, nil)\n");
  REQUIRE(r.status.ok());
  REQUIRE(r.host->pages().size() == 1);
  CHECK(r.host->pages()[0].path == "dai-son/thong-ke/index.html");
  CHECK(r.host->pages()[0].layout == "thong-ke");
  CHECK(r.host->pages()[0].data.ToJson() == R"({"n":1})");
  CHECK(r.host->pages()[0].plugin == "plugins/p.lua");
  REQUIRE(r.host->files().size() == 1);
  CHECK(r.host->files()[0].path == "api/v1/x.json");
  CHECK(r.host->files()[0].bytes == "[]");
  REQUIRE(r.host->warnings().size() == 2);
  CHECK(r.host->warnings()[0] == "plugins/p.lua:3: careful");
  CHECK(r.host->warnings()[1] == "plugins/p.lua:4: a\t1\tnil");

  // The same plug-in may write a file in pieces; another plug-in may not
  // touch it, nor may a page take its path.
  TempSite s2;
  s2.CreateDatabase(kMinimalData);
  s2.Write("plugins/q.lua", "site.file('a.json', '3')\n");
  Run pieces = RunPlugin(s2, "site.file('a.json', '[1')\nsite.file('a.json', ',2]')\n");
  RequireFailsAt(pieces, "plugins/q.lua", 1, "'a.json' was already produced by plugins/p.lua");
  REQUIRE(pieces.host->files().size() == 1);
  CHECK(pieces.host->files()[0].bytes == "[1,2]");
  TempSite s2b;
  s2b.CreateDatabase(kMinimalData);
  RequireFailsAt(RunPlugin(s2b, "site.file('a/index.html', '1')\nsite.page{path = 'a/', template = 'page'}\n"),
                 "plugins/p.lua", 2, "already produced by plugins/p.lua");
  TempSite s3;
  s3.CreateDatabase(kMinimalData);
  Run empty = RunPlugin(s3, "site.page{path = 'a/b.html', template = 'page'}\n"
                            "site.page{path = 'c/', template = 'page', data = {}}\n"
                            "site.page{path = 'd/', template = 'page', data = {1, 2}}\n");
  RequireFailsAt(empty, "plugins/p.lua", 3, "'data' must be a table with named fields");
  REQUIRE(empty.host->pages().size() == 2);
  CHECK(empty.host->pages()[0].data.ToJson() == "{}");
  CHECK(empty.host->pages()[1].data.ToJson() == "{}");
  TempSite s4;
  s4.CreateDatabase(kMinimalData);
  RequireFailsAt(RunPlugin(s4, "site.page{path = 'x/', template = '../layouts/evil'}\n"), "plugins/p.lua", 1,
                 "is not a layout name");
}

TEST_CASE("plug-ins run in name order, each in its own state", "[plugins]") {
  TempSite site;
  site.CreateDatabase(kMinimalData);
  site.Write("plugins/b.lua", "assert(shared == nil, 'a leaked a global')\nsite.data('b', 2)\n");
  site.Write("plugins/a.lua", "shared = 1\nstring.upper = nil\nsite.data('a', 1)\n");
  site.Write("plugins/notes.txt", "not a plug-in");
  auto host = PluginHost::Create(site.Config());
  REQUIRE(host.ok());
  Status s = host.value()->RunAll();
  INFO(s.ToString());
  REQUIRE(s.ok());
  CHECK(host.value()->data().ToJson() == R"({"a":1,"b":2})");
  CHECK(host.value()->plugins() == std::vector<std::string>{"plugins/a.lua", "plugins/b.lua"});
}

TEST_CASE("a plug-in folder earlier in the list hides the same name later", "[plugins]") {
  TempSite site;
  site.CreateDatabase(kMinimalData);
  site.Write("plugins/x.lua", "site.data('from', 'site')\n");
  site.Write("themes/t/plugins/x.lua", "site.data('from', 'theme')\n");
  site.Write("themes/t/plugins/y.lua", "site.data('theme_only', true)\n");
  PluginConfig config = site.Config();
  config.plugin_dirs.push_back(site.root() / "themes/t/plugins");
  auto host = PluginHost::Create(config);
  REQUIRE(host.ok());
  REQUIRE(host.value()->RunAll().ok());
  CHECK(host.value()->data().ToJson() == R"({"from":"site","theme_only":true})");
  CHECK(host.value()->plugins() == std::vector<std::string>{"plugins/x.lua", "themes/t/plugins/y.lua"});
}

TEST_CASE("shortcodes: called with arguments, sanitized, errors name both places", "[plugins]") {
  TempSite site;
  site.CreateDatabase(kMinimalData);
  Run r = RunPlugin(site,
                    "site.shortcode('hello', function(args, ctx)\n"
                    "  return '<p onclick=\"x()\">Xin chào ' .. site.escape(args.name) .. ' (' .. ctx.file .. ':'\n"
                    "    .. ctx.line .. ')</p><script>alert(1)</script>'\n"
                    "end)\n"
                    "site.shortcode('broken', function(args)\n"
                    "  return nil .. 'x'\n"
                    "end)\n"
                    "site.shortcode('spin', function() while true do end end)\n"
                    "site.shortcode('late', function() site.data('late', 1) return '' end)\n");
  REQUIRE(r.status.ok());
  CHECK(r.host->HasShortcode("hello"));
  CHECK_FALSE(r.host->HasShortcode("nope"));
  auto out = r.host->CallShortcode("hello", {{"name", "<b>Sơn</b>"}}, "content/dai-son/kh/index.md", 12);
  REQUIRE(out.ok());
  CHECK(out.value() == "<p>Xin chào &lt;b&gt;Sơn&lt;/b&gt; (content/dai-son/kh/index.md:12)</p>");

  auto bad = r.host->CallShortcode("broken", {}, "content/x.md", 7);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().file() == "content/x.md");
  CHECK(bad.status().line() == 7);
  CHECK(bad.status().message().find("plugins/p.lua:6:") != std::string::npos);

  auto spin = r.host->CallShortcode("spin", {}, "content/x.md", 3);
  REQUIRE_FALSE(spin.ok());
  CHECK(spin.status().message().find("exceeded the time limit") != std::string::npos);

  auto late = r.host->CallShortcode("late", {}, "content/x.md", 4);
  REQUIRE_FALSE(late.ok());
  CHECK(late.status().message().find("site.data cannot be called from a shortcode") != std::string::npos);
  CHECK(r.host->data().Get("late") == nullptr);

  auto unknown = r.host->CallShortcode("nope", {}, "content/x.md", 1);
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.status().message().find("unknown shortcode 'nope'") != std::string::npos);
}

TEST_CASE("markup data is sanitized when published", "[plugins]") {
  TempSite site;
  site.CreateDatabase(kMinimalData);
  Run r = RunPlugin(site,
                    "site.data('charts', { ['dai-son/x'] = '<svg onload=\"alert(1)\"><rect width=\"2\"/>"
                    "<script>alert(1)</script></svg>' })\n"
                    "site.data('other', '<script>kept as data; templates escape it</script>')\n");
  REQUIRE(r.status.ok());
  CHECK(r.host->data().Get("charts")->GetString("dai-son/x") == "<svg><rect width=\"2\"/></svg>");
  CHECK(r.host->data().GetString("other") == "<script>kept as data; templates escape it</script>");
}

TEST_CASE("a missing database or bad limits fail at creation", "[plugins]") {
  TempSite site;
  PluginConfig config = site.Config();
  auto host = PluginHost::Create(config);
  REQUIRE_FALSE(host.ok());
  CHECK(host.status().message().find("database does not exist") != std::string::npos);
  site.CreateDatabase(kMinimalData);
  config.instruction_limit = 0;
  CHECK_FALSE(PluginHost::Create(config).ok());
}

}  // namespace
}  // namespace minhbach
