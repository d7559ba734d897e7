#include "plugins/sandbox.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <system_error>

#include "base/fs.h"

extern "C" {
#include <lauxlib.h>
#include <lualib.h>
}

namespace minhbach {
namespace plugins_internal {

namespace fs = std::filesystem;

namespace {

// Registry keys (addresses are unique; their values are never read).
char kLoadedKey;   // table: module name -> value returned by the module
char kLoadingKey;  // sentinel stored while a module runs (detects loops)

// Instructions between two calls of the count hook. Small enough that the
// budget is exact to within a thousand instructions and that a coroutine
// (which has its own hook counter) can hide at most this many; large enough
// that the hook costs nothing measurable.
constexpr int kHookChunk = 1000;

bool IsIdentifierStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsIdentifierChar(char c) { return IsIdentifierStart(c) || (c >= '0' && c <= '9'); }

// "lib.progress", "util": dot-separated Lua identifiers, nothing that could
// name a path outside the plug-in folders.
bool IsValidModuleName(const char* s, std::size_t n) {
  if (n == 0 || n > 128) return false;
  bool at_start = true;
  for (std::size_t i = 0; i < n; ++i) {
    char c = s[i];
    if (at_start) {
      if (!IsIdentifierStart(c)) return false;
      at_start = false;
    } else if (c == '.') {
      at_start = true;
    } else if (!IsIdentifierChar(c)) {
      return false;
    }
  }
  return !at_start;
}

std::string DescribeMemory(std::size_t bytes) {
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MB";
  return std::to_string(bytes) + " bytes";
}

// Pushes the time-limit error text. No C++ object is alive in this frame, so
// the lua_error that follows may longjmp.
void PushStopMessage(lua_State* L, Sandbox* sb) {
  const std::string& message = sb->TimeLimitMessage();  // owned by the sandbox
  lua_pushlstring(L, message.data(), message.size());
}

}  // namespace

Sandbox::Sandbox(SandboxOptions options) : options_(std::move(options)) {
  std::uint64_t limit = options_.instruction_limit == 0 ? 1 : options_.instruction_limit;
  hook_chunk_ = static_cast<int>(std::min<std::uint64_t>(limit, kHookChunk));
}

Sandbox::~Sandbox() {
  if (L_ != nullptr) {
    // Plug-ins cannot set __gc (see SetMetatable), so closing runs no plug-in
    // code.
    lua_close(L_);
  }
}

Sandbox* Sandbox::From(lua_State* L) { return *static_cast<Sandbox**>(lua_getextraspace(L)); }

Result<std::unique_ptr<Sandbox>> Sandbox::Create(SandboxOptions options) {
  std::unique_ptr<Sandbox> sb(new Sandbox(std::move(options)));
  sb->L_ = lua_newstate(&Sandbox::Alloc, sb.get());
  if (sb->L_ == nullptr) {
    return Status::At(sb->name(), 0, "cannot create a Lua state within the memory limit (" +
                                         DescribeMemory(sb->options_.memory_limit) + ")");
  }
  // Threads created later copy this area, so site.* functions find their
  // sandbox from any coroutine.
  *static_cast<Sandbox**>(lua_getextraspace(sb->L_)) = sb.get();
  Status s = sb->OpenLibraries();
  if (!s.ok()) return s;
  return sb;
}

// Loads the allowed standard libraries and replaces what must not be
// reachable. Runs under lua_pcall: every step may raise on allocation failure.
int Sandbox::OpenProtected(lua_State* L) {
  luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
  luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
  luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
  luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
  luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
  luaL_requiref(L, LUA_COLIBNAME, luaopen_coroutine, 1);
  lua_settop(L, 0);

  // os: only the clock and calendar functions, copied into a fresh table so
  // that the full library stays unreachable.
  luaL_requiref(L, LUA_OSLIBNAME, luaopen_os, 0);
  lua_createtable(L, 0, 3);
  for (const char* name : {"time", "date", "clock"}) {
    lua_getfield(L, -2, name);
    lua_setfield(L, -2, name);
  }
  lua_setglobal(L, "os");
  lua_pop(L, 1);

  // Base functions that reach the file system or the terminal. (print is
  // installed by the host, which captures it as a warning.)
  for (const char* name : {"dofile", "loadfile", "warn", "print"}) {
    lua_pushnil(L);
    lua_setglobal(L, name);
  }

  // load -> closure over the original that forces mode "t": binary chunks
  // can crash the VM.
  lua_getglobal(L, "load");
  lua_pushcclosure(L, &Sandbox::Load, 1);
  lua_setglobal(L, "load");

  // setmetatable -> refuses metatables with __gc. Lua runs finalizers with
  // hooks switched off (lgc.c, GCTM), so a looping __gc would escape the
  // instruction limit. A field added to the metatable later does not make
  // the object finalizable, so checking here is enough.
  lua_getglobal(L, "setmetatable");
  lua_pushcclosure(L, &Sandbox::SetMetatable, 1);
  lua_setglobal(L, "setmetatable");

  // require -> our searcher over the plug-in folders only.
  lua_newtable(L);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kLoadedKey);
  lua_pushcfunction(L, &Sandbox::Require);
  lua_setglobal(L, "require");

