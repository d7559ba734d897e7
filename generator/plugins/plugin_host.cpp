#include "plugins/plugin_host.h"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <system_error>
#include <unordered_set>

#include "base/fs.h"
#include "base/text.h"
#include "plugins/json_rows.h"
#include "plugins/lua_value.h"
#include "plugins/read_only_db.h"
#include "plugins/sandbox.h"
#include "plugins/sanitize.h"

extern "C" {
#include <lauxlib.h>
}

namespace minhbach {

namespace fs = std::filesystem;
using plugins_internal::kNullSentinel;
using plugins_internal::kObjectMarkKey;
using plugins_internal::LuaToValue;
using plugins_internal::PushValue;
using plugins_internal::ReadOnlyDb;
using plugins_internal::Sandbox;
using plugins_internal::SandboxOptions;

struct PluginHost::Impl {
  PluginConfig config;
  std::string as_of_iso;
  std::unique_ptr<ReadOnlyDb> db;
  std::vector<fs::path> dirs;              // plug-in folders that exist
  std::vector<std::string> display_dirs;   // their names in messages
  std::vector<std::unique_ptr<Sandbox>> sandboxes;
  // The sandbox whose code runs now, for SQLite's progress handler. Set by
  // every site.query before it prepares or steps, so it is never stale when read.
  Sandbox* current = nullptr;
  lua_State* current_thread = nullptr;  // the coroutine (or main thread) of that query

  // Where site.* publishes: into the site-wide results while Setup runs the
  // top-level code, into one unit's results while RunUnit runs, and nowhere
  // in between: shortcodes run then, after the build has read the results.
  enum class Phase { kNone, kSetup, kUnit, kIdle };
  Phase phase = Phase::kNone;
  bool setup_done = false;  // Setup was called
  bool setup_ok = false;    // and every plug-in's top-level code ran
  bool ran = false;  // RunAll

  // What site.data published under each name: its place in the data object.
  // A plug-in may call site.data again with the same name to add items or
  // keys (so it can publish piece by piece instead of holding everything in
  // its Lua memory); objects extended that way are sorted again at the end.
  struct Published {
    std::size_t index = 0;                                 // in data.as_object()
    std::unique_ptr<std::unordered_set<std::string>> keys;  // while an object is being extended
  };
  // Site-wide results (top-level code, and RunAll's merge of the units).
  Value data = Value::MakeObject();
  std::map<std::string, Published> published;
  std::vector<PluginPage> pages;
  std::vector<PluginFile> files;
  std::vector<std::string> warnings;
  // Name -> the plug-in that published it first, site-wide or in any unit
  // this host ran: a name belongs to one plug-in.
  std::map<std::string, std::string> data_owner;

  // The unit RunUnit is running (phase kUnit).
  PluginUnitResults* unit = nullptr;
  const UnitRef* unit_ref = nullptr;
  std::uint64_t unit_serial = 0;  // 1, 2, ...: which RunUnit call; 0 is site-wide
  std::map<std::string, Published> unit_published;

  // Every output path a page, file or site.rows claimed, site-wide or in any
  // unit this host ran. site.file called again by the same plug-in in the
  // same unit (or both at top level) appends to its file; site.rows paths
  // are shared by the units of their plug-in.
  enum class Kind { kPage, kFile, kRows };
  struct Output {
    std::string owner;
    Kind kind = Kind::kPage;
    std::size_t index = 0;          // in pages or files of its results
    std::uint64_t unit_serial = 0;  // whose results
    std::string unit_id;            // for messages; empty: site-wide
  };
  std::map<std::string, Output> outputs;
  std::vector<std::string> plugin_names;

  struct Shortcode {
    Sandbox* sandbox;
    int ref;  // the function, in the sandbox's registry
  };
  std::map<std::string, Shortcode> shortcodes;
  struct EachUnit {
    Sandbox* sandbox;
    int ref;
  };
  std::vector<EachUnit> each_unit;  // registration order: file order, then call order

  Status RunFile(const fs::path& path, const std::string& display);

  bool publishing() const { return phase == Phase::kSetup || phase == Phase::kUnit; }
  std::uint64_t serial() const { return unit ? unit_serial : 0; }
  Value& data_out() { return unit ? unit->data : data; }
  std::map<std::string, Published>& published_out() { return unit ? unit_published : published; }
  std::vector<PluginPage>& pages_out() { return unit ? unit->pages : pages; }
  std::vector<PluginFile>& files_out() { return unit ? unit->files : files; }
  std::vector<std::string>& warnings_out() { return unit ? unit->warnings : warnings; }
};

bool IsMarkupDataName(std::string_view name) {
  return name == "charts" || name == "unit_charts" || name == "agency_charts";
}

namespace {

// Registry key of each state's `site` table, where site.unit is set.
char kSiteTableKey;

PluginHost::Impl* HostOf(Sandbox* sb) { return static_cast<PluginHost::Impl*>(sb->host()); }

// --- error discipline -------------------------------------------------------
//
// Lua errors are longjmps (Debian builds Lua as C), so a site.* function
// never raises while one of its own C++ objects is alive. Each function
// checks its Lua arguments first (those checks may raise; nothing is alive
// yet), then does its C++ work in a lambda run by Guarded(); the lambda
// leaves its result or error sentence in sandbox-owned strings, and Guarded
// pushes or raises once the lambda's objects are gone.

enum class Out { kNothing, kScratch, kError };

int RaisePending(lua_State* L, Sandbox* sb) {
  luaL_where(L, 1);
  if (lua_rawlen(L, -1) == 0) {
    lua_pop(L, 1);
    lua_pushfstring(L, "%s: ", sb->name().c_str());
  }
  lua_pushlstring(L, sb->pending_error.data(), sb->pending_error.size());
  lua_concat(L, 2);
  return lua_error(L);
}

template <typename F>
int Guarded(lua_State* L, F&& body) {
  Sandbox* sb = Sandbox::From(L);
  Out out = Out::kError;
  try {
    out = body(sb);
  } catch (const std::exception& e) {
    try {
      sb->pending_error = e.what();
    } catch (...) {
    }
    out = Out::kError;
  }
  switch (out) {
    case Out::kNothing:
      return 0;
    case Out::kScratch:
      lua_pushlstring(L, sb->scratch.data(), sb->scratch.size());
      return 1;
    case Out::kError:
      break;
  }
  return RaisePending(L, sb);
}

// --- validation -------------------------------------------------------------

bool IsLowerName(std::string_view s) {
  if (s.empty() || s.size() > 64 || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  }
  return true;
}

bool IsLayoutName(std::string_view s) {
  if (s.empty() || s.size() > 128) return false;
  for (const std::string& part : Split(s, '/')) {
    if (part.empty() || part == "." || part == "..") return false;
    for (char c : part) {
      bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
      if (!ok) return false;
    }
  }
  return true;
}

// An output-relative path a plug-in may write: no way out of the output
// folder (absolute, "..", "\", empty or "." segments) and nothing a file
// system or a URL would read differently (control characters, ':').
bool IsSafeOutputPath(std::string_view path) {
  if (path.size() > 512 || !IsValidUtf8(path) || !IsSafeRelativePath(path)) return false;
  for (char c : path) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F || c == ':') return false;
  }
  return true;
}

