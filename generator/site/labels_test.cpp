// The charts (drawn by plug-ins in Lua) and the pages (built in C++) must use
// the same word for a status, or a citizen sees "Chậm" beside a chart that
// says something else. The words live in plugins/lib/vi.lua and labels.cpp;
// this test keeps them identical.
#include "site/labels.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <algorithm>
#include <sstream>

using namespace minhbach;

namespace {

// The `name = { key = "word", ... }` table of vi.lua as a map.
std::map<std::string, std::string> LuaTable(const std::string& lua, const std::string& name) {
  std::size_t start = lua.find("M." + name + " = {");
  REQUIRE(start != std::string::npos);
  std::size_t end = lua.find("\n}", start);
  std::string body = lua.substr(start, end - start);
  // One entry per line: `key = "word",` or `["key with spaces"] = "word",`.
  std::map<std::string, std::string> out;
  std::istringstream lines(body);
  for (std::string line; std::getline(lines, line);) {
    std::size_t eq = line.find(" = \"");
    if (eq == std::string::npos) continue;
    std::string key = line.substr(0, eq);
    key.erase(0, key.find_first_not_of(" ["));
    key.erase(std::remove(key.begin(), key.end(), '"'), key.end());
    if (!key.empty() && key.back() == ']') key.pop_back();
    std::size_t open = eq + 4, close = line.find('"', open);
    out[key] = line.substr(open, close - open);
  }
  return out;
}

}  // namespace

TEST_CASE("labels: plug-in charts and site pages use the same status words", "[site]") {
  std::ifstream in(std::string(MB_SOURCE_DIR) + "/plugins/lib/vi.lua");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string lua = ss.str();

  auto statuses = LuaTable(lua, "status_label");
  REQUIRE(statuses.size() == 7);
  for (const char* key : site::ProgressOrder()) {
    if (std::string(key) == "none") continue;
    INFO(key);
    REQUIRE(statuses.count(key));
    CHECK(statuses[key] == site::ProgressLabel(key).word);
  }

  auto states = LuaTable(lua, "task_state_label");
  for (const char* key : site::TaskStatusOrder()) {
    if (std::string(key).empty()) continue;
    INFO(key);
    REQUIRE(states.count(key));
    CHECK(states[key] == site::TaskStatusLabel(key).word);
  }
}
