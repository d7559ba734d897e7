// End-to-end tests of `minhbach build` on small fixture sites.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "pipeline/build.h"
#include "tests/test_util.h"

using namespace minhbach;
namespace fs = std::filesystem;
using minhbach::testing::CopyFixture;
using minhbach::testing::ReadAll;
using minhbach::testing::RunBinary;
using minhbach::testing::TreeBytes;

TEST_CASE("build: the mini site has every core page and escapes content", "[e2e]") {
  fs::path site = CopyFixture("mini");
  BuildOptions opt;
  opt.site = site;
  opt.out = site / "public";
  opt.as_of = Date{2026, 11, 23};
  auto stats = RunBuild(opt);
  REQUIRE(stats.ok());
  for (const char* f : {"index.html", "xa-mau/index.html", "xa-mau/ke-hoach/kh-mau/index.html", "404.html",
                        "sitemap.xml", "robots.txt", "gioi-thieu/index.html", "assets/style.css"}) {
    INFO(f);
    CHECK(fs::exists(site / "public" / f));
  }
  std::string plan = ReadAll(site / "public/xa-mau/ke-hoach/kh-mau/index.html");
  CHECK(plan.find("<h1>Kế hoạch thử nghiệm chuyển đổi số</h1>") != std::string::npos);
  CHECK(plan.find("<script>alert") == std::string::npos);
  CHECK(plan.find("<td>≥ 60%</td>") != std::string::npos);
  CHECK(plan.find("href=\"#ii-chi-tieu\"") != std::string::npos);
  CHECK(plan.find("Số liệu tính đến ngày <time datetime=\"2026-11-23\">23/11/2026</time>") != std::string::npos);
  CHECK(plan.find("<html lang=\"vi\">") != std::string::npos);
  std::string sitemap = ReadAll(site / "public/sitemap.xml");
  CHECK(sitemap.find("<loc>https://vidu.example.vn/minhbach/xa-mau/ke-hoach/kh-mau/</loc>") != std::string::npos);
  CHECK(sitemap.find("404") == std::string::npos);
  CHECK(ReadAll(site / "public/robots.txt").find("Sitemap: https://vidu.example.vn/minhbach/sitemap.xml") !=
        std::string::npos);
  // The 404 page is served at any depth: its links start at the base path.
  CHECK(ReadAll(site / "public/404.html").find("href=\"/minhbach/assets/style.css\"") != std::string::npos);
}

TEST_CASE("build: same input gives byte-identical output, unchanged files are kept", "[e2e]") {
  fs::path site = CopyFixture("mini");
  BuildOptions opt;
  opt.site = site;
  opt.as_of = Date{2026, 11, 23};
  opt.out = site / "a";
  REQUIRE(RunBuild(opt).ok());
  opt.out = site / "b";
  opt.jobs = 1;
  REQUIRE(RunBuild(opt).ok());
  CHECK(TreeBytes(site / "a") == TreeBytes(site / "b"));
  auto again = RunBuild(opt);
  REQUIRE(again.ok());
  CHECK(again->written == 0);
  CHECK(again->unchanged == again->pages);
}

TEST_CASE("build: a broken template fails with file:line and leaves the old site byte-identical", "[e2e]") {
  fs::path site = CopyFixture("mini");
  BuildOptions opt;
  opt.site = site;
  opt.out = site / "public";
  opt.as_of = Date{2026, 11, 23};
  REQUIRE(RunBuild(opt).ok());
  auto before = TreeBytes(site / "public");

  fs::create_directories(site / "layouts");
  std::ofstream(site / "layouts/plan.mustache") << "<h1>{{plan.title}}</h1>\n{{#plan.basis}}\n<li>{{.}}</li>\n";
  auto r = RunBinary({"build", "--site", site.string(), "--out", (site / "public").string()});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("layouts/plan.mustache:2: template syntax error: Unclosed section \"plan.basis\"") !=
        std::string::npos);
  CHECK(TreeBytes(site / "public") == before);
}

TEST_CASE("build: bad front matter names the file and line, nothing is written", "[e2e]") {
  fs::path site = CopyFixture("mini");
  fs::path plan = site / "content/xa-mau/kh-mau/index.md";
  std::string text = ReadAll(plan);
  text.replace(text.find("date: \"2026-03-05\""), 18, "date: \"05/03/2026\"");
  std::ofstream(plan) << text;
  auto r = RunBinary({"build", "--site", site.string()});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("content/xa-mau/kh-mau/index.md:8: date: expected YYYY-MM-DD") != std::string::npos);
  CHECK_FALSE(fs::exists(site / "public"));

  std::ofstream(plan) << "---\ntitle: \"x\"\nkey: [unclosed\n---\nbody\n";
  r = RunBinary({"build", "--site", site.string()});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("content/xa-mau/kh-mau/index.md:") != std::string::npos);
  CHECK(r.err.find("YAML syntax error") != std::string::npos);
}

TEST_CASE("build: bad site.yaml and unknown theme are explained", "[e2e]") {
  fs::path site = CopyFixture("mini");
  std::ofstream(site / "site.yaml") << "title: \"x\"\nbase_url: \"https://a.vn/\"\ntheme: khong-co\nunits:\n  - name: \"Mẫu\"\n";
  auto r = RunBinary({"check", "--site", site.string()});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("theme 'khong-co': expected templates in themes/khong-co/layouts/") != std::string::npos);

  std::ofstream(site / "site.yaml") << "title: \"x\"\nunits: []\n";
  r = RunBinary({"check", "--site", site.string()});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("site.yaml:1: missing 'base_url'") != std::string::npos);
}

TEST_CASE("cli: usage errors, help and version", "[e2e]") {
  CHECK(RunBinary({"--version"}).out.find("minhbach ") == 0);
  auto r = RunBinary({"build", "--ouput", "x"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("unknown option --ouput") != std::string::npos);
  r = RunBinary({"build", "--as-of", "23/11/2026"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--as-of: expected a date YYYY-MM-DD") != std::string::npos);
  r = RunBinary({"help", "build"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("--as-of DATE") != std::string::npos);
  CHECK(RunBinary({"frobnicate"}).exit_code == 2);
}
