// Home, unit, plan, static, 404 pages; sitemap.xml and robots.txt.
#include <algorithm>

#include "base/text.h"
#include "site/site.h"

namespace minhbach {

namespace {

std::string UnitPath(const UnitConfig& u) { return u.id + "/index.html"; }
std::string PlanPath(const PlanText& p) { return p.unit_id + "/ke-hoach/" + p.slug + "/index.html"; }

Value PlanSummary(const PlanText& p, const std::string& from_root) {
  Value v = Value::MakeObject();
  v.Set("title", p.title);
  v.Set("number", p.number);
  v.Set("issuer", p.issuer);
  v.Set("place_date", p.place_date);
  v.Set("href", from_root + UrlPathOf(PlanPath(p)));
  return v;
}

std::vector<const PlanText*> PlansOf(const SiteContext& ctx, const UnitConfig& u) {
  std::vector<const PlanText*> out;
  for (const PlanText& p : ctx.content->plans) {
    if (p.unit_id == u.id) out.push_back(&p);
  }
  return out;
}

std::string UnitTitle(const UnitConfig& u) {
  std::string kind = u.kind == "phường" ? "Phường" : "Xã";
  return kind + " " + u.name;
}

}  // namespace

void AddCorePages(const SiteContext& ctx, std::vector<Page>* pages) {
  const SiteConfig& cfg = *ctx.config;

  // Home: the units and their plans.
  {
    Page home;
    home.path = "index.html";
    home.layout = "home";
    home.data = BasePageData(ctx, home.path, cfg.title, {{"Trang chủ", "index.html"}});
    home.data.Set("is_home", true);
    Value units = Value::MakeArray();
    for (const UnitConfig& u : cfg.units) {
      Value uv = Value::MakeObject();
      uv.Set("id", u.id);
      uv.Set("name", u.name);
      uv.Set("title", UnitTitle(u));
      uv.Set("province", u.province);
      uv.Set("href", UrlPathOf(UnitPath(u)));
      Value plans = Value::MakeArray();
      for (const PlanText* p : PlansOf(ctx, u)) plans.Push(PlanSummary(*p, ""));
      uv.Set("plans", std::move(plans));
      units.Push(std::move(uv));
    }
    home.data.Set("units", std::move(units));
    pages->push_back(std::move(home));
  }

  // One page per unit.
  for (const UnitConfig& u : cfg.units) {
    Page page;
    page.path = UnitPath(u);
    page.layout = "unit";
    page.data = BasePageData(ctx, page.path, UnitTitle(u), {{"Trang chủ", "index.html"}, {UnitTitle(u), page.path}});
    Value unit = Value::MakeObject();
    unit.Set("id", u.id);
    unit.Set("name", u.name);
    unit.Set("title", UnitTitle(u));
    unit.Set("kind", u.kind);
    unit.Set("province", u.province);
    page.data.Set("unit", std::move(unit));
    Value plans = Value::MakeArray();
    for (const PlanText* p : PlansOf(ctx, u)) plans.Push(PlanSummary(*p, "../"));
    page.data.Set("plans", std::move(plans));
    pages->push_back(std::move(page));
  }

  // One page per plan: the plan text with its table of contents.
  for (const PlanText& p : ctx.content->plans) {
    const UnitConfig* u = cfg.FindUnit(p.unit_id);
    Page page;
    page.path = PlanPath(p);
    page.layout = "plan";
    page.data = BasePageData(ctx, page.path, p.title,
                             {{"Trang chủ", "index.html"}, {UnitTitle(*u), UnitPath(*u)}, {"Kế hoạch", page.path}});
    Value plan = PlanSummary(p, "");
    plan.Set("signer", p.signer);
    plan.Set("date_vi", p.date.empty() ? std::string() : ParseIsoDate(p.date)->ToVi());
    plan.Set("source", p.source);
    Value basis = Value::MakeArray();
    for (const auto& b : p.basis) basis.Push(b);
    plan.Set("has_basis", basis.size() > 0);
    plan.Set("basis", std::move(basis));
    plan.Set("unit_title", UnitTitle(*u));
    page.data.Set("plan", std::move(plan));
    page.data.Set("print", true);
    page.markdown = p.doc.body;
    pages->push_back(std::move(page));
  }

  // Stand-alone pages from content/trang/.
  for (const StaticPage& sp : ctx.content->pages) {
    Page page;
    page.path = sp.slug + "/index.html";
    page.layout = "page";
    page.data = BasePageData(ctx, page.path, sp.title, {{"Trang chủ", "index.html"}, {sp.title, page.path}});
    page.markdown = sp.doc.body;
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