std::string OutputPathRules(std::string_view path) {
  return "'" + std::string(path.substr(0, 200)) +
         "' is not a path inside the output folder (write it like \"api/v1/x.json\": relative, '/' "
         "separators, no '..', '.', empty segments, '\\' or ':')";
}

void SanitizeStrings(Value* v) {
  switch (v->type()) {
    case Value::Type::kString:
      *v = Value(SanitizeMarkup(v->as_string()));
      return;
    case Value::Type::kArray:
      for (Value& item : v->as_array()) SanitizeStrings(&item);
      return;
    case Value::Type::kObject:
      for (auto& member : v->as_object()) SanitizeStrings(&member.second);
      return;
    default:
      return;
  }
}

// Claims an output path for the running plug-in; false (with the reason in
// pending_error) when another page or file already has it.
std::string ProducedBy(const PluginHost::Impl::Output& out) {
  return out.owner + (out.unit_id.empty() ? std::string() : " for unit '" + out.unit_id + "'");
}

bool ClaimOutput(PluginHost::Impl* host, Sandbox* sb, const std::string& path, const char* fn,
                 PluginHost::Impl::Kind kind, std::size_t index) {
  PluginHost::Impl::Output claim{sb->name(), kind, index, host->serial(),
                                 host->unit_ref ? host->unit_ref->id : std::string()};
  auto [it, inserted] = host->outputs.emplace(path, std::move(claim));
  if (!inserted) {
    sb->pending_error = std::string(fn) + ": '" + path + "' was already produced by " + ProducedBy(it->second);
    return false;
  }
  return true;
}

// Adds a later site.data value to what the same plug-in published before
// under that name: items to an array, keys to an object.
bool Extend(PluginHost::Impl::Published* pub, Value* target, Value&& more, const std::string& name,
            std::string* error) {
  // `{}` published first is an empty array; keys added later make it an object.
  if (target->is_array() && target->size() == 0 && more.is_object()) *target = Value::MakeObject();
  if (target->is_array() && more.is_array()) {
    for (Value& item : more.as_array()) target->as_array().push_back(std::move(item));
    return true;
  }
  if (target->is_object() && (more.is_object() || (more.is_array() && more.size() == 0))) {
    if (!pub->keys) {
      pub->keys = std::make_unique<std::unordered_set<std::string>>();
      for (const auto& member : target->as_object()) pub->keys->insert(member.first);
    }
    if (more.is_object()) {
      for (auto& member : more.as_object()) {
        if (!pub->keys->insert(member.first).second) {
          *error = "'" + name + "' already has the key '" + member.first + "'";
          return false;
        }
        target->as_object().push_back(std::move(member));
      }
    }
    return true;
  }
  *error = "'" + name + "' was already published as " +
           (target->is_array() ? "an array" : target->is_object() ? "an object" : "a single value") +
           "; a later call can only add items to an array or keys to an object";
  return false;
}

// Sorts the objects a plug-in extended: keys in byte order, as if published
// in one call.
void FinishPublished(Value* data, std::map<std::string, PluginHost::Impl::Published>* published) {
  for (auto& [name, pub] : *published) {
    if (!pub.keys) continue;
    Value& v = data->as_object()[pub.index].second;
    std::stable_sort(v.as_object().begin(), v.as_object().end(),
                     [](const Value::Member& a, const Value::Member& b) { return a.first < b.first; });
    pub.keys.reset();
  }
}

// --- site.* -----------------------------------------------------------------

// Publishing functions are for the plug-in run; a shortcode runs after the
// build has read what was published.
int RefuseWhenClosed(lua_State* L, const char* fn) {
  if (!HostOf(Sandbox::From(L))->publishing()) {
    return luaL_error(L, "%s cannot be called from a shortcode: the build has read the plug-in results already", fn);
  }
  return 0;
}

// Registrations happen while the top-level code runs: a unit's function runs
// on one of many hosts, so what it registered would exist on that one only.
int RequireTopLevel(lua_State* L, const char* fn) {
  if (HostOf(Sandbox::From(L))->phase != PluginHost::Impl::Phase::kSetup) {
    return luaL_error(L, "%s works at the top level of a plug-in, not inside a unit's function", fn);
  }
  return 0;
}

