// A small site for the [web] tests (search, feeds, open data): two units, a
// database made from the schema in memory or in a file, and a few pages.
#pragma once

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "data/database.h"
#include "site/page.h"
#include "site/site_context.h"

namespace minhbach::webtest {

struct WebFixture {
  SiteConfig config;
  Content content;
  sqlite3* db = nullptr;
  SiteContext ctx;
  std::filesystem::path dir;

  // `with_db`: false gives a site without data (ctx.db == nullptr).
  explicit WebFixture(bool with_db = true) {
    static int counter = 0;
    dir = std::filesystem::temp_directory_path() / ("mb-web-" + std::to_string(::getpid()) + "-" +
                                                    std::to_string(counter++));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    config.root = dir;
    config.title = "Minh bạch & thử";
    config.base_url = "https://vidu.example.vn/mb/";
    config.license = "Dữ liệu mở, ghi rõ nguồn.";
    config.database = dir / "minhbach.sqlite";
    config.units.push_back({"dai-son", "Đại Sơn", "xã", "Hải Phòng", {"kh-nq11-2026"}, 1});
    config.units.push_back({"phu-thai", "Phú Thái", "phường", "Hải Phòng", {"kh-2030"}, 5});
    PlanText a;
    a.unit_id = "dai-son";
    a.slug = "kh-nq11-2026";
    a.title = "Kế hoạch chuyển đổi số xã Đại Sơn";
    a.key = "nq11";
    a.number = "Số: 12/KH-UBND";
    a.issuer = "UBND xã Đại Sơn";
    a.place_date = "Đại Sơn, ngày 12 tháng 3 năm 2026";
    content.plans.push_back(a);
    PlanText b;
    b.unit_id = "phu-thai";
    b.slug = "kh-2030";
    b.title = "Kế hoạch đến năm 2030 <tầm nhìn>";
    b.key = "kh";
    b.place_date = "Phú Thái, tháng 5 năm 2025";
    content.plans.push_back(b);
    ctx.config = &config;
    ctx.content = &content;
    ctx.as_of = Date{2026, 11, 23};
    if (with_db) {
      Exec("");  // opens
      ctx.db = db;
    }
  }
  ~WebFixture() {
    if (db) sqlite3_close(db);
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  WebFixture(const WebFixture&) = delete;
  WebFixture& operator=(const WebFixture&) = delete;

  void Exec(const std::string& sql) {
    if (!db) {
      sqlite3_open(config.database.string().c_str(), &db);
      CreateSchema(db);
      Exec(kData);
    }
    if (!sql.empty()) sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  }

  // Pages of the other engineers' page types, as a build would have them.
  static std::vector<Page> SomePages() {
    std::vector<Page> pages;
    for (const char* p : {"index.html", "dai-son/index.html", "dai-son/ke-hoach/kh-nq11-2026/index.html",
                          "dai-son/chi-tieu/index.html", "dai-son/chi-tieu/nq11-pl2-22/index.html",
                          "dai-son/nhiem-vu/nq11-pl3-ii-4/index.html", "phu-thai/index.html",
                          "phu-thai/ke-hoach/kh-2030/index.html"}) {
      Page page;
      page.path = p;
      page.layout = "page";
      page.data = Value::MakeObject();
      pages.push_back(std::move(page));
    }
    return pages;
  }

  static const Page* Find(const std::vector<Page>& pages, const std::string& path) {
    auto it = std::find_if(pages.begin(), pages.end(), [&](const Page& p) { return p.path == path; });
    return it == pages.end() ? nullptr : &*it;
  }

  static constexpr const char* kData = R"sql(
INSERT INTO unit VALUES ('dai-son', 'Đại Sơn', 'xã', 'Hải Phòng', 0), ('phu-thai', 'Phú Thái', 'phường', 'Hải Phòng', 1);
INSERT INTO plan (id, unit_id, slug, key, title, source_file, position) VALUES
  ('dai-son/kh-nq11-2026', 'dai-son', 'kh-nq11-2026', 'nq11', 'Kế hoạch chuyển đổi số xã Đại Sơn', 'content/dai-son/kh-nq11-2026/index.md', 0),
  ('phu-thai/kh-2030', 'phu-thai', 'kh-2030', 'kh', 'Kế hoạch đến năm 2030', 'content/phu-thai/kh-2030/index.md', 0);
INSERT INTO agency VALUES ('dai-son/van-phong-hdnd-ubnd', 'dai-son', 'van-phong-hdnd-ubnd', 'Văn phòng HĐND và UBND'),
  ('phu-thai/phong-van-hoa-xa-hoi', 'phu-thai', 'phong-van-hoa-xa-hoi', 'Phòng Văn hóa - Xã hội');
INSERT INTO agency_variant VALUES ('phu-thai/phong-van-hoa-xa-hoi', 'Phòng Văn hoá – Xã hội', 'phong van hoa xa hoi');
INSERT INTO indicator (id, unit_id, plan_id, slug, table_key, table_title, code, group_path, name, measure, lead_raw,
  partners_raw, output, source_file, source_line, position) VALUES
  ('dai-son/nq11-pl2-22', 'dai-son', 'dai-son/kh-nq11-2026', 'nq11-pl2-22', 'pl2', 'Phụ lục II', '22', 'Chính quyền số',
   'Tỷ lệ hồ sơ trực tuyến toàn trình', '%', 'Văn phòng HĐND và UBND', '', '', 'c.csv', 2, 0),
  ('dai-son/nq11-pl2-23', 'dai-son', 'dai-son/kh-nq11-2026', 'nq11-pl2-23', 'pl2', 'Phụ lục II', '23', 'Chính quyền số',
   'Số điểm phát sóng, "wifi"', 'điểm', '', '', '', 'c.csv', 3, 1);
INSERT INTO target VALUES ('dai-son/nq11-pl2-22', 2030, 0, '>=', 80, NULL, '≥ 80%', ''),
  ('dai-son/nq11-pl2-22', 2025, 0, '>=', 50, NULL, '≥ 50%', '');
INSERT INTO indicator_agency VALUES ('dai-son/nq11-pl2-22', 'dai-son/van-phong-hdnd-ubnd', 'lead', 0);
INSERT INTO task (id, unit_id, plan_id, slug, table_key, table_title, section, section_title, number, title, lead_raw,
  partners_raw, output, deadline_raw, deadline_kind, due, source_file, source_line, position) VALUES
  ('dai-son/nq11-pl3-ii-4', 'dai-son', 'dai-son/kh-nq11-2026', 'nq11-pl3-ii-4', 'pl3', 'Phụ lục III', 'II', 'Hạ tầng số', '4',
   'Phủ sóng 4G các thôn', 'Văn phòng HĐND và UBND', '', 'Báo cáo', 'Tháng 10/2025', 'date', '2025-10-31', 't.csv', 5, 0),
  ('phu-thai/kh-pl-1', 'phu-thai', 'phu-thai/kh-2030', 'kh-pl-1', 'pl', 'Phụ lục', '', '', '1',
   'Số hóa hồ sơ, tài liệu', 'Phòng Văn hóa - Xã hội', '', '', 'Thường xuyên', 'ongoing', NULL, 't.csv', 2, 0);
INSERT INTO task_agency VALUES ('dai-son/nq11-pl3-ii-4', 'dai-son/van-phong-hdnd-ubnd', 'lead', 0),
  ('phu-thai/kh-pl-1', 'phu-thai/phong-van-hoa-xa-hoi', 'lead', 0);
INSERT INTO cycle VALUES ('dai-son/2026-Q2', 'dai-son', '2026-Q2', 'quarter', '2026-04-01', '2026-06-30', '2026-07-10', 1, 'r1.csv'),
  ('dai-son/2026-Q3', 'dai-son', '2026-Q3', 'quarter', '2026-07-01', '2026-09-30', '2026-10-15', 1, 'r2.csv');
INSERT INTO observation VALUES ('dai-son/nq11-pl2-22', 'dai-son/2026-Q2', 41.5, '', 'VP', 3, 1),
  ('dai-son/nq11-pl2-22', 'dai-son/2026-Q3', 47, 'ghi chú, có dấu phẩy', 'VP', 3, 1);
INSERT INTO task_report VALUES ('dai-son/nq11-pl3-ii-4', 'dai-son/2026-Q3', 'đang thực hiện', 60, '', NULL, '2026-09-30', '', '', 4, 1);
)sql";
};

}  // namespace minhbach::webtest