  // string.dump produces bytecode, which nothing may load.
  lua_getglobal(L, LUA_STRLIBNAME);
  lua_pushnil(L);
  lua_setfield(L, -2, "dump");
  lua_pop(L, 1);

  // The string metatable: getmetatable("") returns a proxy that refuses
  // every read and write, so `getmetatable("").__index.x = f` fails.
  lua_pushliteral(L, "");
  lua_getmetatable(L, -1);
  lua_newtable(L);           // proxy
  lua_createtable(L, 0, 3);  // its metatable
  lua_pushcfunction(L, &Sandbox::ProtectedStringMeta);
  lua_setfield(L, -2, "__index");
  lua_pushcfunction(L, &Sandbox::ProtectedStringMeta);
  lua_setfield(L, -2, "__newindex");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, -2);
  lua_setfield(L, -2, "__metatable");
  lua_pop(L, 2);

  // coroutine.create / wrap: each new thread has its own hook counter, so
  // charge a full hook interval for it up front (see kHookChunk).
  lua_getglobal(L, LUA_COLIBNAME);
  for (const char* name : {"create", "wrap"}) {
    lua_getfield(L, -1, name);
    lua_pushcclosure(L, &Sandbox::WrapCoroutineFactory, 1);
    lua_setfield(L, -2, name);
  }
  lua_pop(L, 1);

  // Lua 5.4 seeds math.random from the clock; builds must be reproducible.
  lua_getglobal(L, LUA_MATHLIBNAME);
  lua_getfield(L, -1, "randomseed");
  lua_pushinteger(L, 57);
  lua_call(L, 1, 0);
  lua_pop(L, 1);
  return 0;
}

Status Sandbox::OpenLibraries() {
  lua_pushcfunction(L_, &Sandbox::OpenProtected);
  int rc = lua_pcall(L_, 0, 0, 0);
  if (rc != LUA_OK) {
    lua_pop(L_, 1);
    return Status::At(name(), 0, "cannot set up the Lua sandbox within the memory limit (" +
                                     DescribeMemory(options_.memory_limit) + ")");
  }
  return Status::Ok();
}

void Sandbox::ArmHook() {
  if (L_ != nullptr) lua_sethook(L_, &Sandbox::CountHook, LUA_MASKCOUNT, hook_chunk_);
}