// site.query(sql, ...) -> { {col = value, ...}, ... }
int SiteQuery(lua_State* L) {
  std::size_t sql_len = 0;
  const char* sql = luaL_checklstring(L, 1, &sql_len);
  int nparams = lua_gettop(L) - 1;
  for (int k = 2; k <= nparams + 1; ++k) {
    int t = lua_type(L, k);
    if (t != LUA_TNIL && t != LUA_TBOOLEAN && t != LUA_TNUMBER && t != LUA_TSTRING) {
      return luaL_error(L, "site.query: parameter %d is a %s (bind strings, numbers, booleans or nil)", k - 1,
                        lua_typename(L, t));
    }
  }
  Sandbox* sb = Sandbox::From(L);
  PluginHost::Impl* host = HostOf(sb);
  // SQLite's progress handler charges the sandbox the query runs for, even
  // from a finalizer that runs while the states are closed.
  host->current = sb;
  host->current_thread = L;
  sqlite3_stmt* stmt = nullptr;
  try {
    std::string error;
    stmt = host->db->Prepare(std::string_view(sql, sql_len), &error);
    if (stmt == nullptr) sb->pending_error = "site.query: " + error;
  } catch (const std::exception& e) {
    stmt = nullptr;
    sb->pending_error = std::string("site.query: ") + e.what();
  }
  if (stmt == nullptr) return RaisePending(L, sb);

  int expected = sqlite3_bind_parameter_count(stmt);
  if (expected != nparams) {
    return luaL_error(L, "site.query: the statement has %d parameter(s), %d value(s) given", expected, nparams);
  }
  for (int k = 1; k <= nparams; ++k) {
    int rc = SQLITE_OK;
    switch (lua_type(L, k + 1)) {
      case LUA_TNIL: rc = sqlite3_bind_null(stmt, k); break;
      case LUA_TBOOLEAN: rc = sqlite3_bind_int(stmt, k, lua_toboolean(L, k + 1)); break;
      case LUA_TNUMBER:
        rc = lua_isinteger(L, k + 1) ? sqlite3_bind_int64(stmt, k, lua_tointeger(L, k + 1))
                                     : sqlite3_bind_double(stmt, k, lua_tonumber(L, k + 1));
        break;
      default: {
        std::size_t n = 0;
        const char* s = lua_tolstring(L, k + 1, &n);
        rc = sqlite3_bind_text64(stmt, k, s, n, SQLITE_TRANSIENT, SQLITE_UTF8);
      }
    }
    if (rc != SQLITE_OK) return luaL_error(L, "site.query: cannot bind parameter %d: %s", k, sqlite3_errstr(rc));
  }

  int ncols = sqlite3_column_count(stmt);
  // The column names as Lua strings, made once for all rows: stack slots
  // names + 0 .. names + ncols - 1.
  if (!lua_checkstack(L, ncols + 4)) return luaL_error(L, "site.query: too many columns (%d)", ncols);
  const int names = lua_gettop(L) + 1;
  for (int c = 0; c < ncols; ++c) lua_pushstring(L, sqlite3_column_name(stmt, c));
  lua_newtable(L);
  lua_Integer row = 0;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    lua_createtable(L, 0, ncols);
    for (int c = 0; c < ncols; ++c) {
      const int type = sqlite3_column_type(stmt, c);
      if (type == SQLITE_NULL) continue;  // absent key = nil
      lua_pushvalue(L, names + c);
      switch (type) {
        case SQLITE_INTEGER: lua_pushinteger(L, sqlite3_column_int64(stmt, c)); break;
        case SQLITE_FLOAT: lua_pushnumber(L, sqlite3_column_double(stmt, c)); break;
        case SQLITE_BLOB: {
          const void* b = sqlite3_column_blob(stmt, c);
          lua_pushlstring(L, static_cast<const char*>(b), static_cast<std::size_t>(sqlite3_column_bytes(stmt, c)));
          break;
        }
        default: {
          const unsigned char* t = sqlite3_column_text(stmt, c);
          lua_pushlstring(L, reinterpret_cast<const char*>(t), static_cast<std::size_t>(sqlite3_column_bytes(stmt, c)));
        }
      }
      lua_rawset(L, -3);  // a new table: no metamethod to call
    }
    lua_rawseti(L, -2, ++row);
  }
  if (rc != SQLITE_DONE) {
    sqlite3_reset(stmt);
    if (sb->stopped()) {
      lua_pushlstring(L, sb->TimeLimitMessage().data(), sb->TimeLimitMessage().size());
      return lua_error(L);
    }
    return luaL_error(L, "site.query: %s", sqlite3_errmsg(host->db->handle()));
  }
  sqlite3_reset(stmt);
  return 1;
}

bool ChargeSqliteSteps(void* context, std::uint64_t steps) {
  PluginHost::Impl* host = static_cast<PluginHost::Impl*>(context);
  // Null only before any plug-in query ran.
  return host->current == nullptr || host->current->Charge(host->current_thread, steps);
}

// site.days("2026-11-23") -> days since 1970-01-01
int SiteDays(lua_State* L) {
  std::size_t n = 0;
  const char* s = luaL_checklstring(L, 1, &n);
  std::optional<Date> d = ParseIsoDate(std::string_view(s, n));  // trivially destructible
  if (!d) return luaL_error(L, "site.days: '%s' is not a date (expected YYYY-MM-DD)", s);
  lua_pushinteger(L, d->DayNumber());
  return 1;
}

