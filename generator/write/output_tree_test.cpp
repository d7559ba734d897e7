#include "write/output_tree.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <thread>

using namespace minhbach;
namespace fs = std::filesystem;

namespace {
fs::path Fresh(const char* name) {
  fs::path p = fs::temp_directory_path() / (std::string("mb-out-") + name + "-" + std::to_string(::getpid()));
  fs::remove_all(p);
  fs::create_directories(p / "site");
  return p;
}
std::string Slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
struct timespec Mtime(const fs::path& p) {
  struct stat st {};
  ::stat(p.c_str(), &st);
  return st.st_mtim;
}
}  // namespace

TEST_CASE("OutputTree: nothing appears until commit; unchanged files keep their mtime", "[write]") {
  fs::path base = Fresh("commit");
  fs::path out = base / "public";
  {
    auto t = OutputTree::Begin(out, base / "site");
    REQUIRE(t.ok());
    REQUIRE(t.value()->Write("index.html", "một").ok());
    REQUIRE(t.value()->Write("a/b/index.html", "hai").ok());
    CHECK_FALSE(fs::exists(out));
    REQUIRE(t.value()->Commit().ok());
  }
  CHECK(Slurp(out / "a/b/index.html") == "hai");
  auto before = Mtime(out / "index.html");
  ::usleep(20000);
  {
    auto t = OutputTree::Begin(out, base / "site");
    REQUIRE(t.ok());
    REQUIRE(t.value()->Write("index.html", "một").ok());
    REQUIRE(t.value()->Write("a/b/index.html", "ba").ok());
    REQUIRE(t.value()->Commit().ok());
    CHECK(t.value()->files_unchanged() == 1);
    CHECK(t.value()->files_written() == 1);
  }
  auto after = Mtime(out / "index.html");
  CHECK(before.tv_sec == after.tv_sec);
  CHECK(before.tv_nsec == after.tv_nsec);
  CHECK(Slurp(out / "a/b/index.html") == "ba");
  // No temporary tree is left beside the output.
  for (const auto& e : fs::directory_iterator(base)) CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);
  fs::remove_all(base);
}

TEST_CASE("OutputTree: an aborted build leaves the old site untouched", "[write]") {
  fs::path base = Fresh("abort");
  fs::path out = base / "public";
  {
    auto t = OutputTree::Begin(out, base / "site");
    REQUIRE(t.value()->Write("index.html", "cũ").ok());
    REQUIRE(t.value()->Commit().ok());
  }
  {
    auto t = OutputTree::Begin(out, base / "site");
    REQUIRE(t.value()->Write("index.html", "mới").ok());
    // destroyed without Commit(), as when a later page fails
  }
  CHECK(Slurp(out / "index.html") == "cũ");
  CHECK(std::distance(fs::directory_iterator(base), fs::directory_iterator()) == 2);  // site + public
  fs::remove_all(base);
}

TEST_CASE("OutputTree: paths cannot escape, collide, or swallow the site", "[write]") {
  fs::path base = Fresh("escape");
  auto t = OutputTree::Begin(base / "public", base / "site");
  REQUIRE(t.ok());
  CHECK_FALSE(t.value()->Write("../evil", "x").ok());
  CHECK_FALSE(t.value()->Write("/etc/passwd", "x").ok());
  CHECK_FALSE(t.value()->Write("a/../../evil", "x").ok());
  CHECK_FALSE(t.value()->Write("", "x").ok());
  REQUIRE(t.value()->Write("x/index.html", "1").ok());
  auto dup = t.value()->Write("x/index.html", "2");
  CHECK(dup.message() == "two pages want the same output file 'x/index.html'");
  CHECK_FALSE(fs::exists(base / "evil"));

  CHECK_FALSE(OutputTree::Begin(base / "site", base / "site").ok());
  CHECK_FALSE(OutputTree::Begin(base, base / "site").ok());
  fs::create_directories(base / "src");
  std::ofstream(base / "src/site.yaml") << "title: x";
  CHECK_FALSE(OutputTree::Begin(base / "src", base / "site").ok());
  fs::remove_all(base);
}

TEST_CASE("OutputTree: concurrent writers", "[write]") {
  fs::path base = Fresh("threads");
  auto t = OutputTree::Begin(base / "public", base / "site");
  REQUIRE(t.ok());
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&, k] {
      for (int i = 0; i < 200; ++i) {
        if (!t.value()->Write("p/" + std::to_string(k) + "/" + std::to_string(i) + "/index.html", "x").ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(failures == 0);
  REQUIRE(t.value()->Commit().ok());
  CHECK(fs::exists(base / "public/p/3/199/index.html"));
  fs::remove_all(base);
}
