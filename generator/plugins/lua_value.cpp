#include "plugins/lua_value.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "base/text.h"

extern "C" {
#include <lauxlib.h>
}

namespace minhbach {
namespace plugins_internal {

char kObjectMarkKey;
char kNullSentinel;

namespace {

constexpr int kMaxDepth = 100;

// Strict UTF-8 (no overlong forms, surrogates or code points past U+10FFFF),
// without allocating: every published string passes through here.
bool IsUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t n = s.size(), i = 0;
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      i = SkipAscii(s, i);
      continue;
    }
    std::size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (i + len > n || p[i + 1] < lo || p[i + 1] > hi) return false;
    for (std::size_t k = 2; k < len; ++k) {
      if (p[i + k] < 0x80 || p[i + k] > 0xBF) return false;
    }
    i += len;
  }
  return true;
}

bool IsIdentifier(const std::string& s) {
  if (s.empty()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

// Walks a Lua value. Uses only Lua API calls that cannot raise (type tests,
// lua_next, raw gets, lua_checkstack), so C++ objects here are always
// destroyed normally. On failure `error_` holds the sentence and `path_` the
// location, built while unwinding.
class Converter {
 public:
  explicit Converter(lua_State* L) : L_(L) {}

  bool Convert(int index, Value* out, int depth) {
    switch (lua_type(L_, index)) {
      case LUA_TNIL:
        *out = Value();
        return true;
      case LUA_TBOOLEAN:
        *out = Value(lua_toboolean(L_, index) != 0);
        return true;
      case LUA_TNUMBER:
        if (lua_isinteger(L_, index)) {
          *out = Value(static_cast<long long>(lua_tointeger(L_, index)));
          return true;
        } else {
          double d = lua_tonumber(L_, index);
          if (!std::isfinite(d)) return Fail("is not a finite number (nan or infinity cannot be published)");
          *out = Value(d);
          return true;
        }
      case LUA_TSTRING: {
        std::size_t n = 0;
        const char* s = lua_tolstring(L_, index, &n);  // a string: no conversion, no allocation
        std::string_view text(s, n);
        if (!IsUtf8(text)) return Fail("is not valid UTF-8 text");
        *out = Value(text);
        return true;
      }
      case LUA_TTABLE:
        return ConvertTable(index, out, depth);
      case LUA_TLIGHTUSERDATA:
        if (lua_touserdata(L_, index) == &kNullSentinel) {
          *out = Value();
          return true;
        }
        return Fail("is a light userdata, which cannot be published");
      default:
        return Fail(std::string("is a ") + lua_typename(L_, lua_type(L_, index)) +
                    ", which cannot be published (only tables, strings, numbers, booleans and nil can)");
    }
  }

  const std::string& error() const { return error_; }
  const std::string& path() const { return path_; }

 private:
  bool Fail(std::string message) {
    error_ = std::move(message);
    return false;
  }

  bool ConvertTable(int index, Value* out, int depth) {
    if (depth >= kMaxDepth) return Fail("nests deeper than " + std::to_string(kMaxDepth) + " levels");
    const void* self = lua_topointer(L_, index);
    if (std::find(open_.begin(), open_.end(), self) != open_.end()) {
      return Fail("contains itself (a cycle cannot be published)");
    }
    if (!lua_checkstack(L_, 4)) return Fail("nests too deep for the Lua stack");
    int top = lua_gettop(L_);

    bool force_object = false;
    if (lua_getmetatable(L_, index)) {
      lua_rawgetp(L_, LUA_REGISTRYINDEX, &kObjectMarkKey);
      force_object = lua_rawequal(L_, -1, -2) != 0;
      lua_settop(L_, top);
    }

    // First pass: is it a sequence 1..n?
    lua_Integer count = 0, max_index = 0;
    bool all_positive_integers = true;
    lua_pushnil(L_);
    while (lua_next(L_, index) != 0) {
      if (lua_type(L_, -2) == LUA_TNUMBER && lua_isinteger(L_, -2) && lua_tointeger(L_, -2) >= 1) {
        max_index = std::max(max_index, lua_tointeger(L_, -2));
      } else {
        all_positive_integers = false;
      }
      ++count;
      lua_pop(L_, 1);
    }

    open_.push_back(self);
    bool ok = (!force_object && all_positive_integers && max_index == count)
                  ? ConvertArray(index, count, out, depth)
                  : ConvertObject(index, static_cast<std::size_t>(count), out, depth);
    open_.pop_back();
    lua_settop(L_, top);
    return ok;
  }

  bool ConvertArray(int index, lua_Integer count, Value* out, int depth) {
    Value::Array items(static_cast<std::size_t>(count));
    for (lua_Integer i = 1; i <= count; ++i) {
      lua_rawgeti(L_, index, i);
      bool ok = Convert(lua_gettop(L_), &items[static_cast<std::size_t>(i - 1)], depth + 1);
      lua_pop(L_, 1);
      if (!ok) {
        path_ = "[" + std::to_string(i) + "]" + path_;
        return false;
      }
    }
    *out = Value(std::move(items));
    return true;
  }

  bool ConvertObject(int index, std::size_t count, Value* out, int depth) {
    Value::Object members;
    members.reserve(count);
    lua_pushnil(L_);
    while (lua_next(L_, index) != 0) {
      std::string key;
      int key_type = lua_type(L_, -2);
      if (key_type == LUA_TSTRING) {
        std::size_t n = 0;
        const char* s = lua_tolstring(L_, -2, &n);
        key.assign(s, n);
        if (!IsUtf8(key)) return Fail("has a key that is not valid UTF-8 text");
      } else if (key_type == LUA_TNUMBER && lua_isinteger(L_, -2)) {
        key = std::to_string(lua_tointeger(L_, -2));
      } else if (key_type == LUA_TNUMBER) {
        double d = lua_tonumber(L_, -2);
        if (!std::isfinite(d)) return Fail("has a key that is not a finite number");
        key = FormatJsonNumber(d);
      } else {
        return Fail(std::string("has a ") + lua_typename(L_, key_type) +
                    " key (object keys must be strings or numbers)");
      }
      Value v;
      if (!Convert(lua_gettop(L_), &v, depth + 1)) {
        path_ = (IsIdentifier(key) ? "." + key : "[\"" + key + "\"]") + path_;
        return false;
      }
      members.emplace_back(std::move(key), std::move(v));
      lua_pop(L_, 1);
    }
    // Lua's order of keys is not stable: sort them. By index, so that each
    // member (a key and a Value) is moved once, not at every step.
    std::vector<std::uint32_t> order(members.size());
    for (std::uint32_t k = 0; k < order.size(); ++k) order[k] = k;
    std::sort(order.begin(), order.end(),
              [&](std::uint32_t a, std::uint32_t b) { return members[a].first < members[b].first; });
    Value::Object sorted;
    sorted.reserve(members.size());
    for (std::uint32_t k : order) sorted.push_back(std::move(members[k]));
    members.swap(sorted);
    for (std::size_t i = 1; i < members.size(); ++i) {
      if (members[i].first == members[i - 1].first) {
        return Fail("has the key '" + members[i].first + "' twice (once as a number, once as text)");
      }
    }
    *out = Value(std::move(members));
    return true;
  }

  lua_State* L_;
  std::vector<const void*> open_;  // tables on the current path, for cycles
  std::string error_;
  std::string path_;
};

}  // namespace

bool LuaToValue(lua_State* L, int index, const std::string& root, Value* out, std::string* error) {
  int abs = lua_absindex(L, index);
  int top = lua_gettop(L);
  Converter c(L);
  bool ok = c.Convert(abs, out, 0);
  lua_settop(L, top);
  if (!ok) *error = root + c.path() + " " + c.error();
  return ok;
}

void PushValue(lua_State* L, const Value& v) {
  luaL_checkstack(L, 4, "the value nests too deep");
  switch (v.type()) {
    case Value::Type::kNull:
      lua_pushnil(L);
      return;
    case Value::Type::kBool:
      lua_pushboolean(L, v.as_bool());
      return;
    case Value::Type::kNumber: {
      double d = v.as_number();
      if (std::floor(d) == d && std::fabs(d) < 9.0e15) {
        lua_pushinteger(L, static_cast<lua_Integer>(d));
      } else {
        lua_pushnumber(L, d);
      }
      return;
    }
    case Value::Type::kString:
      lua_pushlstring(L, v.as_string().data(), v.as_string().size());
      return;
    case Value::Type::kArray: {
      const Value::Array& items = v.as_array();
      lua_createtable(L, static_cast<int>(items.size()), 0);
      for (std::size_t i = 0; i < items.size(); ++i) {
        PushValue(L, items[i]);
        lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
      }
      return;
    }
    case Value::Type::kObject: {
      const Value::Object& members = v.as_object();
      lua_createtable(L, 0, static_cast<int>(members.size()));
      for (std::size_t i = 0; i < members.size(); ++i) {
        lua_pushlstring(L, members[i].first.data(), members[i].first.size());
        PushValue(L, members[i].second);
        lua_rawset(L, -3);
      }
      return;
    }
  }
}

}  // namespace plugins_internal
}  // namespace minhbach
