// Incremental builds end to end: after each kind of change (a report cycle
// added with `report add`, a template, a plug-in, the as-of date, a plan
// text) the rebuilt site must be byte for byte the site a full build makes
// from scratch, and a build that fails must leave the served site as it was.
// Correctness only: no timings are asserted.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "pipeline/build.h"
#include "tests/test_util.h"

using namespace minhbach;
using minhbach::testing::ReadAll;
using minhbach::testing::RunBinary;
using minhbach::testing::TreeBytes;
namespace fs = std::filesystem;

namespace {

// The data fixture (three communes, one with a report cycle) with the
// repository's theme and plug-ins, so that pages carry charts, trajectories
// and overdue warnings as on a real site.
fs::path MakeSite() {
  static int n = 0;
  fs::path site = fs::temp_directory_path() /
                  ("mb-incremental-" + std::to_string(::getpid()) + "-" + std::to_string(n++)) / "site";
  fs::remove_all(site.parent_path());
  fs::create_directories(site.parent_path());
  fs::copy(fs::path(MB_SOURCE_DIR) / "tests/fixtures/data/site", site, fs::copy_options::recursive);
  fs::create_directory_symlink(fs::path(MB_SOURCE_DIR) / "themes", site / "themes");
  fs::copy(fs::path(MB_SOURCE_DIR) / "plugins", site / "plugins", fs::copy_options::recursive);
  return site;
}

const Date kAsOf{2026, 11, 1};

BuildStats Build(const fs::path& site, const fs::path& out, Date as_of = kAsOf, bool timings = false) {
  BuildOptions opt;
  opt.site = site;
  opt.out = out;
  opt.as_of = as_of;
  opt.quiet = true;
  opt.timings = timings;
  auto stats = RunBuild(opt);
  INFO(stats.status().ToString());
  REQUIRE(stats.ok());
  return stats.value();
}

// A full build from nothing, into a folder of its own.
std::map<std::string, std::string> FullBuild(const fs::path& site, Date as_of = kAsOf) {
  static int n = 0;
  fs::path out = site.parent_path() / (site.filename().string() + "-full-" + std::to_string(n++));
  BuildStats s = Build(site, out, as_of);
  CHECK(s.reused == 0);
  auto bytes = TreeBytes(out);
  fs::remove_all(out);
  return bytes;
}

bool DatabaseRebuilt(const BuildStats& s) {
  for (const StageTiming& st : s.stages) {
    if (st.name.find("database rebuilt") != std::string::npos) return true;
  }
  return false;
}

struct timespec Mtime(const fs::path& p) {
  struct stat st {};
  ::stat(p.c_str(), &st);
  return st.st_mtim;
}

ino_t Inode(const fs::path& p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0 ? st.st_ino : 0;
}

void Append(const fs::path& file, const std::string& text) {
  std::ofstream(file, std::ios::app) << text;
}

}  // namespace

TEST_CASE("incremental: a rebuild without changes renders and writes nothing", "[perf]") {
  fs::path site = MakeSite();
  fs::path out = site.parent_path() / (site.filename().string() + "-out");
  BuildStats first = Build(site, out);
  CHECK(first.written == first.pages);
  BuildStats second = Build(site, out);  // a fresh tree of links; the old one becomes the spare
  BuildStats third = Build(site, out);   // the spare, updated in place
  CHECK(first.units_skipped == 0);
  for (const BuildStats* s : {&second, &third}) {
    CHECK(s->rendered == 0);
    CHECK(s->written == 0);
    CHECK(s->reused == s->pages);
    // No commune was read, analysed or rendered again.
    CHECK(s->units_skipped == 3);
  }
  CHECK(TreeBytes(out) == FullBuild(site));
  fs::remove_all(site.parent_path());
}