void* Sandbox::Alloc(void* ud, void* ptr, std::size_t osize, std::size_t nsize) {
  Sandbox* sb = static_cast<Sandbox*>(ud);
  std::size_t old = ptr != nullptr ? osize : 0;  // for new blocks osize is a type tag
  if (nsize == 0) {
    std::free(ptr);
    sb->used_ -= old;
    return nullptr;
  }
  if (nsize > old && nsize - old > sb->options_.memory_limit - std::min(sb->used_, sb->options_.memory_limit)) {
    // Refuse: Lua runs an emergency collection, retries once, then raises
    // LUA_ERRMEM. Remember where the plug-in was for the message. Reading the
    // call stack allocates nothing.
    // Keep the first position found: later refusals can come while the
    // error unwinds, when no plug-in line is on the stack any more.
    try {  // no C++ exception may cross Lua's C frames
      if (sb->L_ != nullptr && (!sb->memory_refused_ || sb->memory_line_ == 0)) {
        sb->RecordPosition(sb->L_, &sb->memory_file_, &sb->memory_line_);
      }
    } catch (...) {
    }
    sb->memory_refused_ = true;
    return nullptr;
  }
  void* p = std::realloc(ptr, nsize);
  if (p == nullptr) return nullptr;
  sb->used_ = sb->used_ - old + nsize;
  return p;
}

void Sandbox::RecordPosition(lua_State* L, std::string* file, int* line) {
  lua_Debug ar;
  for (int level = 0; lua_getstack(L, level, &ar); ++level) {
    if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0 && ar.source != nullptr && ar.source[0] == '@') {
      file->assign(ar.source + 1);
      *line = ar.currentline;
      return;
    }
  }
  file->assign(options_.display_name);
  *line = 0;
}

void Sandbox::CountHook(lua_State* L, lua_Debug* ar) {
  Sandbox* sb = From(L);
  if (!sb->stopped_) {
    sb->count_ += static_cast<std::uint64_t>(lua_gethookcount(L));
    if (sb->count_ < sb->options_.instruction_limit) return;
    sb->Stop(L, ar);
  }
  PushStopMessage(L, sb);
  lua_error(L);
}

bool Sandbox::Charge(lua_State* L, std::uint64_t n) {
  if (stopped_) return false;
  count_ += n;
  if (count_ < options_.instruction_limit) return true;
  Stop(L != nullptr ? L : L_, nullptr);
  return false;
}

std::string Sandbox::TimeLimitText() const {
  return "the plug-in exceeded the time limit (" + std::to_string(options_.instruction_limit) +
         " instructions; set plugin_limits.instructions in site.yaml to allow more)";
}

void Sandbox::Stop(lua_State* L, lua_Debug* ar) {
  stopped_ = true;
  try {  // called from the hook: no C++ exception may cross Lua's C frames
    if (ar != nullptr && lua_getinfo(L, "Sl", ar) && ar->currentline > 0 && ar->source[0] == '@') {
      stop_file_.assign(ar->source + 1);
      stop_line_ = ar->currentline;
    } else {
      RecordPosition(L, &stop_file_, &stop_line_);
    }
    stop_message_ = stop_file_ + (stop_line_ > 0 ? ":" + std::to_string(stop_line_) : std::string()) + ": " +
                    TimeLimitText();
  } catch (...) {
    stop_message_.clear();
  }
  // Re-arm on every instruction, on this thread and the main one: if the
  // plug-in catches the error with pcall, its very next instruction raises
  // it again, until the error reaches the host.
  lua_sethook(L_, &Sandbox::CountHook, LUA_MASKCOUNT, 1);
  if (L != L_) lua_sethook(L, &Sandbox::CountHook, LUA_MASKCOUNT, 1);
}

