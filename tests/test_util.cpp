#include "tests/test_util.h"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>

namespace minhbach::testing {

namespace fs = std::filesystem;

fs::path CopyFixture(const std::string& name) {
  static std::atomic<int> counter{0};
  fs::path dst = fs::temp_directory_path() /
                 ("mb-e2e-" + name + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(dst);
  fs::copy(fs::path(MB_SOURCE_DIR) / "tests/fixtures" / name, dst,
           fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  // The fixture's themes link points at the repo's themes/ relatively; make
  // it absolute in the copy.
  if (fs::is_symlink(dst / "themes")) {
    fs::remove(dst / "themes");
    fs::create_directory_symlink(fs::path(MB_SOURCE_DIR) / "themes", dst / "themes");
  }
  return dst;
}

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::map<std::string, std::string> TreeBytes(const fs::path& root) {
  std::map<std::string, std::string> out;
  if (!fs::exists(root)) return out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file()) out[fs::relative(e.path(), root).generic_string()] = ReadAll(e.path());
  }
  return out;
}

RunResult RunBinary(const std::vector<std::string>& args) {
  static std::atomic<int> counter{0};
  fs::path dir = fs::temp_directory_path() / ("mb-run-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::create_directories(dir);
  std::string cmd = std::string("'") + MB_BINARY + "'";
  for (const auto& a : args) cmd += " '" + a + "'";
  cmd += " >'" + (dir / "out").string() + "' 2>'" + (dir / "err").string() + "' </dev/null";
  int status = std::system(cmd.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadAll(dir / "out");
  r.err = ReadAll(dir / "err");
  fs::remove_all(dir);
  return r;
}

}  // namespace minhbach::testing
