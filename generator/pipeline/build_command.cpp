// `minhbach build` and `minhbach check`.
#include <unistd.h>

#include <cstdio>

#include "base/date.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "pipeline/build.h"

namespace minhbach {

namespace {

Result<BuildOptions> ParseBuildOptions(const std::vector<std::string>& argv, bool check) {
  std::set<std::string> with_value = {"--site", "--as-of"};
  std::set<std::string> bare;
  if (!check) {
    with_value.insert({"--out", "--jobs"});
    bare.insert("--quiet");
    bare.insert("--timings");
  }
  auto args = ParseArgs(argv, with_value, bare);
  if (!args.ok()) return args.status();
  if (!args->positional.empty()) return Status::Error("unexpected argument '" + args->positional[0] + "'");
  BuildOptions opt;
  opt.check_only = check;
  opt.site = args->GetOr("--site", ".");
  opt.out = args->GetOr("--out", (opt.site / "public").string());
  opt.quiet = args->Has("--quiet");
  opt.timings = args->Has("--timings");
  if (auto as_of = args->Get("--as-of")) {
    auto d = ParseIsoDate(*as_of);
    if (!d) return Status::Error("--as-of: expected a date YYYY-MM-DD, got '" + *as_of + "'");
    opt.as_of = *d;
  } else {
    opt.as_of = Today();
  }
  if (auto jobs = args->Get("--jobs")) {
    try {
      int n = std::stoi(*jobs);
      if (n < 1 || n > 256) throw std::out_of_range("jobs");
      opt.jobs = static_cast<unsigned>(n);
    } catch (...) {
      return Status::Error("--jobs: expected a number of threads from 1 to 256, got '" + *jobs + "'");
    }
  }
  opt.progress = !opt.quiet && ::isatty(STDERR_FILENO);
  return opt;
}

int Run(const std::vector<std::string>& argv, bool check) {
  auto opt = ParseBuildOptions(argv, check);
  if (!opt.ok()) {
    std::fprintf(stderr, "minhbach %s: %s\n", check ? "check" : "build", opt.status().ToString().c_str());
    return 2;
  }
  auto stats = RunBuild(opt.value());
  if (!stats.ok()) {
    std::fprintf(stderr, "error: %s\n", stats.status().ToString().c_str());
    if (!check) std::fprintf(stderr, "The previous site (if any) was left as it was.\n");
    return 1;
  }
  if (!opt->quiet || check) {
    for (const std::string& w : stats->warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
  }
  if (check) {
    for (const Status& w : stats->data_problems) std::fprintf(stderr, "warning: %s\n", w.ToString().c_str());
    std::printf("check: OK, %zu pages would be built (as of %s); %zu data warnings\n", stats->pages,
                opt->as_of.ToVi().c_str(), stats->data_problems.size());
  } else if (!opt->quiet) {
    std::printf("built %zu files into %s: %zu written, %zu unchanged, %zu removed (%zu pages rendered, %zu files "
                "reused unrendered) in %.2f s (plug-ins %.0f ms; as of %s; %zu units unchanged, not built again)\n",
                stats->pages, opt->out.string().c_str(), stats->written, stats->unchanged, stats->removed,
                stats->rendered, stats->reused, stats->seconds, stats->plugin_seconds * 1000,
                opt->as_of.ToVi().c_str(), stats->units_skipped);
  }
  return 0;
}

}  // namespace

int RunBuildCommand(const std::vector<std::string>& args) { return Run(args, false); }
int RunCheckCommand(const std::vector<std::string>& args) { return Run(args, true); }

}  // namespace minhbach
