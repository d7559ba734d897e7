// Helpers for end-to-end tests: fixture copies, whole-tree comparison, and
// running the real binary.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace minhbach::testing {

// Copies tests/fixtures/<name> (following its themes symlink) into a fresh
// temporary folder and returns it.
std::filesystem::path CopyFixture(const std::string& name);
std::string ReadAll(const std::filesystem::path& p);
// Every file under root (relative path → bytes).
std::map<std::string, std::string> TreeBytes(const std::filesystem::path& root);

struct RunResult {
  int exit_code = -1;
  std::string out, err;
};
// Runs build/minhbach (MB_BINARY) with args; captures stdout and stderr.
RunResult RunBinary(const std::vector<std::string>& args);

}  // namespace minhbach::testing
