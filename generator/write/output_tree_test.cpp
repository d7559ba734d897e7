#include "write/output_tree.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>
#include <tuple>
#include <vector>

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

TEST_CASE("OutputTree: nothing appears until commit, unchanged files keep their mtime", "[write]") {
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
  // Beside the site and public/ only the hidden state folder (manifest,
  // spare tree), and in it no tree of the aborted build.
  CHECK(std::distance(fs::directory_iterator(base), fs::directory_iterator()) == 3);
  CHECK(fs::is_directory(base / ".public-state"));
  for (const auto& e : fs::directory_iterator(base / ".public-state")) {
    CHECK(e.path().filename().string().find("tmp-") == std::string::npos);
  }
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
  CHECK_FALSE(t.value()->Write("a/..", "x").ok());
  CHECK_FALSE(t.value()->Write("./x", "x").ok());
  CHECK_FALSE(t.value()->Write("a//b", "x").ok());
  CHECK_FALSE(t.value()->Write("a/", "x").ok());
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

namespace {

FileTag T(std::uint64_t n) { return FileTag{n, n}; }

// One build of a small tree: every (path, bytes, tag); Reuse() first when
// `reuse` is set, as the pipeline does.
struct Build {
  std::size_t written = 0, unchanged = 0, reused = 0, removed = 0;
  bool incremental = false;
};
Build Run(const fs::path& out, const fs::path& site,
          const std::vector<std::tuple<std::string, std::string, std::uint64_t>>& files, bool reuse = true) {
  auto t = OutputTree::Begin(out, site);
  REQUIRE(t.ok());
  for (const auto& [path, bytes, tag] : files) {
    bool kept = false;
    if (reuse) {
      auto r = t.value()->Reuse(path, T(tag));
      REQUIRE(r.ok());
      kept = r.value();
    }
    if (!kept) REQUIRE(t.value()->Write(path, bytes, T(tag)).ok());
  }
  REQUIRE(t.value()->Commit().ok());
  Build b;
  b.written = t.value()->files_written();
  b.unchanged = t.value()->files_unchanged();
  b.reused = t.value()->files_reused();
  b.removed = t.value()->files_removed();
  b.incremental = t.value()->incremental();
  return b;
}

std::map<std::string, std::string> Tree(const fs::path& root) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file()) out[fs::relative(e.path(), root).generic_string()] = Slurp(e.path());
  }
  return out;
}

}  // namespace

TEST_CASE("OutputTree: the replaced tree becomes the spare and is brought up to date in place", "[write][perf]") {
  fs::path base = Fresh("spare");
  fs::path out = base / "public";
  // 1st build: fresh tree. 2nd: fresh tree of links (the manifest now
  // vouches for the served tree). From the 3rd on the spare is updated.
  Build b1 = Run(out, base / "site", {{"index.html", "a", 1}, {"x/index.html", "x", 2}, {"y/z/index.html", "z", 3}});
  CHECK_FALSE(b1.incremental);
  Build b2 = Run(out, base / "site", {{"index.html", "a", 1}, {"x/index.html", "x", 2}, {"y/z/index.html", "z", 3}});
  CHECK_FALSE(b2.incremental);
  CHECK(b2.reused == 3);
  CHECK(fs::is_directory(base / ".public-state/spare"));

  auto mtime_x = Mtime(out / "x/index.html");
  ::usleep(20000);
  // Changed, unchanged, removed, added; the removed file's folder goes too.
  Build b3 = Run(out, base / "site", {{"index.html", "a2", 4}, {"x/index.html", "x", 2}, {"w/index.html", "w", 5}});
  CHECK(b3.incremental);
  CHECK(b3.written == 2);
  CHECK(b3.reused == 1);
  CHECK(b3.removed == 1);
  std::map<std::string, std::string> want = {{"index.html", "a2"}, {"x/index.html", "x"}, {"w/index.html", "w"}};
  CHECK(Tree(out) == want);
  CHECK_FALSE(fs::exists(out / "y"));
  auto after = Mtime(out / "x/index.html");
  CHECK(after.tv_sec == mtime_x.tv_sec);
  CHECK(after.tv_nsec == mtime_x.tv_nsec);

  // The spare now lags one build behind; the next build must still be
  // exact, including the files the spare has and the site no longer does.
  Build b4 = Run(out, base / "site", {{"index.html", "a2", 4}, {"y/z/index.html", "z", 3}, {"w/index.html", "w2", 6}});
  CHECK(b4.incremental);
  want = {{"index.html", "a2"}, {"y/z/index.html", "z"}, {"w/index.html", "w2"}};
  CHECK(Tree(out) == want);
  Build b5 = Run(out, base / "site", {{"index.html", "a2", 4}, {"y/z/index.html", "z", 3}, {"w/index.html", "w2", 6}});
  CHECK(b5.written == 0);
  CHECK(b5.reused == 3);
  CHECK(Tree(out) == want);
  CHECK(Tree(base / ".public-state/spare") == want);
  fs::remove_all(base);
}

