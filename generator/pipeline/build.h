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
};

struct BuildStats {
  std::size_t pages = 0;      // output files produced
  std::size_t written = 0;    // files whose bytes changed
  std::size_t unchanged = 0;  // files identical to the previous build (kept, mtime too)
  double seconds = 0;
  double plugin_seconds = 0;
  std::vector<Status> data_problems;  // filled by check: "file:line: ..." warnings
  std::vector<std::string> warnings;  // plug-in warnings ("plugins/x.lua:12: ...")
};

Result<BuildStats> RunBuild(const BuildOptions& options);

}  // namespace minhbach
