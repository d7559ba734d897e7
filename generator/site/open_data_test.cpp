#include "site/open_data.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "site/web_test_fixture.h"

using namespace minhbach;
using minhbach::webtest::WebFixture;

namespace {
bool Has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("open data: CSV fields are quoted only when needed", "[web]") {
  CHECK(CsvField("Đại Sơn") == "Đại Sơn");
  CHECK(CsvField("a, b") == "\"a, b\"");
  CHECK(CsvField("số \"wifi\"") == "\"số \"\"wifi\"\"\"");
  CHECK(CsvField("hai\ndòng") == "\"hai\ndòng\"");
  CHECK(CsvField("") == "");
  // Past the first 16 bytes (fields are scanned 16 at a time) and at the end.
  const std::string long_text = "Tỷ lệ hồ sơ trực tuyến toàn trình";
  CHECK(CsvField(long_text) == long_text);
  CHECK(CsvField(long_text + ", năm 2030") == "\"" + long_text + ", năm 2030\"");
  CHECK(CsvField(long_text + "\r") == "\"" + long_text + "\r\"");
  CHECK(CsvField(long_text + "\"") == "\"" + long_text + "\"\"\"");
}

TEST_CASE("open data: the compiled-in schemas are docs/schemas byte for byte", "[web]") {
  namespace fs = std::filesystem;
  std::set<std::string> on_disk;
  for (const auto& e : fs::directory_iterator(fs::path(MB_SOURCE_DIR) / "docs/schemas")) {
    if (e.path().extension() == ".json") on_disk.insert(e.path().filename().string());
  }
  std::set<std::string> compiled;
  for (const JsonSchemaFile& s : JsonSchemas()) {
    compiled.insert(std::string(s.name));
    std::ifstream in(fs::path(MB_SOURCE_DIR) / "docs/schemas" / std::string(s.name), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    INFO(s.name << ": run node tests/browser/embed-schemas.mjs");
    CHECK(text.str() == s.text);
    CHECK(Has(std::string(s.text), "\"$schema\": \"https://json-schema.org/draft/2020-12/schema\""));
  }
  CHECK(compiled == on_disk);
}

TEST_CASE("open data: JSON, CSV per unit and indicator, schemas, database, catalogue, page", "[web]") {
  WebFixture f;
  std::vector<Page> pages = WebFixture::SomePages();
  // What the pipeline and plug-ins already wrote is kept and listed, not rewritten.
  Page units;
  units.path = "api/v1/units.json";
  units.bytes = "[\"from the pipeline\"]\n";
  pages.push_back(units);
  Page trajectory;
  trajectory.path = "api/v1/trajectory.json";
  trajectory.bytes = "[]\n";
  pages.push_back(trajectory);
  Page feed;
  feed.path = "dai-son/feed.xml";
  pages.push_back(feed);
  AddOpenData(f.ctx, &pages);

  std::set<std::string> paths;
  for (const Page& p : pages) {
    INFO(p.path);
    CHECK(paths.insert(p.path).second);  // no path twice
  }
  CHECK(WebFixture::Find(pages, "api/v1/units.json")->bytes == "[\"from the pipeline\"]\n");
  for (const char* p : {"api/v1/indicators.json", "api/v1/tasks.json", "api/v1/cycles.json", "api/v1/index.json",
                        "api/v1/schema/indicators.json", "api/v1/schema/search-shard.json",
                        "api/v1/dai-son/chi-tieu.csv", "api/v1/dai-son/nhiem-vu.csv", "api/v1/dai-son/so-lieu.csv",
                        "api/v1/phu-thai/chi-tieu.csv", "api/v1/dai-son/chi-tieu/nq11-pl2-22.csv",
                        "api/v1/dai-son/chi-tieu/nq11-pl2-23.csv", "du-lieu/minhbach.sqlite", "du-lieu/index.html"}) {
    INFO(p);
    CHECK(paths.count(p));
  }

  const std::string& ind = WebFixture::Find(pages, "api/v1/dai-son/chi-tieu.csv")->bytes;
  CHECK(ind.rfind("id,plan,table,code,group,name,measure,direction,lead,partners,output,targets,latest_value,"
                  "latest_cycle,latest_illustrative\r\n", 0) == 0);
  CHECK(Has(ind, "dai-son/nq11-pl2-22,dai-son/kh-nq11-2026,pl2,22,Chính quyền số,Tỷ lệ hồ sơ trực tuyến toàn trình,"
                 "%,increase,Văn phòng HĐND và UBND,,,2025: ≥ 50%; 2030: ≥ 80%,47,2026-Q3,true\r\n"));
  CHECK(Has(ind, "\"Số điểm phát sóng, \"\"wifi\"\"\""));
  const std::string& one = WebFixture::Find(pages, "api/v1/dai-son/chi-tieu/nq11-pl2-22.csv")->bytes;
  CHECK(one == "indicator,cycle,period_start,period_end,published,value,note,source,illustrative\r\n"
               "dai-son/nq11-pl2-22,2026-Q2,2026-04-01,2026-06-30,2026-07-10,41.5,,VP,true\r\n"
               "dai-son/nq11-pl2-22,2026-Q3,2026-07-01,2026-09-30,2026-10-15,47,\"ghi chú, có dấu phẩy\",VP,true\r\n");
  const std::string& tasks = WebFixture::Find(pages, "api/v1/dai-son/nhiem-vu.csv")->bytes;
  CHECK(Has(tasks, "dai-son/nq11-pl3-ii-4,dai-son/kh-nq11-2026,II,Hạ tầng số,4,Phủ sóng 4G các thôn,"
                   "Văn phòng HĐND và UBND,,Báo cáo,Tháng 10/2025,date,,2025-10-31,đang thực hiện,60,,,2026-09-30,"
                   "2026-Q3,true\r\n"));

  // The database is the file the build made, copied file to file (never
  // read into memory: it is the biggest file of a site).
  const Page* db_page = WebFixture::Find(pages, "du-lieu/minhbach.sqlite");
  REQUIRE(db_page);
  CHECK(db_page->copy_from == f.config.database);
  CHECK(db_page->bytes.empty());

  const std::string& cat = WebFixture::Find(pages, "api/v1/index.json")->bytes;
  CHECK(Has(cat, "\"updated\": \"2026-10-15\""));
  CHECK(Has(cat, "\"license\": \"Dữ liệu mở, ghi rõ nguồn.\""));
  CHECK(Has(cat, "\"path\": \"api/v1/trajectory.json\""));
  CHECK(Has(cat, "\"schema\": \"api/v1/schema/trajectory.json\""));
  CHECK(Has(cat, "\"feed\": \"dai-son/feed.xml\""));
  CHECK(Has(cat, "\"feed\": null"));  // phu-thai has no feed page here
  CHECK(cat.find("api/v1/units.json") < cat.find("api/v1/trajectory.json"));

  const Value& data = WebFixture::Find(pages, "du-lieu/index.html")->data;
  CHECK(data.GetString("updated_vi") == "15/10/2026");
  CHECK(data.GetString("license") == "Dữ liệu mở, ghi rõ nguồn.");
  REQUIRE(data.Get("database"));
  CHECK(data.Get("database")->GetString("href") == "minhbach.sqlite");
  CHECK(data.Get("datasets")->as_array()[0].GetString("href") == "../api/v1/units.json");
  CHECK(data.Get("units")->as_array()[0].GetString("indicators_href") == "../api/v1/dai-son/chi-tieu.csv");
}

TEST_CASE("open data: a site without data still has the page and the schemas", "[web]") {
  WebFixture f(false);
  std::vector<Page> pages = WebFixture::SomePages();
  AddOpenData(f.ctx, &pages);
  CHECK(WebFixture::Find(pages, "du-lieu/index.html"));
  CHECK(WebFixture::Find(pages, "api/v1/schema/tasks.json"));
  CHECK_FALSE(WebFixture::Find(pages, "du-lieu/minhbach.sqlite"));
  CHECK_FALSE(WebFixture::Find(pages, "api/v1/dai-son/chi-tieu.csv"));
  const std::string& cat = WebFixture::Find(pages, "api/v1/index.json")->bytes;
  CHECK(Has(cat, "\"database\": null"));
  CHECK(Has(cat, "\"updated\": null"));
}

TEST_CASE("open data: an indicator's CSV beside its page is linked, not written twice", "[web]") {
  WebFixture f;
  std::vector<Page> pages = WebFixture::SomePages();
  Page own;
  own.path = "dai-son/chi-tieu/nq11-pl2-22/nq11-pl2-22.csv";
  own.bytes = "a\n";
  pages.push_back(own);
  AddOpenData(f.ctx, &pages);
  CHECK_FALSE(WebFixture::Find(pages, "api/v1/dai-son/chi-tieu/nq11-pl2-22.csv"));
  CHECK(WebFixture::Find(pages, "api/v1/dai-son/chi-tieu/nq11-pl2-23.csv"));
  CHECK(Has(WebFixture::Find(pages, "api/v1/index.json")->bytes,
            "\"indicator_csv\": \"<unit>/chi-tieu/<indicator slug>/<indicator slug>.csv\""));
  const Value& data = WebFixture::Find(pages, "du-lieu/index.html")->data;
  CHECK(data.Get("indicator_csv_example")->GetString("href") == "../dai-son/chi-tieu/nq11-pl2-22/nq11-pl2-22.csv");
}
