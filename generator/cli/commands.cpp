#include "cli/commands.h"

namespace minhbach {

const std::vector<Command>& AllCommands() {
  static const std::vector<Command> kCommands = {
      {"build", "build the site into public/ (atomic: the old site stays until the new one is complete)",
       "Usage: minhbach build [--site DIR] [--out DIR] [--as-of YYYY-MM-DD] [--jobs N] [--quiet]\n\n"
       "  --site DIR     the site folder holding site.yaml (default: .)\n"
       "  --out DIR      where the site is written (default: public)\n"
       "  --as-of DATE   reference date for overdue lists and trajectories (default: today, UTC)\n"
       "  --jobs N       rendering threads (default: all cores)\n"
       "  --quiet        print only errors\n",
       RunBuildCommand},
      {"check", "run every validation of `build` without writing anything",
       "Usage: minhbach check [--site DIR] [--as-of YYYY-MM-DD]\n", RunCheckCommand},
  };
  return kCommands;
}

}  // namespace minhbach
