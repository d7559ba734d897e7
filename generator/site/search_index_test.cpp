#include "site/search_index.h"

#include <catch2/catch.hpp>

#include "base/text.h"
#include "site/web_test_fixture.h"

using namespace minhbach;
using minhbach::webtest::WebFixture;

namespace {
bool Has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("search: a shard per unit, a global part, and the page", "[web]") {
  WebFixture f;
  std::vector<Page> pages = WebFixture::SomePages();
  AddSearchPages(f.ctx, &pages);

  const Page* html = WebFixture::Find(pages, "tim-kiem/index.html");
  REQUIRE(html);
  CHECK(html->layout == "search");
  CHECK(html->data.GetString("title") == "Tìm kiếm");
  REQUIRE(html->data.Get("scripts"));
  CHECK(html->data.Get("scripts")->size() == 2);
  // Without JavaScript: links to the units, relative to tim-kiem/.
  REQUIRE(html->data.Get("units")->size() == 2);
  CHECK(html->data.Get("units")->as_array()[0].GetString("href") == "../dai-son/");

  const Page* global = WebFixture::Find(pages, "tim-kiem/index.json");
  REQUIRE(global);
  CHECK(Has(global->bytes, R"("load_all":true)"));
  CHECK(Has(global->bytes, R"("documents":8)"));
  // The unit key is the C++ fold: the page folds queries the same way.
  CHECK(Has(global->bytes, R"("key":")" + FoldVi("Phường Phú Thái Hải Phòng") + "\""));
  CHECK(Has(global->bytes, R"("key":"phuong phu thai hai phong")"));
  CHECK(Has(global->bytes, R"("shard":"dai-son.json")"));

  const Page* ds = WebFixture::Find(pages, "tim-kiem/dai-son.json");
  REQUIRE(ds);
  const std::string& s = ds->bytes;
  // Kinds in display order: plans, indicators, tasks, agencies.
  auto plan = s.find(R"("kind":"plan")"), ind = s.find(R"("kind":"indicator")"), task = s.find(R"("kind":"task")"),
       agency = s.find(R"("kind":"agency")");
  REQUIRE(plan != std::string::npos);
  REQUIRE(agency != std::string::npos);
  CHECK(plan < ind);
  CHECK(ind < task);
  CHECK(task < agency);
  CHECK(Has(s, R"("title":"Tỷ lệ hồ sơ trực tuyến toàn trình")"));
  // Links go to the page when it exists, else the list, else the unit.
  CHECK(Has(s, R"("href":"dai-son/chi-tieu/nq11-pl2-22/")"));
  CHECK(Has(s, R"("href":"dai-son/chi-tieu/")"));           // nq11-pl2-23 has no page of its own
  CHECK(Has(s, R"("href":"dai-son/nhiem-vu/nq11-pl3-ii-4/")"));
  CHECK(Has(s, R"("id":"dai-son/van-phong-hdnd-ubnd","kind":"agency")"));
  CHECK(Has(s, R"("detail":"Chủ trì 1 nhiệm vụ · 1 chỉ tiêu")"));

  const Page* pt = WebFixture::Find(pages, "tim-kiem/phu-thai.json");
  REQUIRE(pt);
  // Other spellings of an agency are searched; task of a unit without
  // task pages links to its plan.
  CHECK(Has(pt->bytes, "Phòng Văn hoá – Xã hội"));
  CHECK(Has(pt->bytes, R"("href":"phu-thai/ke-hoach/kh-2030/")"));
  // JSON keeps "</" out of reach of an HTML parser; markup stays text.
  CHECK(Has(pt->bytes, "Kế hoạch đến năm 2030 <tầm nhìn>"));
}

TEST_CASE("search: without a database, plans only, output is deterministic", "[web]") {
  WebFixture f(false);
  std::vector<Page> a = WebFixture::SomePages(), b = WebFixture::SomePages();
  AddSearchPages(f.ctx, &a);
  AddSearchPages(f.ctx, &b);
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].path == b[i].path);
    CHECK(a[i].bytes == b[i].bytes);
  }
  const Page* ds = WebFixture::Find(a, "tim-kiem/dai-son.json");
  REQUIRE(ds);
  CHECK(Has(ds->bytes, R"("kind":"plan")"));
  CHECK_FALSE(Has(ds->bytes, R"("kind":"indicator")"));
}

TEST_CASE("search: a big site loads shards lazily", "[web]") {
  WebFixture f;
  // Enough indicators to pass the load-all threshold.
  std::string sql = "BEGIN;";
  for (int i = 0; i < 6000; ++i) {
    sql += "INSERT INTO indicator (id, unit_id, plan_id, slug, table_key, table_title, code, group_path, name, measure, "
           "lead_raw, partners_raw, output, source_file, source_line, position) VALUES ('dai-son/x-" +
           std::to_string(i) + "', 'dai-son', 'dai-son/kh-nq11-2026', 'x-" + std::to_string(i) +
           "', 'ct', 'Chỉ tiêu', '" + std::to_string(i) +
           "', 'Nhóm chỉ tiêu về chuyển đổi số và đổi mới sáng tạo', 'Tỷ lệ người dân sử dụng dịch vụ công trực "
           "tuyến toàn trình', '%', 'Văn phòng HĐND và UBND', 'Các ban, ngành', 'Báo cáo', 'c.csv', 1, " +
           std::to_string(10 + i) + ");";
  }
  sql += "COMMIT;";
  f.Exec(sql);
  std::vector<Page> pages = WebFixture::SomePages();
  AddSearchPages(f.ctx, &pages);
  const Page* global = WebFixture::Find(pages, "tim-kiem/index.json");
  REQUIRE(global);
  CHECK(Has(global->bytes, R"("load_all":false)"));
  CHECK(WebFixture::Find(pages, "tim-kiem/index.html")->data.Get("load_all")->as_bool() == false);
}