TEST_CASE("incremental: after report add, only what changed is rewritten and the site equals a full build",
          "[perf]") {
  fs::path site = MakeSite();
  fs::path out = site.parent_path() / (site.filename().string() + "-out");
  Build(site, out);
  Build(site, out);
  auto other_unit_before = Mtime(out / "dong-phu/index.html");
  // The published database is the database itself, linked, not a copy.
  const fs::path database = site / ".cache/test.sqlite", published = out / "du-lieu/minhbach.sqlite";
  CHECK(Inode(published) == Inode(database));
  const std::string served_database = ReadAll(published);

  auto add = RunBinary({"report", "add", (fs::path(MB_SOURCE_DIR) / "tests/fixtures/data/reports/more.csv").string(),
                        "--cycle", "2026-Q1", "--published", "2026-04-15", "--unit", "dai-son", "--site",
                        site.string()});
  INFO(add.err);
  REQUIRE(add.exit_code == 0);
  // `report add` replaced the database rather than writing into it: the
  // served site's file is as it was until the build publishes the new one.
  CHECK(ReadAll(published) == served_database);
  CHECK(Inode(published) != Inode(database));
  BuildStats s = Build(site, out);
  CHECK(Inode(published) == Inode(database));
  // `report add` wrote the database after the CSV it stored: the database
  // is reused, not recreated from content/.
  CHECK_FALSE(DatabaseRebuilt(s));
  CHECK(s.written > 0);
  CHECK(s.written < s.pages / 2);
  // The other communes' files are carried over; of the reporting commune's,
  // those whose bytes did not change are kept as they were.
  CHECK(s.reused > 0);
  CHECK(s.unchanged > s.pages / 2);
  CHECK(s.rendered < s.pages / 2);
  // Only the commune that reported was built again.
  CHECK(s.units_skipped == 2);
  CHECK(TreeBytes(out) == FullBuild(site));
  // The other communes' pages were not touched at all.
  auto other_unit_after = Mtime(out / "dong-phu/index.html");
  CHECK(other_unit_after.tv_sec == other_unit_before.tv_sec);
  CHECK(other_unit_after.tv_nsec == other_unit_before.tv_nsec);
  fs::remove_all(site.parent_path());
}

TEST_CASE("incremental: a damaged or foreign unit record only means the unit is built again", "[perf]") {
  fs::path site = MakeSite();
  fs::path out = site.parent_path() / (site.filename().string() + "-out");
  Build(site, out);
  const fs::path records = site.parent_path() / ".site-out-state" / "units";
  REQUIRE(fs::exists(records / "dai-son.rec"));
  // Truncated, and replaced by garbage.
  std::string bytes = ReadAll(records / "dai-son.rec");
  std::ofstream(records / "dai-son.rec", std::ios::binary | std::ios::trunc) << bytes.substr(0, bytes.size() / 2);
  std::ofstream(records / "dong-phu.rec", std::ios::binary | std::ios::trunc) << "not a record";
  BuildStats s = Build(site, out);
  CHECK(s.units_skipped == 1);
  CHECK(TreeBytes(out) == FullBuild(site));
  // Rewritten: the next build skips every unit again.
  CHECK(Build(site, out).units_skipped == 3);
  // When the api/v1 arrays are written again (here: a plan of dong-phu
  // changed), the unchanged units' elements are copied from the served
  // arrays, at the ranges arrays.rec records: their rows files are not read.
  fs::remove(records / "phu-thai.rows");
  Append(site / "content/dong-phu/kh-nq57-2026/index.md", "\nMột đoạn mới.\n");
  s = Build(site, out);
  CHECK(s.units_skipped == 2);
  CHECK(TreeBytes(out) == FullBuild(site));
  // A served array file that is not what arrays.rec describes (edited by
  // hand: another size) is not copied from: each unit's rows file is read,
  // and phu-thai, without one, is built again rather than trusted.
  {
    std::ofstream(out / "api/v1/tasks.json", std::ios::app) << "\n";
  }
  Append(site / "content/dong-phu/kh-nq57-2026/index.md", "\nMột đoạn nữa.\n");
  s = Build(site, out);
  CHECK(s.units_skipped == 1);
  CHECK(TreeBytes(out) == FullBuild(site));
  // A damaged arrays.rec: the same.
  fs::remove(records / "phu-thai.rows");
  std::ofstream(records / "arrays.rec", std::ios::binary | std::ios::trunc) << "not a record";
  Append(site / "content/dong-phu/kh-nq57-2026/index.md", "\nVà một đoạn nữa.\n");
  s = Build(site, out);
  CHECK(s.units_skipped == 1);
  CHECK(TreeBytes(out) == FullBuild(site));
  fs::remove_all(site.parent_path());
}