// site.iso(days) -> "2026-11-23", the inverse of site.days
int SiteIso(lua_State* L) {
  lua_Integer days = luaL_checkinteger(L, 1);
  if (days < -1000000 || days > 10000000) return luaL_error(L, "site.iso: %d is out of range", static_cast<int>(days));
  return Guarded(L, [&](Sandbox* sb) {
    sb->scratch = Date::FromDayNumber(static_cast<long>(days)).ToIso();
    return Out::kScratch;
  });
}

// site.data(name, value); called again by the same plug-in, extends
int SiteData(lua_State* L) {
  RefuseWhenClosed(L, "site.data");
  std::size_t len = 0;
  const char* name = luaL_checklstring(L, 1, &len);
  luaL_checkany(L, 2);
  return Guarded(L, [&](Sandbox* sb) {
    PluginHost::Impl* host = HostOf(sb);
    std::string key(name, len);
    if (!IsLowerName(key)) {
      sb->pending_error = "site.data: '" + key + "' is not a data name (lower-case letters, digits, '_' and '-')";
      return Out::kError;
    }
    auto owner = host->data_owner.find(key);
    if (owner != host->data_owner.end() && owner->second != sb->name()) {
      sb->pending_error = "site.data: '" + key + "' was already published by " + owner->second;
      return Out::kError;
    }
    Value v;
    std::string error;
    if (!LuaToValue(L, 2, key, &v, &error)) {
      sb->pending_error = "site.data: " + error;
      return Out::kError;
    }
    if (IsMarkupDataName(key)) SanitizeStrings(&v);
    Value& data = host->data_out();
    auto& published = host->published_out();
    auto pub = published.find(key);
    if (pub != published.end()) {
      if (!Extend(&pub->second, &data.as_object()[pub->second.index].second, std::move(v), key, &error)) {
        sb->pending_error = "site.data: " + error;
        return Out::kError;
      }
      return Out::kNothing;
    }
    if (owner == host->data_owner.end()) host->data_owner.emplace(key, sb->name());
    published.emplace(key, PluginHost::Impl::Published{data.size(), nullptr});
    data.as_object().emplace_back(key, std::move(v));
    return Out::kNothing;
  });
}

// site.page{path = "dai-son/thong-ke/", template = "thong-ke", data = {...}}
int SitePage(lua_State* L) {
  RefuseWhenClosed(L, "site.page");
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 1);
  lua_getfield(L, 1, "path");      // 2
  lua_getfield(L, 1, "template");  // 3
  lua_getfield(L, 1, "data");      // 4
  if (lua_type(L, 2) != LUA_TSTRING) return luaL_error(L, "site.page: 'path' must be a string");
  if (lua_type(L, 3) != LUA_TSTRING) return luaL_error(L, "site.page: 'template' must be a string (a layout name)");
  return Guarded(L, [&](Sandbox* sb) {
    PluginHost::Impl* host = HostOf(sb);
    std::size_t n = 0;
    const char* p = lua_tolstring(L, 2, &n);
    std::string path(p, n);
    if (EndsWith(path, "/")) path += "index.html";
    if (!IsSafeOutputPath(path) || !EndsWith(path, ".html")) {
      sb->pending_error = "site.page: " + OutputPathRules(path) + "; a page path ends with '/' or '.html'";
      return Out::kError;
    }
    const char* t = lua_tolstring(L, 3, &n);
    std::string layout(t, n);
    if (!IsLayoutName(layout)) {
      sb->pending_error = "site.page: '" + layout + "' is not a layout name (letters, digits, '_', '-', '/')";
      return Out::kError;
    }
    Value data;
    std::string error;
    if (!LuaToValue(L, 4, "data", &data, &error)) {
      sb->pending_error = "site.page: " + error;
      return Out::kError;
    }
    // The layout sees data's fields by name: it must be an object.
    if (data.is_null() || (data.is_array() && data.size() == 0)) data = Value::MakeObject();
    if (!data.is_object()) {
      sb->pending_error = "site.page: 'data' must be a table with named fields (the layout reads them by name)";
      return Out::kError;
    }
    if (!ClaimOutput(host, sb, path, "site.page", PluginHost::Impl::Kind::kPage, host->pages_out().size())) {
      return Out::kError;
    }
    host->pages_out().push_back(PluginPage{std::move(path), std::move(layout), std::move(data), sb->name()});
    return Out::kNothing;
  });
}

// site.file(path, text); called again by the same plug-in, appends
int SiteFile(lua_State* L) {
  RefuseWhenClosed(L, "site.file");
  std::size_t path_len = 0, text_len = 0;
  const char* path = luaL_checklstring(L, 1, &path_len);
  const char* text = luaL_checklstring(L, 2, &text_len);
  return Guarded(L, [&](Sandbox* sb) {
    PluginHost::Impl* host = HostOf(sb);
    std::string p(path, path_len);
    if (!IsSafeOutputPath(p)) {
      sb->pending_error = "site.file: " + OutputPathRules(p);
      return Out::kError;
    }
    auto out = host->outputs.find(p);
    if (out != host->outputs.end() && out->second.kind == PluginHost::Impl::Kind::kFile &&
        out->second.owner == sb->name() && out->second.unit_serial == host->serial()) {
      host->files_out()[out->second.index].bytes.append(text, text_len);  // written in pieces
      return Out::kNothing;
    }
    if (!ClaimOutput(host, sb, p, "site.file", PluginHost::Impl::Kind::kFile, host->files_out().size())) {
      return Out::kError;
    }
    host->files_out().push_back(PluginFile{std::move(p), std::string(text, text_len), sb->name()});
    return Out::kNothing;
  });
}

