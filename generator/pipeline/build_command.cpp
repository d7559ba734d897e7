// Placeholder removed once the pipeline lands (same session).
#include <cstdio>
#include "cli/commands.h"
namespace minhbach {
int RunBuildCommand(const std::vector<std::string>&) { std::fprintf(stderr, "build: pipeline not built yet\n"); return 1; }
int RunCheckCommand(const std::vector<std::string>&) { std::fprintf(stderr, "check: pipeline not built yet\n"); return 1; }
}