int Sandbox::WrapCoroutineFactory(lua_State* L) {
  Sandbox* sb = From(L);
  if (!sb->Charge(L, static_cast<std::uint64_t>(sb->hook_chunk_))) {
    PushStopMessage(L, sb);
    return lua_error(L);
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

int Sandbox::SetMetatable(lua_State* L) {
  if (lua_type(L, 2) == LUA_TTABLE) {
    lua_pushliteral(L, "__gc");
    int t = lua_rawget(L, 2);
    lua_pop(L, 1);
    if (t != LUA_TNIL) {
      return luaL_error(L, "setmetatable: __gc finalizers are not allowed in plug-ins (Lua runs them outside the time limit)");
    }
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

int Sandbox::ProtectedStringMeta(lua_State* L) {
  return luaL_error(L, "the string metatable is protected in plug-ins");
}

// load(chunk [, chunkname [, mode [, env]]]): always mode "t"; without env the
// chunk sees the plug-in's own (sandboxed) globals.
int Sandbox::Load(lua_State* L) {
  int n = lua_gettop(L);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_pushvalue(L, 1);
  if (n >= 2) lua_pushvalue(L, 2); else lua_pushnil(L);
  lua_pushliteral(L, "t");
  if (n >= 4) {
    lua_pushvalue(L, 4);
    lua_call(L, 4, LUA_MULTRET);
  } else {
    lua_call(L, 3, LUA_MULTRET);
  }
  return lua_gettop(L) - n;
}

// require(name): modules are .lua files under the plug-in folders, found by
// name ("lib.progress" -> lib/progress.lua), run once per plug-in state, text
// only, no C modules.
int Sandbox::Require(lua_State* L) {
  std::size_t len = 0;
  const char* name = luaL_checklstring(L, 1, &len);
  lua_settop(L, 1);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &kLoadedKey);  // 2: loaded
  lua_pushvalue(L, 1);
  if (lua_rawget(L, 2) != LUA_TNIL) {
    if (lua_touserdata(L, -1) == &kLoadingKey) {
      return luaL_error(L, "require: module '%s' is required again while it is loading (a require loop)", name);
    }
    return 1;
  }
  lua_pop(L, 1);

  Sandbox* sb = From(L);
  bool found = false;
  try {
    found = sb->FindModule(name, len);
  } catch (const std::exception& e) {
    sb->pending_error = std::string("require: ") + e.what();
  }
  if (!found) {
    luaL_where(L, 1);
    lua_pushstring(L, sb->pending_error.c_str());
    lua_concat(L, 2);
    return lua_error(L);
  }
  // scratch holds the source, module_chunkname_ its name: copy both into
  // Lua strings before running anything that could require again.
  lua_pushlstring(L, sb->scratch.data(), sb->scratch.size());  // 3: source
  lua_pushstring(L, sb->module_chunkname_.c_str());            // 4: chunk name
  std::size_t code_len = 0;
  const char* code = lua_tolstring(L, 3, &code_len);
  if (luaL_loadbufferx(L, code, code_len, lua_tostring(L, 4), "t") != LUA_OK) return lua_error(L);  // 5
  lua_pushvalue(L, 1);
  lua_pushlightuserdata(L, &kLoadingKey);
  lua_rawset(L, 2);
  lua_pushvalue(L, 1);
  if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    lua_rawset(L, 2);
    return lua_error(L);
  }
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    lua_pushboolean(L, 1);
  }
  lua_pushvalue(L, 1);
  lua_pushvalue(L, -2);
  lua_rawset(L, 2);
  return 1;
}

bool Sandbox::FindModule(const char* name, std::size_t len) {
  if (!IsValidModuleName(name, len)) {
    pending_error = "require: '" + std::string(name, std::min<std::size_t>(len, 80)) +
                    "' is not a plug-in module name (expected names like \"lib.util\" for "
                    "lib/util.lua under a plug-in folder)";
    return false;
  }
  std::string relative(name, len);
  std::replace(relative.begin(), relative.end(), '.', '/');
  relative += ".lua";
  std::string searched;
  for (std::size_t i = 0; i < options_.module_dirs.size(); ++i) {
    fs::path p = options_.module_dirs[i] / relative;
    std::error_code ec;
    std::string display = options_.module_display_dirs[i] + "/" + relative;
    if (fs::is_regular_file(p, ec)) {
      Result<std::string> text = ReadFile(p);
      if (!text.ok()) {
        pending_error = "require: " + text.status().ToString();
        return false;
      }
      scratch = std::move(text.value());
      module_chunkname_ = "@" + display;
      return true;
    }
    if (!searched.empty()) searched += ", ";
    searched += display;
  }
  pending_error = "require: module '" + std::string(name, len) + "' not found (looked for " +
                  (searched.empty() ? std::string("no plug-in folder") : searched) +
                  "; plug-ins can only require .lua files under the plug-in folders)";
  return false;
}

// Message handler for lua_pcall: turns any error value into a string that
// starts with the innermost plug-in position ("plugins/x.lua:12: ").
int Sandbox::MessageHandler(lua_State* L) {
  const char* msg = lua_tostring(L, 1);
  if (msg == nullptr) {
    if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) {
      msg = lua_tostring(L, -1);
    } else {
      msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
  }
  // Already positioned ("x.lua:12: ...")?
  const char* p = std::strstr(msg, ".lua:");
  if (p != nullptr) {
    const char* q = p + 5;
    const char* digits = q;
    while (*q >= '0' && *q <= '9') ++q;
    if (q > digits && q[0] == ':' && q[1] == ' ' && std::memchr(msg, ' ', static_cast<std::size_t>(p - msg)) == nullptr) {
      lua_pushstring(L, msg);
      return 1;
    }
  }
  lua_Debug ar;
  for (int level = 1; lua_getstack(L, level, &ar); ++level) {
    if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0 && ar.source[0] == '@') {
      lua_pushfstring(L, "%s:%d: %s", ar.source + 1, ar.currentline, msg);
      return 1;
    }
  }
  lua_pushstring(L, msg);
  return 1;
}