// site.rows(path, list): inside site.each_unit, the items of `list` become
// elements of the JSON array file `path`, after those of earlier units. Each
// element is formatted here, so no one holds the whole array as a Value.
int SiteRows(lua_State* L) {
  RefuseWhenClosed(L, "site.rows");
  std::size_t path_len = 0;
  const char* path = luaL_checklstring(L, 1, &path_len);
  luaL_checktype(L, 2, LUA_TTABLE);
  if (HostOf(Sandbox::From(L))->unit == nullptr) {
    return luaL_error(L, "site.rows works inside a site.each_unit function (use site.file for a site-wide file)");
  }
  return Guarded(L, [&](Sandbox* sb) {
    PluginHost::Impl* host = HostOf(sb);
    std::string p(path, path_len);
    if (!IsSafeOutputPath(p) || !StartsWith(p, "api/") || !EndsWith(p, ".json")) {
      sb->pending_error = "site.rows: " + OutputPathRules(p) + "; a rows file is 'api/….json'";
      return Out::kError;
    }
    Value list;
    std::string error;
    if (!LuaToValue(L, 2, "list", &list, &error)) {
      sb->pending_error = "site.rows: " + error;
      return Out::kError;
    }
    if (!list.is_array()) {
      sb->pending_error = "site.rows: the list must be an array (a table with keys 1..n), not an object";
      return Out::kError;
    }
    auto out = host->outputs.find(p);
    if (out == host->outputs.end()) {
      host->outputs.emplace(p, PluginHost::Impl::Output{sb->name(), PluginHost::Impl::Kind::kRows, 0, 0, ""});
    } else if (out->second.kind != PluginHost::Impl::Kind::kRows || out->second.owner != sb->name()) {
      sb->pending_error = "site.rows: '" + p + "' was already produced by " + ProducedBy(out->second);
      return Out::kError;
    }
    auto& rows = host->unit->rows;
    auto entry = std::find_if(rows.begin(), rows.end(), [&](const auto& r) { return r.first == p; });
    if (entry == rows.end()) entry = rows.emplace(rows.end(), std::move(p), std::vector<std::string>());
    for (const Value& item : list.as_array()) entry->second.push_back(JsonRowElement(item));
    return Out::kNothing;
  });
}

// site.each_unit(fn): fn(unit) runs for each unit the build asks for.
int SiteEachUnit(lua_State* L) {
  RefuseWhenClosed(L, "site.each_unit");
  luaL_checktype(L, 1, LUA_TFUNCTION);
  RequireTopLevel(L, "site.each_unit");
  lua_pushvalue(L, 1);
  int ref = luaL_ref(L, LUA_REGISTRYINDEX);
  return Guarded(L, [&](Sandbox* sb) {
    HostOf(sb)->each_unit.push_back(PluginHost::Impl::EachUnit{sb, ref});
    return Out::kNothing;
  });
}

// site.shortcode(name, fn)
int SiteShortcode(lua_State* L) {
  RefuseWhenClosed(L, "site.shortcode");
  std::size_t len = 0;
  const char* name = luaL_checklstring(L, 1, &len);
  luaL_checktype(L, 2, LUA_TFUNCTION);
  RequireTopLevel(L, "site.shortcode");
  if (!IsLowerName(std::string_view(name, len))) {
    return luaL_error(L, "site.shortcode: '%s' is not a shortcode name (lower-case letters, digits, '_' and '-')", name);
  }
  lua_pushvalue(L, 2);
  int ref = luaL_ref(L, LUA_REGISTRYINDEX);
  return Guarded(L, [&](Sandbox* sb) {
    PluginHost::Impl* host = HostOf(sb);
    std::string key(name, len);
    auto it = host->shortcodes.find(key);
    if (it != host->shortcodes.end()) {
      sb->pending_error = "site.shortcode: '" + key + "' is already defined by " + it->second.sandbox->name();
      return Out::kError;
    }
    host->shortcodes.emplace(key, PluginHost::Impl::Shortcode{sb, ref});
    return Out::kNothing;
  });
}

// Adds the string at the top of the stack as a warning "file:line: text".
int PushWarning(lua_State* L) {
  luaL_where(L, 1);
  lua_insert(L, -2);
  lua_concat(L, 2);
  return Guarded(L, [&](Sandbox* sb) {
    std::size_t n = 0;
    const char* s = lua_tolstring(L, -1, &n);
    std::string w(s, n);
    if (!StartsWith(w, sb->name()) && w.find(".lua:") == std::string::npos) w = sb->name() + ": " + w;
    HostOf(sb)->warnings_out().push_back(std::move(w));
    return Out::kNothing;
  });
}

// site.warn(msg)
int SiteWarn(lua_State* L) {
  luaL_checkany(L, 1);
  luaL_tolstring(L, 1, nullptr);
  return PushWarning(L);
}

// print(...): captured as a warning; the build has no terminal to print to.
int Print(lua_State* L) {
  int n = lua_gettop(L);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  for (int i = 1; i <= n; ++i) {
    if (i > 1) luaL_addchar(&b, '\t');
    luaL_tolstring(L, i, nullptr);
    luaL_addvalue(&b);
  }
  luaL_pushresult(&b);
  return PushWarning(L);
}

// site.json(value [, pretty])
int SiteJson(lua_State* L) {
  luaL_checkany(L, 1);
  bool pretty = lua_toboolean(L, 2) != 0;
  return Guarded(L, [&](Sandbox* sb) {
    Value v;
    std::string error;
    if (!LuaToValue(L, 1, "value", &v, &error)) {
      sb->pending_error = "site.json: " + error;
      return Out::kError;
    }
    sb->scratch = pretty ? v.ToPrettyJson() : v.ToJson();
    return Out::kScratch;
  });
}

