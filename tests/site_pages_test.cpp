// The data pages on the fixture site (tests/fixtures/site-data): every page
// type for every unit, the same overdue figure wherever a task is listed,
// indicators with their targets as written and their chart, escaping, the
// illustrative notice, page weight and a crawl of every link.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>

#include "site/site.h"
#include "tests/site_crawl.h"
#include "tests/site_fixture.h"
#include "tests/test_util.h"

using namespace minhbach;
using namespace minhbach::testing;
namespace fs = std::filesystem;

namespace {

bool Has(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The <tr>…</tr> of `html` that links to `href_end` (an href ending so), or "".
std::string RowLinking(const std::string& html, const std::string& href_end) {
  std::size_t at = html.find(href_end + "\"");
  while (at != std::string::npos) {
    std::size_t start = html.rfind("<tr>", at);
    std::size_t end = html.find("</tr>", at);
    std::size_t prev_end = html.rfind("</tr>", at);
    if (start != std::string::npos && end != std::string::npos &&
        (prev_end == std::string::npos || prev_end < start)) {
      return html.substr(start, end - start);
    }
    at = html.find(href_end + "\"", at + 1);
  }
  return "";
}

int Count(const std::string& s, const std::string& needle) {
  int n = 0;
  for (std::size_t p = s.find(needle); p != std::string::npos; p = s.find(needle, p + 1)) ++n;
  return n;
}

struct Built {
  std::unique_ptr<SiteFixture> fixture;
  fs::path out;
  std::string Page(const std::string& path) const { return ReadAll(out / path); }
};

const Built& FixtureSite() {
  static Built built = [] {
    Built b;
    b.fixture = LoadSiteFixture();
    b.out = BuildFixtureSite(*b.fixture, "full");
    return b;
  }();
  return built;
}

}  // namespace

TEST_CASE("site pages: every page type exists for every unit", "[site]") {
  const Built& s = FixtureSite();
  const char* const kUnitPages[][2] = {
      {"xa-thu", "kh-a"},
      {"an-hoa", "kh-c"},
  };
  CHECK(fs::exists(s.out / "index.html"));
  for (const auto& [unit, plan] : kUnitPages) {
    std::string u = unit;
    for (std::string path : {u + "/index.html", u + "/chi-tieu/index.html", u + "/nhiem-vu/index.html",
                             u + "/qua-han/index.html", u + "/ke-hoach/" + plan + "/index.html"}) {
      INFO(path);
      CHECK(fs::exists(s.out / path));
    }
  }
  for (const char* path : {
           "xa-thu/chi-tieu/a-pl2-22/index.html", "xa-thu/chi-tieu/a-pl2-22/a-pl2-22.csv",
           "xa-thu/chi-tieu/a-pl2-22/a-pl2-22.json", "xa-thu/chi-tieu/b-ct-1/index.html",
           "an-hoa/chi-tieu/c-pl-1/index.html", "an-hoa/chi-tieu/c-pl-1/c-pl-1.csv",
           "xa-thu/nhiem-vu/a-pl3-i-2/index.html", "an-hoa/nhiem-vu/c-pl-1/index.html",
           "xa-thu/co-quan/phong-van-hoa-xa-hoi/index.html", "xa-thu/co-quan/cac-don-vi-lien-quan/index.html",
           "an-hoa/co-quan/van-phong-ubnd/index.html", "xa-thu/bao-cao/2025/index.html",
           "xa-thu/bao-cao/2026-q3/index.html", "an-hoa/bao-cao/2026-03/index.html",
           "xa-thu/ke-hoach/kh-b/index.html"}) {
    INFO(path);
    CHECK(fs::exists(s.out / path));
  }
  // One page per indicator and per task of the database, no more.
  std::set<std::string> indicator_pages, task_pages;
  for (const auto& e : fs::recursive_directory_iterator(s.out)) {
    std::string rel = fs::relative(e.path(), s.out).generic_string();
    static const std::regex kIndicator("^[a-z-]+/chi-tieu/[a-z0-9-]+/index\\.html$");
    static const std::regex kTask("^[a-z-]+/nhiem-vu/[a-z0-9-]+/index\\.html$");
    if (std::regex_match(rel, kIndicator)) indicator_pages.insert(rel);
    if (std::regex_match(rel, kTask)) task_pages.insert(rel);
  }
  CHECK(indicator_pages.size() == 5);
  CHECK(task_pages.size() == 9);
}

TEST_CASE("site pages: an overdue task shows the same days overdue on the list, its agency and the dashboard",
          "[site]") {
  const Built& s = FixtureSite();
  const std::string task = "nhiem-vu/a-pl3-i-2/";
  for (const char* path : {"xa-thu/qua-han/index.html", "xa-thu/co-quan/phong-van-hoa-xa-hoi/index.html",
                           "xa-thu/index.html"}) {
    INFO(path);
    std::string row = RowLinking(s.Page(path), task);
    REQUIRE_FALSE(row.empty());
    CHECK(Has(row, "146 ngày quá hạn"));
    CHECK(Has(row, "Quá hạn</span>"));
    CHECK(Has(row, "Tháng 6/2026"));
  }
  std::string page = s.Page("xa-thu/nhiem-vu/a-pl3-i-2/index.html");
  CHECK(Has(page, "146 ngày quá hạn</strong> tính đến ngày 23/11/2026"));
  CHECK(Has(page, "Mới đạt 40% khi đã hết thời gian."));

  // A task with two leads is listed under both on the overdue list; a task
  // without a lead agency still appears, in its own group.
  std::string overdue = s.Page("xa-thu/qua-han/index.html");
  CHECK(Count(overdue, "href=\"../nhiem-vu/a-pl3-ii-1/\"") == 2);
  CHECK(Has(overdue, "Chưa xác định cơ quan chủ trì"));
  CHECK(Has(RowLinking(overdue, "nhiem-vu/a-pl3-ii-5/"), "237 ngày quá hạn"));
  // Only red warnings: the task that is merely due soon is not on the list.
  CHECK_FALSE(Has(overdue, "a-pl3-ii-2/"));
  // Most days first on the dashboard.
  std::string dash = s.Page("xa-thu/index.html");
  CHECK(dash.find("a-pl3-ii-1/") < dash.find("a-pl3-ii-5/"));
  CHECK(dash.find("a-pl3-ii-5/") < dash.find("a-pl3-i-2/"));
}

TEST_CASE("site pages: an indicator page has its chart, its numbers, targets as written and trajectory", "[site]") {
  const Built& s = FixtureSite();
  std::string page = s.Page("xa-thu/chi-tieu/a-pl2-22/index.html");
  CHECK(Has(page, "<h1>Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến</h1>"));
  CHECK(Has(page, "<figure class=\"chart\"><svg"));
  CHECK(Has(page, "aria-label=\"Biểu đồ chỉ tiêu 22\""));
  // Targets exactly as the plan wrote them, by milestone.
  CHECK(Has(page, "<th scope=\"row\">Năm 2025</th><td>≥ 70%</td><td>Chưa đạt</td>"));
  CHECK(Has(page, "<th scope=\"row\">Năm 2030</th><td>$\\geq 85\\%$</td>"));
  // Observations with their cycles, Vietnamese numbers and dates.
  CHECK(Has(page, "<td class=\"num\">71,5%</td><td>10/10/2026</td>"));
  CHECK(Has(page, "<td class=\"num\">62%</td><td>15/01/2026</td>"));
  CHECK(Has(page, "href=\"../../bao-cao/2026-q3/\">Quý III/2026</a>"));
  // Trajectory row in words and numbers.
  CHECK(Has(page, "+3,2 điểm %/năm"));
  CHECK(Has(page, "+12,6 điểm %/năm"));
  CHECK(Has(page, "<td>3,94</td>"));
  CHECK(Has(page, "<span class=\"glyph\" aria-hidden=\"true\">↗</span> Đúng tiến độ</span>"));
  // Agencies linked; plan and appendix linked; downloads.
  CHECK(Has(page, "href=\"../../co-quan/phong-van-hoa-xa-hoi/\">Phòng Văn hóa - Xã hội</a>"));
  CHECK(Has(page, "href=\"../../co-quan/cong-an/\">Công an xã</a>"));
  CHECK(Has(page, "href=\"../../ke-hoach/kh-a/#bang-pl2\""));
  CHECK(Has(page, "href=\"a-pl2-22.csv\""));
  CHECK(Has(page, "href=\"a-pl2-22.json\""));
  // The 2025 figure is illustrative: the notice is on the page.
  CHECK(Has(page, "notice-sample"));

  std::string csv = s.Page("xa-thu/chi-tieu/a-pl2-22/a-pl2-22.csv");
  CHECK(csv.rfind("ma_chi_tieu,ten_chi_tieu,don_vi_do,loai,", 0) == 0);
  CHECK(Has(csv, "xa-thu/a-pl2-22,Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến,%,so_lieu,2026-Q3,2026-10-10,,71.5,"));
  CHECK(Has(csv, ",muc_tieu,2030,,>=,85,,$\\geq 85\\%$,0,,"));
  std::string json = s.Page("xa-thu/chi-tieu/a-pl2-22/a-pl2-22.json");
  CHECK(Has(json, "\"value\": 71.5"));
  CHECK(Has(json, "\"status\": \"on_track\""));
  CHECK(Has(json, "\"url\": \"https://vidu.example.vn/minhbach/xa-thu/chi-tieu/a-pl2-22/\""));

  // A regressing indicator says so in words, with its glyph; HTML in data is text.
  std::string regress = s.Page("xa-thu/chi-tieu/a-pl2-27/index.html");
  CHECK(Has(regress, "↓</span> Đi lùi</span>"));
  CHECK(Has(regress, "Tỷ lệ người dân có &lt;b&gt;chữ ký số&lt;/b&gt;"));
  CHECK_FALSE(Has(regress, "<b>chữ ký số</b>"));
}

TEST_CASE("site pages: indicator and task lists follow the plan's groups and sections", "[site]") {
  const Built& s = FixtureSite();
  std::string list = s.Page("xa-thu/chi-tieu/index.html");
  CHECK(Has(list, "<caption>III Phát triển chuyển đổi số</caption>"));
  CHECK(Has(list, "<caption>I Khoa học công nghệ</caption>"));
  CHECK(list.find("Phụ lục I:") < list.find("Phụ lục II:"));
  std::string row = RowLinking(list, "a-pl2-22/");
  CHECK(Has(row, "71,5%"));
  CHECK(Has(row, "$\\geq 85\\%$ <span class=\"muted small\">(năm 2030)</span>"));
  CHECK(Has(row, "Đúng tiến độ"));
  CHECK(Has(RowLinking(list, "b-ct-1/"), "6 doanh nghiệp"));
  // A qualitative target's report reads as words (1 = đạt).
  CHECK(Has(RowLinking(list, "a-pl1-1-1/"), "<span class=\"val\">Đạt</span>"));

  std::string tasks = s.Page("xa-thu/nhiem-vu/index.html");
  CHECK(Has(tasks, "<caption>I. Nâng cao nhận thức</caption>"));
  CHECK(Has(tasks, "<caption>II. Hoàn thiện thể chế</caption>"));
  std::string t = RowLinking(tasks, "a-pl3-ii-1/");
  CHECK(Has(t, "Chờ hoàn thiện"));
  CHECK(Has(t, "90%"));
  CHECK(Has(t, "Minh chứng không đạt"));
  CHECK(Has(RowLinking(tasks, "a-pl3-ii-4/"), "Chờ điều kiện"));
  CHECK(Has(RowLinking(tasks, "a-pl3-ii-2/"), "Sắp đến hạn"));
}

TEST_CASE("site pages: a task page has its deadline read, history, evidence and review", "[site]") {
  const Built& s = FixtureSite();
  std::string page = s.Page("xa-thu/nhiem-vu/a-pl3-ii-1/index.html");
  CHECK(Has(page, "<dt>Theo văn bản</dt><dd>Tháng 12/2025</dd>"));
  CHECK(Has(page, "Một thời hạn cụ thể; hạn 31/12/2025"));
  // Only http(s) evidence becomes a link; a javascript: URL stays text.
  CHECK(Has(page, "<a href=\"https://vidu.example.vn/minh-chung/1.pdf\""));
  CHECK_FALSE(Has(page, "href=\"javascript:"));
  CHECK(Has(page, "javascript:alert(1)"));
  CHECK(Has(page, "Đánh giá: <strong>Không đạt</strong>"));
  CHECK(Has(page, "Minh chứng kỳ Năm 2025 không đạt."));
  // History newest first, each cycle linked.
  CHECK(page.find("Quý III/2026</a>") < page.find("Năm 2025</a>"));
  // Two leads, linked.
  CHECK(Has(page, "href=\"../../co-quan/cong-an/\">Công an xã</a>; <a href=\"../../co-quan/phong-van-hoa-xa-hoi/\""));

  std::string ms = s.Page("xa-thu/nhiem-vu/a-pl3-ii-3/index.html");
  CHECK(Has(ms, "2025–2030 (5G), 2035 (6G)"));
  CHECK(Has(ms, "<th scope=\"row\">5G</th><td>01/01/2025</td><td>31/12/2030</td>"));
  CHECK(Has(ms, "<th scope=\"row\">6G</th><td>—</td><td>31/12/2035</td>"));
  std::string cond = s.Page("xa-thu/nhiem-vu/a-pl3-ii-4/index.html");
  CHECK(Has(cond, "Khi có điều kiện"));
  CHECK(Has(cond, "Chờ thành phố ban hành bộ quy tắc."));
}

TEST_CASE("site pages: a report cycle page says what changed since the previous cycle", "[site]") {
  const Built& s = FixtureSite();
  std::string q3 = s.Page("xa-thu/bao-cao/2026-q3/index.html");
  CHECK(Has(q3, "<h1>Báo cáo Quý III/2026 của Xã Thử Nghiệm</h1>"));
  CHECK(Has(q3, "href=\"../2025/\">Năm 2025</a>"));
  std::string v = RowLinking(q3, "chi-tieu/a-pl2-22/");
  CHECK(Has(v, "71,5%"));
  CHECK(Has(v, "+9,5 điểm %"));
  CHECK(Has(RowLinking(q3, "chi-tieu/b-ct-1/"), "Số liệu đầu tiên"));
  // Completed in the quarter; fell due in the quarter without completion.
  CHECK(Has(q3, "href=\"../../nhiem-vu/a-pl3-ii-3/\">Phát triển hạ tầng viễn thông 5G, 6G</a>"));
  std::string due = RowLinking(q3, "nhiem-vu/a-pl3-i-2/");
  CHECK(Has(due, "30/06/2026"));
  CHECK(Has(due, "92 ngày"));
  CHECK(Has(RowLinking(q3, "nhiem-vu/a-pl3-ii-5/"), "183 ngày"));
  CHECK_FALSE(Has(q3, "notice-sample"));  // Q3 figures are reported ones
  CHECK(Has(s.Page("xa-thu/bao-cao/2025/index.html"), "notice-sample"));
}

TEST_CASE("site pages: home and dashboard headlines", "[site]") {
  const Built& s = FixtureSite();
  std::string home = s.Page("index.html");
  CHECK(Has(home, "href=\"xa-thu/\">Xã Thử Nghiệm</a>"));
  CHECK(Has(home, "href=\"an-hoa/\">Phường An Hòa</a>"));
  CHECK(Has(home, "href=\"xa-thu/qua-han/\"><strong>3</strong> quá hạn</a>"));
  CHECK(Has(home, "href=\"xa-thu/bao-cao/2026-q3/\">Quý III/2026</a>, công bố ngày <time datetime=\"2026-10-10\">10/10/2026</time>"));
  CHECK(Has(home, "Đi lùi</span> <strong class=\"count\">1</strong>"));

  std::string dash = s.Page("xa-thu/index.html");
  CHECK(Count(dash, "<h1>") == 1);
  CHECK(Has(dash, "aria-label=\"Biểu đồ chỉ tiêu xã Thử Nghiệm\""));
  CHECK(Has(dash, "<h3>Mốc tiếp theo: năm 2026</h3>"));
  CHECK(Has(dash, "href=\"co-quan/phong-van-hoa-xa-hoi/\">Phòng Văn hóa - Xã hội</a>"));
  CHECK(Has(dash, "Số liệu tính đến ngày <time datetime=\"2026-11-23\">23/11/2026</time>"));
  // Footer: the plans the figures come from.
  CHECK(Has(dash, "<li><a href=\"ke-hoach/kh-a/\">Kế hoạch thực hiện Nghị quyết 57-NQ/TW"));

  // The plan page links its appendix rows: in the text's tables where the
  // row is found, in a list under the text otherwise.
  std::string plan = s.Page("xa-thu/ke-hoach/kh-a/index.html");
  CHECK(Has(plan, "<td><a href=\"../../chi-tieu/a-pl2-22/\">Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến.</a></td>"));
  CHECK(Has(plan, "<td><a href=\"../../nhiem-vu/a-pl3-ii-1/\">Triển khai các nền tảng số dùng chung</a></td>"));
  CHECK(Has(plan, "<td><a href=\"../../nhiem-vu/a-pl3-i-1/\">"));
  // Section II's "1" is not section I's "1".
  CHECK(Count(plan, "href=\"../../nhiem-vu/a-pl3-i-1/\"") == 1);
  CHECK(Has(plan, "<h3 id=\"bang-pl3\">Phụ lục III: Danh mục các nhiệm vụ triển khai</h3>"));
  CHECK(Has(plan, "<span class=\"code\">II.5</span> <a href=\"../../nhiem-vu/a-pl3-ii-5/\">"));
  CHECK(Has(plan, "<span class=\"code\">1.1</span> <a href=\"../../chi-tieu/a-pl1-1-1/\">"));
  CHECK_FALSE(Has(plan, "<span class=\"code\">22</span>"));
  // The text itself is unchanged around the links.
  CHECK(Has(plan, "<td>$\\geq 85%$</td>"));
}

TEST_CASE("site pages: agency page lists work as lead and as partner, printable", "[site]") {
  const Built& s = FixtureSite();
  std::string page = s.Page("xa-thu/co-quan/cong-an/index.html");
  CHECK(Has(page, "<h1>Công an xã</h1>"));
  CHECK(Has(page, "<dt>Nhiệm vụ chủ trì</dt><dd>1</dd>"));
  CHECK(Has(page, "<dt>Nhiệm vụ phối hợp</dt><dd>1</dd>"));
  CHECK(Has(page, "<dt>Chỉ tiêu phối hợp</dt><dd>1</dd>"));
  CHECK(Has(RowLinking(page, "nhiem-vu/a-pl3-ii-1/"), "327 ngày quá hạn"));
  std::string vh = s.Page("xa-thu/co-quan/phong-van-hoa-xa-hoi/index.html");
  CHECK(Has(vh, "aria-label=\"Biểu đồ nhiệm vụ"));
  // Other spellings of the agency in the plans are named, the canonical one is not repeated.
  CHECK(Has(vh, "Trong văn bản còn được viết là: <q>Phòng Văn hoá - Xã hội</q>"));
  CHECK_FALSE(Has(vh, "<q>Phòng Văn hóa - Xã hội</q>"));
}

TEST_CASE("site pages: markup rules: one h1, captions, th scope, words with statuses, no page over 100 KB",
          "[site]") {
  const Built& s = FixtureSite();
  for (const auto& e : fs::recursive_directory_iterator(s.out)) {
    if (e.path().extension() != ".html") continue;
    std::string rel = fs::relative(e.path(), s.out).generic_string();
    std::string html = ReadAll(e.path());
    INFO(rel);
    CHECK(Count(html, "<h1") == 1);
    // The data pages' tables (the plan text's tables are the plan's, as written).
    if (rel.find("/ke-hoach/") == std::string::npos) {
      CHECK(Count(html, "<table") == Count(html, "<caption"));
      CHECK(Count(html, "<th>") == 0);  // every header cell says its scope
    }
    // A badge always carries a word after its glyph.
    static const std::regex kEmptyBadge("aria-hidden=\"true\">[^<]*</span>\\s*</span>");
    CHECK_FALSE(std::regex_search(html, kEmptyBadge));
    CHECK(Has(html, "<html lang=\"vi\">"));
  }
  CHECK(PagesOver(s.out, 100 * 1024).empty());
}

TEST_CASE("site pages: every internal link of the fixture site resolves", "[site]") {
  const Built& s = FixtureSite();
  CrawlResult crawl = CrawlSite(s.out, CrawlOptions{"/minhbach/"});
  CHECK(crawl.pages > 30);
  CHECK(crawl.links > 500);
  for (const std::string& b : crawl.broken) FAIL_CHECK(b);
}

TEST_CASE("site crawl: reports missing files, missing anchors and script links", "[site]") {
  fs::path root = fs::temp_directory_path() / ("mb-crawl-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "a");
  std::ofstream(root / "index.html") << "<a href=\"a/\">ok</a> <a href=\"b/\">missing</a> <a href=\"a/#x\">anchor</a>"
                                        " <a href=\"a/#nope\">bad anchor</a> <a href=\"javascript:alert(1)\">js</a>"
                                        " <img src=\"../outside.png\"> <a href=\"https://example.vn/\">ext</a>";
  std::ofstream(root / "a/index.html") << "<h2 id=\"x\">X</h2><a href=\"../\">up</a>";
  CrawlResult r = CrawlSite(root);
  CHECK(r.pages == 2);
  REQUIRE(r.broken.size() == 4);
  CHECK(Has(r.broken[0], "href=\"b/\" (no such file: b/index.html)"));
  CHECK(Has(r.broken[1], "no id \"nope\""));
  CHECK(Has(r.broken[2], "scheme javascript is not allowed"));
  CHECK(Has(r.broken[3], "leaves the site"));
  fs::remove_all(root);
}

TEST_CASE("site pages: without plug-in results the pages say the analysis has not run", "[site]") {
  auto f = LoadSiteFixture({.database = true, .plugins = false});
  fs::path out = BuildFixtureSite(*f, "noplugins");
  std::string overdue = ReadAll(out / "xa-thu/qua-han/index.html");
  CHECK(Has(overdue, "Chưa có kết quả phân tích thời hạn"));
  CHECK_FALSE(Has(overdue, "Không có nhiệm vụ nào quá hạn"));
  std::string ind = ReadAll(out / "xa-thu/chi-tieu/a-pl2-22/index.html");
  CHECK(Has(ind, "Chưa có kết quả đánh giá tiến độ."));
  CHECK(Has(ind, "71,5%"));
  CHECK_FALSE(Has(ind, "<figure class=\"chart\">"));
  CHECK(CrawlSite(out, CrawlOptions{"/minhbach/"}).broken.empty());
  fs::remove_all(out);
}

TEST_CASE("site pages: a site without a database still has its home, units and plans", "[site]") {
  auto f = LoadSiteFixture({.database = false, .plugins = false});
  fs::path out = BuildFixtureSite(*f, "nodb");
  for (const char* path : {"index.html", "xa-thu/index.html", "xa-thu/ke-hoach/kh-a/index.html",
                           "an-hoa/ke-hoach/kh-c/index.html", "xa-thu/chi-tieu/index.html", "xa-thu/qua-han/index.html"}) {
    INFO(path);
    CHECK(fs::exists(out / path));
  }
  CHECK_FALSE(fs::exists(out / "xa-thu/co-quan"));
  CHECK(CrawlSite(out, CrawlOptions{"/minhbach/"}).broken.empty());
  fs::remove_all(out);
}

TEST_CASE("site pages: the same input gives the same pages", "[site]") {
  auto f = LoadSiteFixture();
  auto a = BuildPages(f->ctx);
  auto b = BuildPages(f->ctx);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  REQUIRE(a->size() == b->size());
  for (std::size_t i = 0; i < a->size(); ++i) {
    INFO((*a)[i].path);
    CHECK((*a)[i].path == (*b)[i].path);
    CHECK((*a)[i].data.ToJson() == (*b)[i].data.ToJson());
    CHECK((*a)[i].bytes == (*b)[i].bytes);
  }
}