Status Sandbox::Run(const std::string& code, const std::string& display) {
  ResetMemoryReport();
  std::string chunkname = "@" + display;
  int rc = luaL_loadbufferx(L_, code.data(), code.size(), chunkname.c_str(), "t");
  if (rc != LUA_OK) return Finish(rc);
  return Call(0, 0);
}

Status Sandbox::Call(int nargs, int nresults) {
  count_ = 0;
  stopped_ = false;
  ResetMemoryReport();
  ArmHook();
  int base = lua_gettop(L_) - nargs;  // the function's index
  lua_pushcfunction(L_, &Sandbox::MessageHandler);
  lua_insert(L_, base);
  int rc = lua_pcall(L_, nargs, nresults, base);
  lua_remove(L_, base);
  // Between calls no plug-in code runs.
  return Finish(rc);
}

void Sandbox::ResetMemoryReport() {
  memory_refused_ = false;
  memory_file_.clear();
  memory_line_ = 0;
}

Status Sandbox::Finish(int rc) {
  if (rc == LUA_OK) return Status::Ok();
  std::string msg;
  if (const char* s = lua_tostring(L_, -1)) msg = s;
  lua_pop(L_, 1);
  if (stopped_) {
    return Status::At(stop_file_.empty() ? name() : stop_file_, stop_line_, TimeLimitText());
  }
  if (rc == LUA_ERRMEM || (memory_refused_ && EndsWithNotEnoughMemory(msg))) {
    return Status::At(memory_file_.empty() ? name() : memory_file_, memory_line_,
                      "the plug-in exceeded the memory limit (" + DescribeMemory(options_.memory_limit) +
                          "; set plugin_limits.memory_mb in site.yaml to allow more)");
  }
  std::string file, text;
  int line = 0;
  if (SplitLuaPosition(msg, &file, &line, &text)) return Status::At(file, line, text);
  return Status::At(name(), 0, msg);
}

bool Sandbox::EndsWithNotEnoughMemory(const std::string& msg) {
  static const std::string kText = "not enough memory";
  return msg.size() >= kText.size() && msg.compare(msg.size() - kText.size(), kText.size(), kText) == 0;
}

bool SplitLuaPosition(const std::string& text, std::string* file, int* line, std::string* message) {
  std::size_t p = text.find(".lua:");
  if (p == std::string::npos || text.find(' ') < p) return false;
  std::size_t q = p + 5;
  std::size_t digits = q;
  while (q < text.size() && text[q] >= '0' && text[q] <= '9') ++q;
  if (q == digits || q + 1 >= text.size() || text[q] != ':' || text[q + 1] != ' ') return false;
  *file = text.substr(0, p + 4);
  *line = std::atoi(text.substr(digits, q - digits).c_str());
  *message = text.substr(q + 2);
  return true;
}

}  // namespace plugins_internal
}  // namespace minhbach