// site.format_number(x [, decimals = 2]) -> "4,75", "12.000"
int SiteFormatNumber(lua_State* L) {
  lua_Number x = luaL_checknumber(L, 1);
  lua_Integer decimals = luaL_optinteger(L, 2, 2);
  if (decimals < 0 || decimals > 10) return luaL_error(L, "site.format_number: decimals must be 0..10");
  if (!std::isfinite(x)) return luaL_error(L, "site.format_number: the number is not finite");
  return Guarded(L, [&](Sandbox* sb) {
    sb->scratch = FormatNumberVi(x, static_cast<int>(decimals));
    return Out::kScratch;
  });
}

// site.escape(s) -> s with & < > " ' escaped
int SiteEscape(lua_State* L) {
  std::size_t n = 0;
  const char* s = luaL_checklstring(L, 1, &n);
  return Guarded(L, [&](Sandbox* sb) {
    sb->scratch = HtmlEscape(std::string_view(s, n));
    return Out::kScratch;
  });
}

// site.object([t]) -> t, published as a JSON object even when empty
int SiteObject(lua_State* L) {
  if (lua_isnoneornil(L, 1)) {
    lua_settop(L, 0);
    lua_newtable(L);
  } else {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
  }
  lua_rawgetp(L, LUA_REGISTRYINDEX, &kObjectMarkKey);
  lua_setmetatable(L, 1);
  return 1;
}

// Builds the `site` table and the print function. Runs protected.
int InstallSiteApi(lua_State* L) {
  Sandbox* sb = Sandbox::From(L);
  PluginHost::Impl* host = HostOf(sb);

  lua_createtable(L, 0, 1);
  lua_pushliteral(L, "minhbach.object");
  lua_setfield(L, -2, "__name");
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kObjectMarkKey);

  static const luaL_Reg kFunctions[] = {
      {"query", SiteQuery},       {"days", SiteDays},         {"iso", SiteIso},
      {"data", SiteData},         {"page", SitePage},         {"file", SiteFile},
      {"shortcode", SiteShortcode}, {"warn", SiteWarn},       {"json", SiteJson},
      {"format_number", SiteFormatNumber}, {"escape", SiteEscape}, {"object", SiteObject},
      {"each_unit", SiteEachUnit}, {"rows", SiteRows},
      {nullptr, nullptr},
  };
  luaL_newlib(L, kFunctions);
  lua_pushvalue(L, -1);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kSiteTableKey);
  lua_pushstring(L, host->as_of_iso.c_str());
  lua_setfield(L, -2, "as_of");
  PushValue(L, host->config.site_config);
  lua_setfield(L, -2, "config");
  lua_pushstring(L, sb->name().c_str());
  lua_setfield(L, -2, "plugin");
  lua_pushlightuserdata(L, &kNullSentinel);
  lua_setfield(L, -2, "null");
  lua_setglobal(L, "site");

  lua_pushcfunction(L, Print);
  lua_setglobal(L, "print");
  return 0;
}

struct ShortcodeCall {
  int ref;
  const std::vector<std::pair<std::string, std::string>>* args;
  const std::string* source_file;
  int line;
  const std::string* name;
};

// fn(args, context) under the sandbox's protection; leaves the result string.
int CallShortcodeProtected(lua_State* L) {
  const ShortcodeCall* call = static_cast<const ShortcodeCall*>(lua_touserdata(L, 1));
  lua_rawgeti(L, LUA_REGISTRYINDEX, call->ref);
  lua_createtable(L, 0, static_cast<int>(call->args->size()));
  for (std::size_t i = 0; i < call->args->size(); ++i) {
    const auto& kv = (*call->args)[i];
    lua_pushlstring(L, kv.first.data(), kv.first.size());
    lua_pushlstring(L, kv.second.data(), kv.second.size());
    lua_rawset(L, -3);
  }
  lua_createtable(L, 0, 2);
  lua_pushlstring(L, call->source_file->data(), call->source_file->size());
  lua_setfield(L, -2, "file");
  lua_pushinteger(L, call->line);
  lua_setfield(L, -2, "line");
  lua_call(L, 2, 1);
  if (lua_type(L, -1) != LUA_TSTRING) {
    return luaL_error(L, "shortcode '%s' returned a %s; it must return a string of markup", call->name->c_str(),
                      luaL_typename(L, -1));
  }
  return 1;
}

struct EachUnitCall {
  int ref;
  const UnitRef* unit;
};

// site.unit = nil (raw: a plug-in may have given `site` a metatable).
int ClearSiteUnit(lua_State* L) {
  lua_rawgetp(L, LUA_REGISTRYINDEX, &kSiteTableKey);
  lua_pushliteral(L, "unit");
  lua_pushnil(L);
  lua_rawset(L, -3);
  return 0;
}

// fn({id =, name =, kind =}) with site.unit set to the id, under the
// sandbox's protection.
int CallEachUnitProtected(lua_State* L) {
  const EachUnitCall* call = static_cast<const EachUnitCall*>(lua_touserdata(L, 1));
  const UnitRef& u = *call->unit;
  lua_rawgetp(L, LUA_REGISTRYINDEX, &kSiteTableKey);
  lua_pushliteral(L, "unit");
  lua_pushlstring(L, u.id.data(), u.id.size());
  lua_rawset(L, -3);
  lua_pop(L, 1);
  lua_rawgeti(L, LUA_REGISTRYINDEX, call->ref);
  lua_createtable(L, 0, 3);
  lua_pushlstring(L, u.id.data(), u.id.size());
  lua_setfield(L, -2, "id");
  lua_pushlstring(L, u.name.data(), u.name.size());
  lua_setfield(L, -2, "name");
  lua_pushlstring(L, u.kind.data(), u.kind.size());
  lua_setfield(L, -2, "kind");
  lua_call(L, 1, 0);
  return ClearSiteUnit(L);
}