// The published database: copied in full into a fresh tree, patched where
// it differs when the spare holds a copy of its own, never written through
// a copy the served tree shares.
TEST_CASE("OutputTree: a copied file is patched in the spare, never through a link to the served tree", "[write][perf]") {
  fs::path base = Fresh("patch");
  fs::path out = base / "public";
  auto source = [&](char fill, std::size_t size) {
    std::string bytes(size, fill);
    bytes[size / 2] = '!';  // differ in the middle only, or in length
    std::ofstream(base / "db", std::ios::binary) << bytes;
    return bytes;
  };
  auto copy = [&](const std::string& expect) {
    auto t = OutputTree::Begin(out, base / "site");
    REQUIRE(t.ok());
    REQUIRE(t.value()->CopyFrom("du-lieu/db.sqlite", base / "db").ok());
    REQUIRE(t.value()->Commit().ok());
    CHECK(Slurp(out / "du-lieu/db.sqlite") == expect);
    return t.value()->incremental();
  };
  const std::size_t kBig = 300000;  // several 64 KiB blocks
  std::string a = source('a', kBig);
  copy(a);
  std::string b = source('b', kBig);
  CHECK_FALSE(copy(b));  // fresh tree of links
  // From here on the spare has its own copy (nlink 1): it is patched (the
  // file keeps its inode).
  auto inode = [](const fs::path& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 ? st.st_ino : 0;
  };
  const auto spare_copy = inode(base / ".public-state/spare/du-lieu/db.sqlite");
  REQUIRE(spare_copy != 0);
  std::string c = source('c', kBig);
  CHECK(copy(c));
  CHECK(inode(out / "du-lieu/db.sqlite") == spare_copy);
  CHECK(Slurp(base / ".public-state/spare/du-lieu/db.sqlite") == b);  // the replaced site, intact
  std::string d = source('c', kBig + 70000);  // longer
  CHECK(copy(d));
  CHECK(Slurp(base / ".public-state/spare/du-lieu/db.sqlite") == c);
  std::string e = source('c', 1000);  // shorter
  CHECK(copy(e));
  CHECK(Slurp(base / ".public-state/spare/du-lieu/db.sqlite") == d);
  // Unchanged: the spare's copy becomes a link to the served one; the next
  // change must not write through it.
  CHECK(copy(e));
  struct stat st {};
  REQUIRE(::stat((out / "du-lieu/db.sqlite").c_str(), &st) == 0);
  CHECK(st.st_nlink == 2);
  std::string f = source('f', kBig);
  CHECK(copy(f));
  CHECK(Slurp(base / ".public-state/spare/du-lieu/db.sqlite") == e);
  fs::remove_all(base);
}

