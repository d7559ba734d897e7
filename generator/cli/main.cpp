// minhbach: the command-line entry point. Dispatches to a Command; all work
// happens in the pipeline stages under generator/.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace {

void PrintHelp() {
  std::printf(
      "minhbach %s: a static site of communes' plans for Resolution 57-NQ/TW.\n\n"
      "Usage: minhbach COMMAND [options]\n\nCommands:\n",
      MINHBACH_VERSION);
  for (const auto& c : minhbach::AllCommands()) std::printf("  %-10s %s\n", c.name, c.summary);
  std::printf("\n`minhbach help COMMAND` shows a command's options.\n");
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    if (args.size() >= 2) {
      for (const auto& c : minhbach::AllCommands()) {
        if (args[1] == c.name) {
          std::printf("%s", c.usage);
          return 0;
        }
      }
      std::fprintf(stderr, "minhbach: no command named '%s'\n", args[1].c_str());
      return 2;
    }
    PrintHelp();
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version" || args[0] == "version") {
    std::printf("minhbach %s\n", MINHBACH_VERSION);
    return 0;
  }
  for (const auto& c : minhbach::AllCommands()) {
    if (args[0] == c.name) {
      return c.run(std::vector<std::string>(args.begin() + 1, args.end()));
    }
  }
  std::fprintf(stderr, "minhbach: unknown command '%s' (see `minhbach help`)\n", args[0].c_str());
  return 2;
}