// Adds a unit's `more` to RunAll's site-wide data, as site.data would have.
Status MergeData(PluginHost::Impl* h, Value&& more, const std::string& unit_id) {
  for (auto& [name, value] : more.as_object()) {
    auto pub = h->published.find(name);
    if (pub == h->published.end()) {
      h->published.emplace(name, PluginHost::Impl::Published{h->data.size(), nullptr});
      h->data.as_object().emplace_back(name, std::move(value));
      continue;
    }
    std::string error;
    if (!Extend(&pub->second, &h->data.as_object()[pub->second.index].second, std::move(value), name, &error)) {
      return Status::At(h->data_owner[name], 0, "site.data: " + error + " (unit '" + unit_id + "')");
    }
  }
  return Status::Ok();
}

std::string DisplayDir(const fs::path& dir, const fs::path& site_root) {
  if (!site_root.empty()) {
    fs::path rel = dir.lexically_normal().lexically_relative(site_root.lexically_normal());
    std::string s = rel.generic_string();
    if (!s.empty() && s != "." && !StartsWith(s, "..")) return s;
  }
  std::string name = dir.lexically_normal().filename().generic_string();
  if (name.empty()) name = dir.lexically_normal().parent_path().filename().generic_string();
  return name.empty() ? std::string("plugins") : name;
}

}  // namespace

Status PluginHost::Impl::RunFile(const fs::path& path, const std::string& display) {
  SandboxOptions options;
  options.display_name = display;
  options.instruction_limit = config.instruction_limit;
  options.memory_limit = config.memory_limit;
  options.module_dirs = dirs;
  options.module_display_dirs = display_dirs;
  options.host = this;
  auto created = Sandbox::Create(std::move(options));
  if (!created.ok()) return created.status();
  std::unique_ptr<Sandbox> sb = std::move(created.value());

  Result<std::string> code = ReadFile(path);
  if (!code.ok()) return code.status();

  lua_pushcfunction(sb->state(), InstallSiteApi);
  Status s = sb->Call(0, 0);
  if (s.ok()) s = sb->Run(code.value(), display);
  FinishPublished(&data, &published);
  // Keep the state even on failure: shortcodes it registered point into it.
  sandboxes.push_back(std::move(sb));
  if (!s.ok() && s.file() != display) {
    return Status::At(s.file(), s.line(), s.message() + " (while running " + display + ")");
  }
  return s;
}

PluginHost::PluginHost(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PluginHost::~PluginHost() {
  // States first: their finalizers may still call into the database.
  if (impl_) impl_->sandboxes.clear();
}

Result<std::unique_ptr<PluginHost>> PluginHost::Create(const PluginConfig& config) {
  if (config.instruction_limit == 0) return Status::Error("plug-ins: the instruction limit must be positive");
  if (config.memory_limit < (1u << 20)) return Status::Error("plug-ins: the memory limit must be at least 1 MB");
  auto impl = std::make_unique<Impl>();
  impl->config = config;
  impl->as_of_iso = config.as_of.ToIso();
  auto db = ReadOnlyDb::Open(config.database, config.memory_limit);
  if (!db.ok()) return db.status();
  impl->db = std::move(db.value());
  impl->db->SetProgress(&ChargeSqliteSteps, impl.get());
  for (const fs::path& dir : config.plugin_dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;
    impl->dirs.push_back(dir);
    impl->display_dirs.push_back(DisplayDir(dir, config.site_root));
  }
  return std::unique_ptr<PluginHost>(new PluginHost(std::move(impl)));
}

Status PluginHost::Setup() {
  Impl& h = *impl_;
  if (h.setup_done) return Status::Error("plug-ins: Setup runs once per host");
  h.setup_done = true;
  h.phase = Impl::Phase::kSetup;
  struct Idle {  // whatever happens, publishing ends with the top-level code
    Impl* h;
    ~Idle() { h->phase = Impl::Phase::kIdle; }
  } idle{&h};
  std::set<std::string> seen;
  for (std::size_t i = 0; i < h.dirs.size(); ++i) {
    std::vector<std::string> names;
    std::error_code ec;
    for (fs::directory_iterator it(h.dirs[i], ec), end; !ec && it != end; it.increment(ec)) {
      std::error_code fec;
      if (!it->is_regular_file(fec)) continue;
      std::string name = it->path().filename().string();
      if (name.size() > 4 && EndsWith(name, ".lua") && name[0] != '.') names.push_back(name);
    }
    if (ec) return Status::At(h.display_dirs[i], 0, "cannot list the plug-in folder: " + ec.message());
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      if (!seen.insert(name).second) continue;  // hidden by an earlier folder
      std::string display = h.display_dirs[i] + "/" + name;
      h.plugin_names.push_back(display);
      MB_RETURN_IF_ERROR(h.RunFile(h.dirs[i] / name, display));
    }
  }
  h.setup_ok = true;
  return Status::Ok();
}