// A file written on a descriptor (the api/v1 arrays): the spare's own copy
// is overwritten in place and truncated by its writer; a copy the served
// tree shares is never written through.
TEST_CASE("OutputTree: a created file overwrites the spare's own copy, never a link to the served tree", "[write][perf]") {
  fs::path base = Fresh("create");
  fs::path out = base / "public";
  const std::string path = "api/v1/a.json";
  // Writes `bytes` as the pipeline does (Create, write, truncate), or
  // carries the file over on `reuse_tag`.
  auto build = [&](const std::string& bytes, std::uint64_t tag, bool reuse = false) {
    auto t = OutputTree::Begin(out, base / "site");
    REQUIRE(t.ok());
    bool kept = false;
    if (reuse) {
      auto r = t.value()->Reuse(path, T(tag));
      REQUIRE(r.ok());
      kept = r.value();
    }
    if (!kept) {
      auto fd = t.value()->Create(path, T(tag));
      REQUIRE(fd.ok());
      REQUIRE(::write(fd.value(), bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()));
      REQUIRE(::ftruncate(fd.value(), static_cast<off_t>(bytes.size())) == 0);
      REQUIRE(::close(fd.value()) == 0);
    }
    REQUIRE(t.value()->Commit().ok());
    CHECK(Slurp(out / path) == bytes);
    return t.value()->incremental();
  };
  auto inode = [](const fs::path& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 ? st.st_ino : 0;
  };
  const fs::path spare = base / ".public-state/spare" / path;
  const std::string a(5000, 'a'), b(6000, 'b'), c(7000, 'c'), d(100, 'd');
  build(a, 1);
  CHECK_FALSE(build(b, 2));  // a fresh tree; the first tree becomes the spare
  const auto own = inode(spare);
  REQUIRE(own != 0);
  CHECK(build(c, 3));
  CHECK(inode(out / path) == own);  // overwritten in place
  CHECK(Slurp(spare) == b);         // the replaced site, intact
  CHECK(build(d, 4));               // shorter: nothing of the older bytes is left
  CHECK(Slurp(spare) == c);
  // Without a spare state the next build makes a fresh tree of links: the
  // served file and the spare's are then one file.
  REQUIRE(fs::remove(base / ".public-state/spare.state"));
  CHECK_FALSE(build(d, 4, true));
  REQUIRE(inode(spare) == inode(out / path));
  CHECK(build(a, 5));
  CHECK(Slurp(spare) == d);
  CHECK(inode(out / path) != inode(spare));
  fs::remove_all(base);
}

// A source its writers only ever replace (the database, database.h) is
// published as a hard link: nothing is copied, and replacing the source
// leaves the served file as it was.
TEST_CASE("OutputTree: a file that may be linked is a link to its source, in fresh and spare trees", "[write][perf]") {
  fs::path base = Fresh("link");
  fs::path out = base / "public";
  auto inode = [](const fs::path& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 ? st.st_ino : 0;
  };
  auto replace_source = [&](const std::string& bytes) {
    std::ofstream(base / "db.new", std::ios::binary) << bytes;
    fs::rename(base / "db.new", base / "db");
  };
  auto publish = [&] {
    auto t = OutputTree::Begin(out, base / "site");
    REQUIRE(t.ok());
    REQUIRE(t.value()->Write("index.html", "home").ok());
    REQUIRE(t.value()->CopyFrom("du-lieu/db.sqlite", base / "db", {}, true).ok());
    REQUIRE(t.value()->Commit().ok());
  };
  replace_source("first");
  publish();  // a fresh tree
  CHECK(inode(out / "du-lieu/db.sqlite") == inode(base / "db"));
  replace_source("second");
  CHECK(Slurp(out / "du-lieu/db.sqlite") == "first");  // the served site is unchanged
  for (const char* next : {"third", "fourth", "fourth"}) {
    publish();  // from the spare
    CHECK(inode(out / "du-lieu/db.sqlite") == inode(base / "db"));
    CHECK(Slurp(out / "du-lieu/db.sqlite") == Slurp(base / "db"));
    const std::string served = Slurp(out / "du-lieu/db.sqlite");
    replace_source(next);
    CHECK(Slurp(out / "du-lieu/db.sqlite") == served);
    CHECK(Slurp(out / "index.html") == "home");
  }
  fs::remove_all(base);
}

