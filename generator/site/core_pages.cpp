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

void AddSitemapAndRobots(const SiteContext& ctx, std::vector<Page>* pages) {
  const SiteConfig& cfg = *ctx.config;
  std::vector<std::string> urls;
  for (const Page& p : *pages) {
    if (!p.layout.empty() && p.in_sitemap) urls.push_back(cfg.base_url + UrlPathOf(p.path));
  }
  std::sort(urls.begin(), urls.end());
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (const auto& u : urls) {
    xml += "  <url><loc>" + HtmlEscape(u) + "</loc><lastmod>" + ctx.as_of.ToIso() + "</lastmod></url>\n";
  }
  xml += "</urlset>\n";
  Page sitemap;
  sitemap.path = "sitemap.xml";
  sitemap.bytes = std::move(xml);
  pages->push_back(std::move(sitemap));

  Page robots;
  robots.path = "robots.txt";
  robots.bytes = "User-agent: *\nAllow: /\nSitemap: " + cfg.base_url + "sitemap.xml\n";
  pages->push_back(std::move(robots));
}

}  // namespace minhbach
