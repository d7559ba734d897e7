#include "cli/args.h"

namespace minhbach {

std::optional<std::string> Args::Get(const std::string& name) const {
  auto it = options.find(name);
  if (it == options.end()) return std::nullopt;
  return it->second;
}

std::string Args::GetOr(const std::string& name, const std::string& fallback) const {
  auto v = Get(name);
  return v ? *v : fallback;
}

Result<Args> ParseArgs(const std::vector<std::string>& argv, const std::set<std::string>& with_value,
                       const std::set<std::string>& bare) {
  Args args;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.size() > 2 && a.compare(0, 2, "--") == 0) {
      std::string name = a, value;
      bool inline_value = false;
      if (auto eq = a.find('='); eq != std::string::npos) {
        name = a.substr(0, eq);
        value = a.substr(eq + 1);
        inline_value = true;
      }
      if (with_value.count(name)) {
        if (!inline_value) {
          if (i + 1 >= argv.size()) return Status::Error("option " + name + " needs a value");
          value = argv[++i];
        }
        args.options[name] = value;
      } else if (bare.count(name) && !inline_value) {
        args.flags.insert(name);
      } else {
        return Status::Error("unknown option " + name + " (see `minhbach help`)");
      }
    } else {
      args.positional.push_back(a);
    }
  }
  return args;
}

}  // namespace minhbach