TEST_CASE("incremental: a template, plug-in, as-of or plan change re-renders what it affects, exactly",
          "[perf]") {
  fs::path site = MakeSite();
  fs::path out = site.parent_path() / (site.filename().string() + "-out");
  Build(site, out);
  Build(site, out);

  SECTION("a template the site overrides") {
    fs::create_directories(site / "layouts");
    std::string task = ReadAll(site / "themes/default/layouts/task.mustache");
    std::ofstream(site / "layouts/task.mustache") << task << "<p>Đã sửa mẫu.</p>\n";
    BuildStats s = Build(site, out);
    CHECK(s.rendered > 0);
    CHECK(s.units_skipped == 0);  // every page may use the template
    CHECK(ReadAll(out / "dai-son/nhiem-vu/nq11-pl3-i-1/index.html").find("Đã sửa mẫu.") != std::string::npos);
    CHECK(TreeBytes(out) == FullBuild(site));
  }
  SECTION("a plug-in") {
    std::ofstream(site / "plugins/zz_test.lua")
        << "site.file('api/v1/zz.json', site.json({ n = 1 }))\n"
           "site.page{ path = 'zz/', template = 'page', data = { title = 'Một' } }\n";
    Build(site, out);
    std::ofstream(site / "plugins/zz_test.lua")
        << "site.file('api/v1/zz.json', site.json({ n = 2 }))\n"
           "site.page{ path = 'zz/', template = 'page', data = { title = 'Hai' } }\n";
    BuildStats s = Build(site, out);
    CHECK(s.units_skipped == 0);  // a plug-in may change any commune's figures
    CHECK(s.written >= 2);
    CHECK(ReadAll(out / "zz/index.html").find("Hai") != std::string::npos);
    CHECK(TreeBytes(out) == FullBuild(site));
    fs::remove(site / "plugins/zz_test.lua");
    s = Build(site, out);
    CHECK(s.removed >= 2);
    CHECK_FALSE(fs::exists(out / "zz"));
    CHECK(TreeBytes(out) == FullBuild(site));
  }
  SECTION("the as-of date") {
    BuildStats s = Build(site, out, Date{2026, 12, 1});
    CHECK(s.units_skipped == 0);
    CHECK(s.reused < s.pages / 2);
    CHECK(TreeBytes(out) == FullBuild(site, Date{2026, 12, 1}));
  }
  SECTION("a plan text") {
    Append(site / "content/dong-phu/kh-nq57-2026/index.md", "\nMột đoạn mới của kế hoạch.\n");
    BuildStats s = Build(site, out);
    CHECK(DatabaseRebuilt(s));
    CHECK(s.units_skipped == 2);  // only dong-phu's text changed
    CHECK(ReadAll(out / "dong-phu/ke-hoach/kh-nq57-2026/index.html").find("Một đoạn mới") != std::string::npos);
    CHECK(TreeBytes(out) == FullBuild(site));
  }
  fs::remove_all(site.parent_path());
}

