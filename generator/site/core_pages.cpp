// Static pages (content/trang/), 404; sitemap.xml and robots.txt. Home, unit
// and plan pages are data pages (dashboard_pages.cpp).
#include <algorithm>
#include <string_view>

#include "base/text.h"
#include "site/site.h"

namespace minhbach {

void AddCorePages(const SiteContext& ctx, std::vector<Page>* pages) {
  const SiteConfig& cfg = *ctx.config;

  // Stand-alone pages from content/trang/.
  for (const StaticPage& sp : ctx.content->pages) {
    Page page;
    page.path = sp.slug + "/index.html";
    page.layout = "page";
    page.data = BasePageData(ctx, page.path, sp.title, {{"Trang chủ", "index.html"}, {sp.title, page.path}});
    page.markdown = sp.doc.body;
    page.markdown_file = sp.file;
    page.markdown_line = sp.doc.body_line;
    pages->push_back(std::move(page));
  }

  // 404: served at any depth, so its links are absolute from the base URL.
  {
    Page page;
    page.path = "404.html";
    page.layout = "404";
    page.in_sitemap = false;
    page.data = BasePageData(ctx, page.path, "Không tìm thấy trang", {{"Trang chủ", "index.html"}});
    std::string base_path = "/";
    if (auto scheme = cfg.base_url.find("://"); scheme != std::string::npos) {
      auto slash = cfg.base_url.find('/', scheme + 3);
      if (slash != std::string::npos) base_path = cfg.base_url.substr(slash);
    }
    page.data.Set("root", base_path);
    pages->push_back(std::move(page));
  }
}

void AddSitemapAndRobots(const SiteContext& ctx, const std::vector<UnitSummary>& units, std::vector<Page>* pages) {
  const SiteConfig& cfg = *ctx.config;
  // A province has hundreds of thousands of URLs, and a rebuild after one
  // commune's report makes the sitemap again (a new cycle is a new page).
  // So no list of all URLs and no sort of them (that was two thirds of the
  // sitemap's 60 ms at N = 1000): the site-wide pages first, sorted, then
  // each unit's pages in site order, as its summary lists them (sorted by
  // path). Every page has one path, so no URL comes twice.
  //
  // The page's URL path: "x/index.html" is served as "x/".
  auto url_path = [](std::string_view path) {
    if (path == "index.html") return std::string_view();
    if (EndsWith(path, "/index.html")) path.remove_suffix(10);
    return path;
  };
  std::vector<std::string_view> global;
  for (const Page& p : *pages) {
    if (!p.layout.empty() && p.in_sitemap) global.push_back(url_path(p.path));
  }
  std::sort(global.begin(), global.end());
  std::size_t count = global.size();
  for (const UnitSummary& u : units) count += u.html.size();
  auto for_each_url = [&](auto&& fn) {
    for (std::string_view url : global) fn(url);
    for (const UnitSummary& u : units) {
      for (const std::string& path : u.html) fn(url_path(path));
    }
  };
  std::string loc_prefix = "  <url><loc>";
  AppendHtmlEscaped(&loc_prefix, cfg.base_url);
  const std::string lastmod = "<lastmod>" + ctx.as_of.ToIso() + "</lastmod>";
  const std::string loc_end = "</loc>" + lastmod + "</url>\n";
  const std::string urlset_begin = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                   "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  const std::string urlset_end = "</urlset>\n";
  // The protocol allows 50,000 URLs a file: a province's site gets an index
  // of numbered sitemaps.
  constexpr std::size_t kPerFile = 50000;
  std::vector<std::string> files(count <= kPerFile ? 1 : (count + kPerFile - 1) / kPerFile);
  std::size_t k = 0;
  for_each_url([&](std::string_view url) {
    std::string& xml = files[k / kPerFile];
    if (xml.empty()) {
      xml.reserve(std::min(kPerFile, count - k) * (loc_prefix.size() + loc_end.size() + 48));
      xml = urlset_begin;
    }
    xml += loc_prefix;
    AppendHtmlEscaped(&xml, url);
    xml += loc_end;
    ++k;
  });
  if (files[0].empty()) files[0] = urlset_begin;
  for (std::string& xml : files) xml += urlset_end;
  Page sitemap;
  sitemap.path = "sitemap.xml";
  if (files.size() == 1) {
    sitemap.bytes = std::move(files[0]);
  } else {
    std::string index = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    for (std::size_t n = 0; n < files.size(); ++n) {
      Page part;
      part.path = "sitemap-" + std::to_string(n + 1) + ".xml";
      part.bytes = std::move(files[n]);
      index += "  <sitemap><loc>" + HtmlEscape(cfg.base_url + part.path) + "</loc>" + lastmod + "</sitemap>\n";
      pages->push_back(std::move(part));
    }
    sitemap.bytes = index + "</sitemapindex>\n";
  }
  pages->push_back(std::move(sitemap));

  Page robots;
  robots.path = "robots.txt";
  robots.bytes = "User-agent: *\nAllow: /\nSitemap: " + cfg.base_url + "sitemap.xml\n";
  pages->push_back(std::move(robots));
}

}  // namespace minhbach
