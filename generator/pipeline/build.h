// The build: load → resolve → render → write, the stages in order.
#pragma once

#include <filesystem>
#include <string>

#include "base/date.h"
#include "base/status.h"

#include <vector>

namespace minhbach {

struct BuildOptions {
  std::filesystem::path site = ".";
  std::filesystem::path out = "public";
  Date as_of;
  unsigned jobs = 0;       // 0: all cores
  bool quiet = false;
  bool check_only = false; // validate and render everything, write nothing
  bool progress = false;   // a live progress line (set when stderr is a terminal)
  bool timings = false;    // print each stage's seconds and memory (docs/performance.md)
};

// One stage of a build as measured: wall seconds, and the process's resident
// memory (current and peak so far, from /proc/self/status) when it ended.
struct StageTiming {
  std::string name;
  double seconds = 0;
  std::size_t rss_kb = 0, peak_kb = 0;
};

struct BuildStats {
  std::size_t pages = 0;      // output files produced
  std::size_t written = 0;    // files whose bytes changed
  std::size_t unchanged = 0;  // files identical to the previous build (kept, mtime too)
  std::size_t reused = 0;     // of those, carried over on their fingerprint without rendering
  std::size_t rendered = 0;   // pages rendered through a template
  std::size_t removed = 0;    // files of the previous build the site no longer has
  std::size_t units_skipped = 0;  // units whose inputs had not changed: not built again
  double seconds = 0;
  double plugin_seconds = 0;
  std::vector<Status> data_problems;  // filled by check: "file:line: ..." warnings
  std::vector<std::string> warnings;  // plug-in warnings ("plugins/x.lua:12: ...")
  std::vector<StageTiming> stages;    // in the order they ran
};

Result<BuildStats> RunBuild(const BuildOptions& options);

}  // namespace minhbach