// The api/v1 arrays are written again whenever a commune changes. In the
// spare, a copy of its own (not a link to the served file) is overwritten
// in place and cut to the new length: a shorter array must leave nothing of
// the longer one behind.
TEST_CASE("incremental: rebuilds in a row overwrite the spare's own api/v1 arrays in place, exactly", "[perf]") {
  fs::path site = MakeSite();
  fs::path out = site.parent_path() / (site.filename().string() + "-out");
  const fs::path spare = site.parent_path() / ("." + out.filename().string() + "-state") / "spare";
  const Date later{2026, 12, 1};
  Build(site, out);
  Build(site, out);  // a tree of links: the spare's arrays are the served files
  Build(site, out, later);
  CHECK(TreeBytes(out) == FullBuild(site, later));
  struct stat st {};
  REQUIRE(::stat((spare / "api/v1/tasks.json").c_str(), &st) == 0);
  REQUIRE(st.st_nlink == 1);  // now the spare's own copy
  const ino_t own = st.st_ino;
  const auto longer = fs::file_size(out / "api/v1/tasks.json");
  // dong-phu's plan loses its last task: tasks.json gets shorter.
  const fs::path tasks = site / "content/dong-phu/kh-nq57-2026/tasks.csv";
  std::string csv = ReadAll(tasks);
  REQUIRE(csv.size() > 2);
  csv.erase(csv.rfind('\n', csv.size() - 2) + 1);
  std::ofstream(tasks, std::ios::trunc) << csv;
  BuildStats s = Build(site, out, later);
  CHECK(s.units_skipped == 2);
  CHECK(Inode(out / "api/v1/tasks.json") == own);
  CHECK(fs::file_size(out / "api/v1/tasks.json") < longer);
  CHECK(TreeBytes(out) == FullBuild(site, later));
  fs::remove_all(site.parent_path());
}

TEST_CASE("incremental: a build that fails while writing leaves the old site, the next build is exact", "[perf]") {
  fs::path site = MakeSite();
  fs::path out = site.parent_path() / (site.filename().string() + "-out");
  Build(site, out);
  Build(site, out);
  Build(site, out);  // the spare is in use from here on
  auto before = TreeBytes(out);

  // A page whose layout does not exist fails in the render stage, after
  // other pages were already written into the spare tree.
  Append(site / "content/dai-son/kh-nq11-2026/index.md", "\nĐoạn thêm.\n");
  std::ofstream(site / "plugins/zz_broken.lua")
      << "site.page{ path = 'zz/', template = 'khong-co-mau-nay', data = { title = 'x' } }\n";
  BuildOptions opt;
  opt.site = site;
  opt.out = out;
  opt.as_of = kAsOf;
  opt.quiet = true;
  opt.jobs = 1;
  auto failed = RunBuild(opt);
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.status().ToString().find("khong-co-mau-nay") != std::string::npos);
  CHECK(TreeBytes(out) == before);

  fs::remove(site / "plugins/zz_broken.lua");
  BuildStats s = Build(site, out);
  CHECK(s.reused > 0);
  CHECK(TreeBytes(out) == FullBuild(site));
  fs::remove_all(site.parent_path());
}

TEST_CASE("build --timings: the communes stage says where its CPU went", "[perf]") {
  const fs::path site = MakeSite();
  const BuildStats stats = Build(site, site.parent_path() / "out", kAsOf, /*timings=*/true);
  std::map<std::string, double> cpu;
  for (const StageTiming& st : stats.stages) {
    const std::string kPrefix = "  CPU, all threads: ";
    if (st.name.compare(0, kPrefix.size(), kPrefix) == 0) cpu[st.name.substr(kPrefix.size())] = st.seconds;
  }
  // Every part of a commune's build is named; the ones this site exercises
  // took some time (plug-ins ran, pages were rendered and written).
  for (const char* part : {"plan texts read", "plug-ins", "page models", "Markdown", "templates", "writing files",
                           "open data rows", "set-up, carried over"}) {
    INFO(part);
    REQUIRE(cpu.count(part) == 1);
  }
  CHECK(cpu["plug-ins"] > 0);
  CHECK(cpu["templates"] > 0);
  CHECK(cpu["writing files"] > 0);

  // Without --timings nothing is measured.
  for (const StageTiming& st : Build(site, site.parent_path() / "out2").stages) {
    CHECK(st.name.find("CPU") == std::string::npos);
  }
  fs::remove_all(site.parent_path());
}
