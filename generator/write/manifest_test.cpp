#include "write/manifest.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

using namespace minhbach;
namespace fs = std::filesystem;

namespace {
fs::path Temp(const char* name) {
  return fs::temp_directory_path() / (std::string("mb-manifest-") + name + "-" + std::to_string(::getpid()));
}
std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

TEST_CASE("Manifest: written and read back, every path found by its index", "[write]") {
  Manifest m;
  m.tree = TreeId{1, 2, 3, 4};
  // Sorted; one path with the two escaped characters; shared prefixes and
  // lengths around the hash's 8-byte steps.
  std::vector<std::string> paths = {"a",
                                    "a/b\\c\nd/index.html",
                                    "an-binh/chi-tieu/ct-01/index.html",
                                    "an-binh/chi-tieu/ct-02/index.html",
                                    "api/v1/indicators.json",
                                    "index.html",
                                    "xxxxxxx",
                                    "xxxxxxxx"};
  for (std::size_t i = 0; i < paths.size(); ++i) m.Add(paths[i], FileTag{i + 1, 100 + i});
  const fs::path file = Temp("round");
  REQUIRE(WriteManifest(file, m).ok());
  auto back = ReadManifest(file);
  REQUIRE(back.has_value());
  CHECK(back->tree == m.tree);
  REQUIRE(back->size() == paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) {
    CHECK(back->path(i) == paths[i]);
    CHECK(back->IndexOf(paths[i]) == i);
    CHECK(back->tag(i) == FileTag{i + 1, 100 + i});
    CHECK(m.IndexOf(paths[i]) == i);  // without the hash index: by bisection
  }
  for (const char* absent : {"", "b", "an-binh/chi-tieu/ct-03/index.html", "xxxxxx", "xxxxxxxxx", "a/b\\c"}) {
    CHECK(back->IndexOf(absent) == Manifest::npos);
    CHECK(back->Find(absent) == nullptr);
    CHECK(m.IndexOf(absent) == Manifest::npos);
  }
  // Written again from what was read: the same bytes.
  const fs::path again = Temp("again");
  REQUIRE(WriteManifest(again, back.value()).ok());
  CHECK(Slurp(again) == Slurp(file));
  fs::remove(file);
  fs::remove(again);
}

TEST_CASE("Manifest: a damaged or unsorted file vouches for nothing", "[write]") {
  const fs::path file = Temp("bad");
  const std::string head = "minhbach output manifest 1\ntree 1 2 3 4\n";
  const std::string tag = "00000000000000010000000000000002 ";
  auto read = [&](const std::string& body) {
    std::ofstream(file, std::ios::binary) << head << body;
    return ReadManifest(file).has_value();
  };
  CHECK(read(tag + "a\n" + tag + "b\n"));
  CHECK_FALSE(read(tag + "b\n" + tag + "a\n"));         // out of order
  CHECK_FALSE(read(tag + "a\n" + tag + "a\n"));         // twice
  CHECK_FALSE(read(tag + "a\n" + tag + "b"));           // cut short
  CHECK_FALSE(read("0000000000000001000000000000000x a\n"));  // not hex
  CHECK_FALSE(read(tag + "a\\q\n"));                    // a bad escape
  fs::remove(file);
  CHECK_FALSE(ReadManifest(file).has_value());
}
