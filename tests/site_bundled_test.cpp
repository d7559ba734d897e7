// End-to-end on the bundled site (the repository's site.yaml, content/,
// plugins/ and themes/): every indicator and task of the open data has its
// page, every internal link resolves, no page is over 100 KB.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "pipeline/build.h"
#include "tests/site_crawl.h"
#include "tests/test_util.h"

using namespace minhbach;
using namespace minhbach::testing;
namespace fs = std::filesystem;

namespace {

// The bundled site, copied so that its database cache is this test's own.
fs::path CopyBundledSite() {
  const fs::path src = MB_SOURCE_DIR;
  fs::path dst = fs::temp_directory_path() / ("mb-bundled-" + std::to_string(::getpid()));
  fs::remove_all(dst);
  fs::create_directories(dst);
  fs::copy_file(src / "site.yaml", dst / "site.yaml");
  for (const char* dir : {"content", "plugins"}) {
    if (fs::exists(src / dir)) fs::copy(src / dir, dst / dir, fs::copy_options::recursive);
  }
  fs::create_directory_symlink(src / "themes", dst / "themes");
  return dst;
}

// Top-level "id"s of an api/v1 array file (one element per line, each an
// object whose first field is "id").
std::vector<std::string> TopLevelIds(const std::string& json) {
  static const std::regex kId("\n\\{\"id\":\"([^\"]+)\"");
  std::vector<std::string> ids;
  for (auto m = std::sregex_iterator(json.begin(), json.end(), kId); m != std::sregex_iterator(); ++m) {
    ids.push_back((*m)[1].str());
  }
  return ids;
}

// "dai-son/nq11-pl2-22" → "dai-son/<folder>/nq11-pl2-22/index.html".
std::string PageOf(const std::string& id, const std::string& folder) {
  auto slash = id.find('/');
  return id.substr(0, slash) + "/" + folder + "/" + id.substr(slash + 1) + "/index.html";
}

}  // namespace

TEST_CASE("bundled site: every indicator and task has its page, every link resolves, pages stay light",
          "[site]") {
  fs::path site = CopyBundledSite();
  BuildOptions opt;
  opt.site = site;
  opt.out = site / "public";
  opt.as_of = Date{2026, 11, 23};
  opt.quiet = true;
  auto stats = RunBuild(opt);
  INFO(stats.status().ToString());
  REQUIRE(stats.ok());
  const fs::path out = site / "public";

  std::vector<std::string> indicators = TopLevelIds(ReadAll(out / "api/v1/indicators.json"));
  std::vector<std::string> tasks = TopLevelIds(ReadAll(out / "api/v1/tasks.json"));
  CHECK(indicators.size() > 50);
  CHECK(tasks.size() > 50);
  for (const std::string& id : indicators) {
    INFO(id);
    CHECK(fs::exists(out / PageOf(id, "chi-tieu")));
  }
  for (const std::string& id : tasks) {
    INFO(id);
    CHECK(fs::exists(out / PageOf(id, "nhiem-vu")));
  }
  for (const char* unit : {"dai-son", "dong-phu", "phu-thai"}) {
    for (const char* page : {"index.html", "chi-tieu/index.html", "nhiem-vu/index.html", "qua-han/index.html"}) {
      INFO(unit << "/" << page);
      CHECK(fs::exists(out / unit / page));
    }
  }

  CrawlResult crawl = CrawlSite(out);
  CHECK(crawl.pages > 200);
  for (const std::string& b : crawl.broken) FAIL_CHECK(b);
  for (const std::string& p : PagesOver(out, 100 * 1024)) FAIL_CHECK("over 100 KB: " << p);
  fs::remove_all(site);
}