Result<PluginUnitResults> PluginHost::RunUnit(const UnitRef& unit) {
  Impl& h = *impl_;
  if (!h.setup_ok || h.phase != Impl::Phase::kIdle) {
    return Status::Error("plug-ins: RunUnit needs a successful Setup, and does not nest");
  }
  PluginUnitResults results;
  h.phase = Impl::Phase::kUnit;
  h.unit = &results;
  h.unit_ref = &unit;
  ++h.unit_serial;
  struct Idle {  // publishing into `results` ends with this call
    Impl* h;
    ~Idle() {
      h->phase = Impl::Phase::kIdle;
      h->unit = nullptr;
      h->unit_ref = nullptr;
      h->unit_published.clear();
    }
  } idle{&h};

  Sandbox* previous = nullptr;
  for (const Impl::EachUnit& fn : h.each_unit) {
    Sandbox* sb = fn.sandbox;
    // A full collection once a plug-in is done with the unit: what the unit
    // needed is garbage now, so a state stays the size of one unit.
    if (previous != nullptr && previous != sb) lua_gc(previous->state(), LUA_GCCOLLECT);
    previous = sb;
    EachUnitCall call{fn.ref, &unit};
    lua_pushcfunction(sb->state(), CallEachUnitProtected);
    lua_pushlightuserdata(sb->state(), &call);
    Status s = sb->Call(1, 0);  // a fresh instruction budget for each function
    if (!s.ok()) {
      lua_pushcfunction(sb->state(), ClearSiteUnit);
      (void)sb->Call(0, 0);  // pushes nothing that can fail
      std::string where = s.file() != sb->name() ? " (while running " + sb->name() + " for unit '" + unit.id + "')"
                                                 : " (unit '" + unit.id + "')";
      return Status::At(s.file(), s.line(), s.message() + where);
    }
  }
  if (previous != nullptr) lua_gc(previous->state(), LUA_GCCOLLECT);
  FinishPublished(&results.data, &h.unit_published);
  return results;
}

Status PluginHost::RunAll() {
  Impl& h = *impl_;
  if (h.ran) return Status::Error("plug-ins: RunAll runs once per build");
  h.ran = true;
  if (!h.setup_done) {
    MB_RETURN_IF_ERROR(Setup());
  } else if (!h.setup_ok) {
    return Status::Error("plug-ins: Setup failed");
  }

  // The units, in site order. Read by the host itself: no plug-in pays for it.
  std::vector<UnitRef> units;
  h.current = nullptr;
  std::string error;
  sqlite3_stmt* stmt = h.db->Prepare("SELECT id, name, kind FROM unit ORDER BY position, id", &error);
  if (stmt == nullptr) return Status::Error("plug-ins: cannot list the units: " + error);
  auto text = [stmt](int col) {
    const unsigned char* t = sqlite3_column_text(stmt, col);
    return t ? std::string(reinterpret_cast<const char*>(t), sqlite3_column_bytes(stmt, col)) : std::string();
  };
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) units.push_back(UnitRef{text(0), text(1), text(2)});
  if (rc != SQLITE_DONE) return Status::Error("plug-ins: cannot list the units: " + h.db->LastError());
  sqlite3_reset(stmt);

  // site.rows files, by path in first-call order, filled unit by unit.
  struct RowsFile {
    PluginFile file;
    JsonRowsWriter writer;
  };
  std::vector<RowsFile> rows_files;
  std::map<std::string, std::size_t> rows_index;
  for (const UnitRef& unit : units) {
    Result<PluginUnitResults> r = RunUnit(unit);
    if (!r.ok()) return r.status();
    PluginUnitResults& u = r.value();
    MB_RETURN_IF_ERROR(MergeData(&h, std::move(u.data), unit.id));
    for (PluginPage& page : u.pages) h.pages.push_back(std::move(page));
    for (PluginFile& file : u.files) h.files.push_back(std::move(file));
    for (std::string& w : u.warnings) h.warnings.push_back(std::move(w));
    for (auto& [path, elements] : u.rows) {
      auto [it, inserted] = rows_index.emplace(path, rows_files.size());
      if (inserted) {
        rows_files.emplace_back();
        rows_files.back().file = PluginFile{path, std::string(), h.outputs[path].owner};
        rows_files.back().writer.Begin(&rows_files.back().file.bytes);
      }
      RowsFile& f = rows_files[it->second];
      for (const std::string& e : elements) f.writer.Add(&f.file.bytes, e);
    }
  }
  FinishPublished(&h.data, &h.published);
  for (RowsFile& f : rows_files) {
    f.writer.End(&f.file.bytes);
    h.files.push_back(std::move(f.file));
  }
  return Status::Ok();
}

const Value& PluginHost::data() const { return impl_->data; }
const std::vector<PluginPage>& PluginHost::pages() const { return impl_->pages; }
const std::vector<PluginFile>& PluginHost::files() const { return impl_->files; }
const std::vector<std::string>& PluginHost::warnings() const { return impl_->warnings; }
const std::vector<std::string>& PluginHost::plugins() const { return impl_->plugin_names; }

bool PluginHost::HasShortcode(const std::string& name) const { return impl_->shortcodes.count(name) > 0; }

Result<std::string> PluginHost::CallShortcode(const std::string& name,
                                              const std::vector<std::pair<std::string, std::string>>& args,
                                              const std::string& source_file, int line) {
  auto it = impl_->shortcodes.find(name);
  if (it == impl_->shortcodes.end()) {
    return Status::At(source_file, line, "unknown shortcode '" + name + "' (no plug-in defines it)");
  }
  Sandbox* sb = it->second.sandbox;
  lua_State* L = sb->state();
  ShortcodeCall call{it->second.ref, &args, &source_file, line, &name};
  lua_pushcfunction(L, CallShortcodeProtected);
  lua_pushlightuserdata(L, &call);
  Status s = sb->Call(1, 1);
  if (!s.ok()) {
    return Status::At(source_file, line, "shortcode '" + name + "': " + s.ToString());
  }
  std::size_t n = 0;
  const char* text = lua_tolstring(L, -1, &n);
  std::string markup = SanitizeMarkup(std::string_view(text, n));
  lua_pop(L, 1);
  return markup;
}

}  // namespace minhbach
