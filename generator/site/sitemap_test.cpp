#include <catch2/catch.hpp>

#include <regex>
#include <set>
#include <string>
#include <vector>

#include "site/site.h"

namespace minhbach {
namespace {

std::vector<std::string> Locs(const std::string& xml) {
  static const std::regex kLoc("<loc>([^<]*)</loc>");
  std::vector<std::string> out;
  for (auto m = std::sregex_iterator(xml.begin(), xml.end(), kLoc); m != std::sregex_iterator(); ++m) {
    out.push_back((*m)[1].str());
  }
  return out;
}

const Page* Find(const std::vector<Page>& pages, const std::string& path) {
  for (const Page& p : pages) {
    if (p.path == path) return &p;
  }
  return nullptr;
}

Page Html(const std::string& path, bool in_sitemap = true) {
  Page p;
  p.path = path;
  p.layout = "page";
  p.in_sitemap = in_sitemap;
  return p;
}

struct Fixture {
  SiteConfig config;
  SiteContext ctx;
  Fixture() {
    config.base_url = "https://xa.example.vn/a&b/";
    ctx.config = &config;
    ctx.as_of = Date{2026, 11, 1};
  }
};

TEST_CASE("sitemap: site-wide pages, then each unit's pages in site order, each URL once, escaped", "[site]") {
  Fixture f;
  std::vector<Page> pages = {Html("tim-kiem/index.html"), Html("index.html"), Html("404.html", false)};
  Page raw;
  raw.path = "robots-extra.txt";  // not HTML: never listed
  pages.push_back(raw);
  std::vector<UnitSummary> units(2);
  units[0].html = {"yen-son/index.html", "yen-son/chi-tieu/x/index.html"};
  units[1].html = {"an-binh/index.html", "an-binh/bao-cao/2026-10/index.html"};
  AddSitemapAndRobots(f.ctx, units, &pages);

  const Page* sitemap = Find(pages, "sitemap.xml");
  REQUIRE(sitemap != nullptr);
  CHECK(sitemap->bytes.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset ", 0) == 0);
  const std::string base = "https://xa.example.vn/a&amp;b/";
  CHECK(Locs(sitemap->bytes) == std::vector<std::string>{base, base + "tim-kiem/", base + "yen-son/",
                                                          base + "yen-son/chi-tieu/x/", base + "an-binh/",
                                                          base + "an-binh/bao-cao/2026-10/"});
  CHECK(sitemap->bytes.find("<lastmod>2026-11-01</lastmod></url>\n</urlset>\n") != std::string::npos);
  CHECK(Find(pages, "sitemap-1.xml") == nullptr);
  const Page* robots = Find(pages, "robots.txt");
  REQUIRE(robots != nullptr);
  CHECK(robots->bytes == "User-agent: *\nAllow: /\nSitemap: https://xa.example.vn/a&b/sitemap.xml\n");
}

TEST_CASE("sitemap: past 50,000 URLs, numbered files of at most 50,000 and an index", "[site]") {
  Fixture f;
  std::vector<Page> pages = {Html("index.html")};
  std::vector<UnitSummary> units(3);
  for (std::size_t u = 0; u < units.size(); ++u) {
    for (int i = 0; i < 40000; ++i) {
      units[u].html.push_back("u" + std::to_string(u) + "/p" + std::to_string(i) + "/index.html");
    }
  }
  AddSitemapAndRobots(f.ctx, units, &pages);

  const Page* index = Find(pages, "sitemap.xml");
  REQUIRE(index != nullptr);
  CHECK(index->bytes.find("<sitemapindex ") != std::string::npos);
  const std::string base = "https://xa.example.vn/a&amp;b/";
  CHECK(Locs(index->bytes) == std::vector<std::string>{base + "sitemap-1.xml", base + "sitemap-2.xml",
                                                        base + "sitemap-3.xml"});
  std::vector<std::string> all;
  for (const char* part : {"sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"}) {
    const Page* p = Find(pages, part);
    REQUIRE(p != nullptr);
    CHECK(p->bytes.rfind("</urlset>\n") == p->bytes.size() - 10);
    std::vector<std::string> locs = Locs(p->bytes);
    CHECK(locs.size() <= 50000);
    all.insert(all.end(), locs.begin(), locs.end());
  }
  CHECK(all.size() == 120001);
  CHECK(std::set<std::string>(all.begin(), all.end()).size() == all.size());
  CHECK(all[0] == base);
  CHECK(all[1] == base + "u0/p0/");
  CHECK(all[50000] == base + "u1/p9999/");
  CHECK(all.back() == base + "u2/p39999/");
}

}  // namespace
}  // namespace minhbach
