#include "site/feeds.h"

#include <catch2/catch.hpp>

#include "site/web_test_fixture.h"

using namespace minhbach;
using minhbach::webtest::WebFixture;

namespace {
bool Has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }
std::size_t Count(const std::string& s, const std::string& part) {
  std::size_t n = 0;
  for (auto i = s.find(part); i != std::string::npos; i = s.find(part, i + 1)) ++n;
  return n;
}
}  // namespace

TEST_CASE("feeds: dates from Vietnamese place-and-date lines", "[web]") {
  CHECK(DateFromVietnamese("Đại Sơn, ngày 12 tháng 3 năm 2026") == Date{2026, 3, 12});
  CHECK(DateFromVietnamese("Đại Sơn, ngày    tháng 3 năm 2026") == Date{2026, 3, 1});
  CHECK(DateFromVietnamese("NĂM 2025") == Date{2025, 1, 1});
  CHECK(DateFromVietnamese("ngày 31 tháng 2 năm 2026") == Date{2026, 2, 1});  // no such day: the month
  CHECK_FALSE(DateFromVietnamese("Đại Sơn, ngày … tháng …").has_value());
  CHECK_FALSE(DateFromVietnamese("").has_value());
}

TEST_CASE("feeds: cycle codes in words", "[web]") {
  CHECK(CycleTitle("2026-Q3") == "Quý 3/2026");
  CHECK(CycleTitle("2026-6T") == "6 tháng đầu năm 2026");
  CHECK(CycleTitle("2026-9T") == "9 tháng năm 2026");
  CHECK(CycleTitle("2026-03") == "Tháng 3/2026");
  CHECK(CycleTitle("2025") == "Năm 2025");
  CHECK(CycleTitle("khác") == "khác");
}

TEST_CASE("feeds: one Atom feed per unit, dated by the data, linked from the unit's pages", "[web]") {
  WebFixture f;
  std::vector<Page> pages = WebFixture::SomePages();
  AddFeeds(f.ctx, &pages);
  const Page* ds = WebFixture::Find(pages, "dai-son/feed.xml");
  REQUIRE(ds);
  const std::string& x = ds->bytes;
  CHECK(Has(x, "<feed xmlns=\"http://www.w3.org/2005/Atom\""));
  CHECK(Has(x, "<id>https://vidu.example.vn/mb/dai-son/</id>"));
  CHECK(Has(x, "<title>Xã Đại Sơn · Minh bạch &amp; thử</title>"));
  // The feed is as new as its newest entry (the 2026-Q3 publication), not the build date.
  CHECK(Has(x, "  <updated>2026-10-15T00:00:00+07:00</updated>\n"));
  CHECK_FALSE(Has(x, "2026-11-23"));
  CHECK(Count(x, "<entry>") == 3);
  CHECK(Has(x, "<id>https://vidu.example.vn/mb/dai-son/bao-cao/2026-q3/</id>"));
  CHECK(Has(x, "<title>Kỳ báo cáo Quý 3/2026</title>"));
  // No report page yet: the entry links the unit's dashboard.
  CHECK(Has(x, "<link rel=\"alternate\" type=\"text/html\" href=\"https://vidu.example.vn/mb/dai-son/\"/>"));
  CHECK(Has(x, "1 số liệu chỉ tiêu, 1 báo cáo tiến độ nhiệm vụ (0 nhiệm vụ hoàn thành). Số liệu minh họa"));
  // The plan is dated by its place-and-date line.
  CHECK(Has(x, "<id>https://vidu.example.vn/mb/dai-son/ke-hoach/kh-nq11-2026/</id>"));
  CHECK(Has(x, "<updated>2026-03-12T00:00:00+07:00</updated>"));
  // Newest first.
  CHECK(x.find("2026-q3") < x.find("2026-q2"));
  CHECK(x.find("2026-q2") < x.find("kh-nq11-2026"));

  const Page* pt = WebFixture::Find(pages, "phu-thai/feed.xml");
  REQUIRE(pt);
  CHECK(Has(pt->bytes, "Kế hoạch đến năm 2030 &lt;tầm nhìn&gt;"));
  CHECK(Has(pt->bytes, "<updated>2025-05-01T00:00:00+07:00</updated>"));

  // Pages of a unit link its feed, relatively; others do not.
  const Value* feed = WebFixture::Find(pages, "dai-son/ke-hoach/kh-nq11-2026/index.html")->data.Get("feed");
  REQUIRE(feed);
  CHECK(feed->GetString("href") == "../../../dai-son/feed.xml");
  CHECK(feed->GetString("title") == "Tin cập nhật của Xã Đại Sơn");
  CHECK(WebFixture::Find(pages, "phu-thai/index.html")->data.Get("feed")->GetString("href") == "../phu-thai/feed.xml");
  CHECK(WebFixture::Find(pages, "index.html")->data.Get("feed") == nullptr);
}

TEST_CASE("feeds: same input, same bytes, without data the plans still make entries", "[web]") {
  WebFixture f(false);
  std::vector<Page> a = WebFixture::SomePages(), b = WebFixture::SomePages();
  AddFeeds(f.ctx, &a);
  AddFeeds(f.ctx, &b);
  CHECK(WebFixture::Find(a, "dai-son/feed.xml")->bytes == WebFixture::Find(b, "dai-son/feed.xml")->bytes);
  CHECK(Count(WebFixture::Find(a, "dai-son/feed.xml")->bytes, "<entry>") == 1);
}
