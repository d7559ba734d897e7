// Conversion between Lua values and Value, the data the rest of the build sees.
//
// Lua -> Value is deterministic whatever order `pairs` visits keys in: a table
// whose keys are exactly 1..n is an array, any other table an object with its
// keys sorted bytewise; site.null becomes null. An empty table is an empty array unless it was marked
// with site.object(). Functions, userdata, threads, cycles, non-finite numbers
// and invalid UTF-8 are refused with the path of the offending value.
#pragma once

#include <string>

#include "base/value.h"

extern "C" {
#include <lua.h>
}

namespace minhbach {
namespace plugins_internal {

// Registry key whose value is the metatable site.object() sets.
extern char kObjectMarkKey;
// site.null is a light userdata pointing here; it converts to a JSON null
// (a Lua table cannot hold nil, but published rows need explicit nulls).
extern char kNullSentinel;

// Converts the value at `index`. Never raises a Lua error (it is safe to call
// with C++ objects alive); on failure returns false and sets *error to a
// sentence naming the value's path, e.g. "rows[3].ratio is a function".
// `root` names the value in messages ("trajectory" -> "trajectory[3].ratio").
bool LuaToValue(lua_State* L, int index, const std::string& root, Value* out, std::string* error);

// Pushes a copy of `v` (arrays as 1..n tables, objects as string-keyed
// tables). May raise a memory error: the caller must hold no C++ object with
// a destructor in its own frame.
void PushValue(lua_State* L, const Value& v);

}  // namespace plugins_internal
}  // namespace minhbach
