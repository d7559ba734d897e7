// Command-line arguments: positionals, "--name value" options and boolean
// "--flag"s. Each command declares what it accepts, so a typo is an error
// ("unknown option --ouput") rather than silently ignored.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/status.h"

namespace minhbach {

struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;  // "--out" -> "public"
  std::set<std::string> flags;                 // "--quiet"

  std::optional<std::string> Get(const std::string& name) const;
  std::string GetOr(const std::string& name, const std::string& fallback) const;
  bool Has(const std::string& flag) const { return flags.count(flag) > 0; }
};

// `with_value`: options that take a value; `bare`: boolean flags.
Result<Args> ParseArgs(const std::vector<std::string>& argv, const std::set<std::string>& with_value,
                       const std::set<std::string>& bare);

}  // namespace minhbach