TEST_CASE("OutputTree: a file is reused only on the same tag, from a tree the manifest describes", "[write][perf]") {
  fs::path base = Fresh("reuse");
  fs::path out = base / "public";
  Run(out, base / "site", {{"a.html", "1", 1}, {"b.html", "2", 0}});
  {
    auto t = OutputTree::Begin(out, base / "site");
    REQUIRE(t.ok());
    CHECK(t.value()->Reuse("a.html", T(1)).value());
    CHECK_FALSE(t.value()->Reuse("a.html", T(1)).ok());  // claimed twice
    CHECK_FALSE(t.value()->Reuse("b.html", FileTag{}).value());  // no tag, no reuse
    CHECK_FALSE(t.value()->Reuse("c.html", T(1)).value());       // not in the previous build
    CHECK_FALSE(t.value()->Reuse("../a.html", T(1)).ok());
  }
  {
    auto t = OutputTree::Begin(out, base / "site");
    CHECK_FALSE(t.value()->Reuse("a.html", T(2)).value());  // other inputs
  }
  // --out replaced by something else (a restore, an rsync): the manifest
  // no longer vouches for it, so nothing is taken on its tag.
  fs::rename(out, base / "old");
  fs::create_directories(out);
  std::ofstream(out / "a.html") << "restored";
  {
    auto t = OutputTree::Begin(out, base / "site");
    CHECK_FALSE(t.value()->Reuse("a.html", T(1)).value());
    REQUIRE(t.value()->Write("a.html", "1", T(1)).ok());
    REQUIRE(t.value()->Commit().ok());
    CHECK(t.value()->files_written() == 1);
  }
  CHECK(Slurp(out / "a.html") == "1");
  CHECK_FALSE(fs::exists(out / "b.html"));
  fs::remove_all(base);
}

TEST_CASE("OutputTree: an aborted incremental build leaves the served tree, the next one is exact", "[write][perf]") {
  fs::path base = Fresh("abort-spare");
  fs::path out = base / "public";
  std::vector<std::tuple<std::string, std::string, std::uint64_t>> v1 = {
      {"index.html", "1", 1}, {"a/index.html", "a", 2}, {"b/index.html", "b", 3}};
  Run(out, base / "site", v1);
  Run(out, base / "site", v1);
  auto before = Tree(out);
  {
    auto t = OutputTree::Begin(out, base / "site");
    REQUIRE(t.ok());
    CHECK(t.value()->incremental());
    REQUIRE(t.value()->Write("index.html", "half", T(9)).ok());
    REQUIRE(t.value()->Write("c/index.html", "new", T(8)).ok());
    // destroyed without Commit()
  }
  CHECK(Tree(out) == before);
  // The spare survived, marked where the aborted build touched it.
  Build b = Run(out, base / "site", {{"index.html", "1", 1}, {"a/index.html", "a2", 4}, {"b/index.html", "b", 3}});
  CHECK(b.incremental);
  std::map<std::string, std::string> want = {{"index.html", "1"}, {"a/index.html", "a2"}, {"b/index.html", "b"}};
  CHECK(Tree(out) == want);
  CHECK(Tree(base / ".public-state/spare") == before);

  // A spare that no record describes (state file lost) is not trusted.
  // (Files the two trees share are one inode: replace, never write through.)
  fs::remove(base / ".public-state/spare.state");
  fs::remove(base / ".public-state/spare/index.html");
  std::ofstream(base / ".public-state/spare/index.html") << "junk";
  Build c = Run(out, base / "site", {{"index.html", "1", 1}, {"a/index.html", "a2", 4}, {"b/index.html", "b", 3}});
  CHECK_FALSE(c.incremental);
  CHECK(Tree(out) == want);
  fs::remove_all(base);
}
