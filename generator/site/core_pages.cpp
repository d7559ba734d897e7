// Static pages (content/trang/), 404; sitemap.xml and robots.txt. Home, unit
// and plan pages are data pages (dashboard_pages.cpp).
#include <algorithm>

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
  // A province has hundreds of thousands of URLs: one list, sorted once
  // (no set of them, no per-URL temporaries when writing).
  std::vector<std::string> urls;
  std::size_t count = pages->size();
  for (const UnitSummary& u : units) count += u.html.size();
  urls.reserve(count);
  auto add = [&](const std::string& path) { urls.push_back(cfg.base_url + UrlPathOf(path)); };
  for (const UnitSummary& u : units) {
    for (const std::string& path : u.html) add(path);
  }
  for (const Page& p : *pages) {
    if (!p.layout.empty() && p.in_sitemap) add(p.path);
  }
  std::sort(urls.begin(), urls.end());
  urls.erase(std::unique(urls.begin(), urls.end()), urls.end());
  const std::string lastmod = "<lastmod>" + ctx.as_of.ToIso() + "</lastmod>";
  auto urlset = [&](std::size_t begin, std::size_t end) {
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    xml.reserve(xml.size() + (end - begin) * (urls[begin].size() + lastmod.size() + 32));
    for (std::size_t k = begin; k < end; ++k) {
      xml += "  <url><loc>";
      AppendHtmlEscaped(&xml, urls[k]);
      xml += "</loc>";
      xml += lastmod;
      xml += "</url>\n";
    }
    return xml + "</urlset>\n";
  };
  // The protocol allows 50,000 URLs a file: a province's site gets an index
  // of numbered sitemaps.
  constexpr std::size_t kPerFile = 50000;
  Page sitemap;
  sitemap.path = "sitemap.xml";
  if (urls.size() <= kPerFile) {
    sitemap.bytes = urlset(0, urls.size());
  } else {
    std::string index = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    for (std::size_t begin = 0, n = 1; begin < urls.size(); begin += kPerFile, ++n) {
      Page part;
      part.path = "sitemap-" + std::to_string(n) + ".xml";
      part.bytes = urlset(begin, std::min(urls.size(), begin + kPerFile));
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
