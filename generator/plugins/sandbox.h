// Sandbox: one Lua 5.4 state for one plug-in file, with its limits.
//
// Plug-ins are code from the site folder (or a theme) that runs inside the
// build. They get a stripped environment (no io, no os.execute, no debug, no
// binary chunks, a require that only reads the plug-in folders), a byte budget
// enforced by the allocator and an instruction budget enforced by a count hook.
// Each plug-in file gets its own state, so one plug-in never sees another's
// globals. The host API (`site.*`) is installed by plugin_host.cpp; this file
// only knows the Lua side.
//
// Lua is compiled as C here (Debian's liblua5.4): errors are longjmps, which
// skip C++ destructors. Code that calls a raising Lua function therefore never
// has a C++ object with a destructor alive in the same frame; see
// plugin_host.cpp for the pattern used by the site.* functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"

extern "C" {
#include <lua.h>
}

namespace minhbach {
namespace plugins_internal {

struct SandboxOptions {
  std::string display_name;  // "plugins/trajectory.lua": chunk name and message prefix
  std::uint64_t instruction_limit = 200'000'000;
  std::size_t memory_limit = 64u << 20;
  // Folders `require` searches, in order, each with the prefix used in
  // messages ("plugins"). Module "lib.progress" -> <dir>/lib/progress.lua.
  std::vector<std::filesystem::path> module_dirs;
  std::vector<std::string> module_display_dirs;
  void* host = nullptr;  // handed back by Host(); the sandbox never touches it
};

class Sandbox {
 public:
  static Result<std::unique_ptr<Sandbox>> Create(SandboxOptions options);
  ~Sandbox();
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  lua_State* state() const { return L_; }
  const std::string& name() const { return options_.display_name; }
  void* host() const { return options_.host; }
  static Sandbox* From(lua_State* L);

  // Compiles `code` as a text chunk named "@<display>" and runs it with a
  // fresh instruction budget. Errors come back as "<file>:<line>: message".
  Status Run(const std::string& code, const std::string& display);

  // Calls the function below `nargs` arguments on the stack with a fresh
  // instruction budget, leaving `nresults` results on success.
  Status Call(int nargs, int nresults);

  // Adds `n` to the instruction count (SQLite VM steps, coroutine set-up).
  // Returns false once the budget is spent; the sandbox is then stopped: every
  // later Lua instruction raises the time-limit error again, so a plug-in's
  // own pcall cannot swallow it.
  // `L` is the thread running now (for the position in the message).
  bool Charge(lua_State* L, std::uint64_t n);
  bool stopped() const { return stopped_; }
  // "plugins/x.lua:3: the plug-in exceeded the time limit (...)": where the
  // limit was first hit. Owned by the sandbox, so pushing it never leaves a
  // C++ temporary behind a Lua error.
  const std::string& TimeLimitMessage() const { return stop_message_; }

  // Scratch space for the site.* functions (see plugin_host.cpp): owned by the
  // sandbox so that a raised Lua error never skips its destructor.
  std::string scratch;
  std::string pending_error;

 private:
  explicit Sandbox(SandboxOptions options);
  Status OpenLibraries();
  Status Finish(int rc);
  void ResetMemoryReport();
  void ArmHook();

  static int OpenProtected(lua_State* L);
  bool FindModule(const char* name, std::size_t len);
  static bool EndsWithNotEnoughMemory(const std::string& msg);
  std::string TimeLimitText() const;
  void Stop(lua_State* L, lua_Debug* ar);  // the budget is spent: record where, re-arm
  static void* Alloc(void* ud, void* ptr, std::size_t osize, std::size_t nsize);
  static void CountHook(lua_State* L, lua_Debug* ar);
  static int Require(lua_State* L);
  static int Load(lua_State* L);
  static int WrapCoroutineFactory(lua_State* L);
  static int MessageHandler(lua_State* L);
  static int ProtectedStringMeta(lua_State* L);
  static int SetMetatable(lua_State* L);

  // The innermost position in a plug-in file on `L`'s call stack.
  void RecordPosition(lua_State* L, std::string* file, int* line);

  SandboxOptions options_;
  lua_State* L_ = nullptr;
  std::string module_chunkname_;  // "@plugins/lib/x.lua" of the module being loaded

  // Memory budget (the allocator's state).
  std::size_t used_ = 0;
  bool memory_refused_ = false;
  std::string memory_file_;
  int memory_line_ = 0;

  // Instruction budget.
  std::uint64_t count_ = 0;
  int hook_chunk_ = 1000;
  bool stopped_ = false;
  std::string stop_file_;
  int stop_line_ = 0;
  std::string stop_message_;
};

// Splits "plugins/x.lua:12: message" into its parts; false when the text does
// not start with a "<something>.lua:<line>: " position.
bool SplitLuaPosition(const std::string& text, std::string* file, int* line, std::string* message);

}  // namespace plugins_internal
}  // namespace minhbach
