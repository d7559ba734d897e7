#include "tests/site_fixture.h"

#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>

#include "base/fs.h"
#include "render/markdown.h"
#include "render/theme.h"
#include "site/site.h"

namespace minhbach {
extern const char* const kSchemaSql;
}

namespace minhbach::testing {

namespace fs = std::filesystem;

namespace {

const fs::path kFixture = fs::path(MB_SOURCE_DIR) / "tests/fixtures/site-data";

Value Obj(std::initializer_list<Value::Member> members) { return Value(Value::Object(members)); }
Value Arr(std::initializer_list<Value> items) { return Value(Value::Array(items)); }

Value Milestone(int year, const char* raw, Value met) {
  return Obj({{"year", year}, {"raw", raw}, {"met", std::move(met)}});
}

std::string Svg(const std::string& label) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 300 120\" role=\"img\" aria-label=\"" + label +
         "\"><title>" + label + "</title><polyline points=\"10,100 150,80 290,30\" fill=\"none\" stroke=\"#0b5394\"/>"
         "</svg>";
}

}  // namespace

SiteFixture::~SiteFixture() {
  if (db) sqlite3_close(db);
}

Value FixturePluginData() {
  Value trajectory = Arr({
      Obj({{"indicator", "xa-thu/a-pl2-22"}, {"next_milestone", 2030}, {"target_raw", "$\\geq 85\\%$"},
           {"latest", Obj({{"value", 71.5}, {"cycle", "xa-thu/2026-Q3"}})},
           {"required_annual_change", 3.2}, {"observed_annual_change", 12.6}, {"projected", 100},
           {"ratio", 3.94}, {"status", "on_track"},
           {"milestones", Arr({Milestone(2025, "≥ 70%", false), Milestone(2030, "$\\geq 85\\%$", Value())})}}),
      Obj({{"indicator", "xa-thu/a-pl2-27"}, {"next_milestone", 2030}, {"target_raw", "≥ 10%"},
           {"latest", Obj({{"value", 3.5}, {"cycle", "xa-thu/2026-Q3"}})},
           {"required_annual_change", 1.55}, {"observed_annual_change", -0.67}, {"projected", 0.8},
           {"ratio", -0.43}, {"status", "regressing"},
           {"milestones", Arr({Milestone(2030, "≥ 10%", Value())})}}),
      Obj({{"indicator", "xa-thu/a-pl1-1-1"}, {"next_milestone", 2030}, {"target_raw", "Hình thành ít nhất 01 mô hình"},
           {"latest", Value()}, {"required_annual_change", Value()}, {"observed_annual_change", Value()},
           {"projected", Value()}, {"ratio", Value()}, {"status", "qualitative"},
           {"milestones", Arr({Milestone(2030, "Hình thành ít nhất 01 mô hình", Value())})}}),
      Obj({{"indicator", "xa-thu/b-ct-1"}, {"next_milestone", 2026}, {"target_raw", "ít nhất 10 doanh nghiệp"},
           {"latest", Obj({{"value", 6}, {"cycle", "xa-thu/2026-Q3"}})},
           {"required_annual_change", Value()}, {"observed_annual_change", Value()}, {"projected", Value()},
           {"ratio", Value()}, {"status", "insufficient_data"},
           {"milestones", Arr({Milestone(2026, "ít nhất 10 doanh nghiệp", Value())})}}),
      Obj({{"indicator", "an-hoa/c-pl-1"}, {"next_milestone", 2026}, {"target_raw", "100%"},
           {"latest", Obj({{"value", 92.25}, {"cycle", "an-hoa/2026-03"}})},
           {"required_annual_change", 10.3}, {"observed_annual_change", 11}, {"projected", 100},
           {"ratio", 1.07}, {"status", "on_track"},
           {"milestones", Arr({Milestone(2026, "100%", Value())})}}),
  });
  Value overdue = Arr({
      Obj({{"task", "xa-thu/a-pl3-i-2"}, {"due", "2026-06-30"}, {"days_overdue", 146},
           {"warnings", Arr({"overdue", "behind_schedule"})},
           {"reasons", Arr({"Quá hạn 146 ngày (hạn 30/06/2026).", "Mới đạt 40% khi đã hết thời gian."})}}),
      Obj({{"task", "xa-thu/a-pl3-ii-1"}, {"due", "2025-12-31"}, {"days_overdue", 327},
           {"warnings", Arr({"overdue", "evidence_rejected"})},
           {"reasons", Arr({"Quá hạn 327 ngày (hạn 31/12/2025).", "Minh chứng kỳ Năm 2025 không đạt."})}}),
      Obj({{"task", "xa-thu/a-pl3-ii-2"}, {"due", "2026-12-31"}, {"days_overdue", Value()},
           {"warnings", Arr({"due_soon"})}, {"reasons", Arr({"Còn 38 ngày đến hạn 31/12/2026."})}}),
      Obj({{"task", "xa-thu/a-pl3-ii-4"}, {"due", Value()}, {"days_overdue", Value()},
           {"warnings", Arr({"awaiting_condition"})},
           {"reasons", Arr({"Chờ thành phố ban hành bộ quy tắc."})}}),
      Obj({{"task", "xa-thu/a-pl3-ii-5"}, {"due", "2026-03-31"}, {"days_overdue", 237},
           {"warnings", Arr({"overdue", "no_report"})},
           {"reasons", Arr({"Quá hạn 237 ngày (hạn 31/03/2026).", "Chưa có báo cáo nào."})}}),
      Obj({{"task", "an-hoa/c-pl-1"}, {"due", "2026-11-03"}, {"days_overdue", 20},
           {"warnings", Arr({"overdue"})}, {"reasons", Arr({"Quá hạn 20 ngày (hạn 03/11/2026)."})}}),
  });
  Value charts = Obj({{"xa-thu/a-pl2-22", Svg("Biểu đồ chỉ tiêu 22")}, {"xa-thu/a-pl2-27", Svg("Biểu đồ chỉ tiêu 27")}});
  Value unit_charts = Obj({{"xa-thu", Svg("Biểu đồ chỉ tiêu xã Thử Nghiệm")}});
  Value agency_charts = Obj({{"xa-thu/phong-van-hoa-xa-hoi", Svg("Biểu đồ nhiệm vụ Phòng Văn hóa - Xã hội")}});
  return Obj({{"trajectory", std::move(trajectory)},
              {"overdue", std::move(overdue)},
              {"charts", std::move(charts)},
              {"unit_charts", std::move(unit_charts)},
              {"agency_charts", std::move(agency_charts)}});
}

std::unique_ptr<SiteFixture> LoadSiteFixture(const SiteFixtureOptions& options) {
  auto f = std::make_unique<SiteFixture>();
  auto config = LoadSiteConfig(kFixture);
  INFO(config.status().ToString());
  REQUIRE(config.ok());
  f->config = std::move(config.value());
  auto content = LoadContent(f->config);
  INFO(content.status().ToString());
  REQUIRE(content.ok());
  f->content = std::move(content.value());
  if (options.database) {
    REQUIRE(sqlite3_open(":memory:", &f->db) == SQLITE_OK);
    auto data = ReadTextFile(kFixture / "data.sql");
    REQUIRE(data.ok());
    std::string sql = std::string(kSchemaSql) + "\n" + data.value();
    char* err = nullptr;
    int rc = sqlite3_exec(f->db, sql.c_str(), nullptr, nullptr, &err);
    INFO((err ? err : ""));
    sqlite3_free(err);
    REQUIRE(rc == SQLITE_OK);
  }
  if (options.plugins) f->plugin_data = FixturePluginData();
  f->ctx.config = &f->config;
  f->ctx.content = &f->content;
  f->ctx.as_of = Date{2026, 11, 23};
  f->ctx.db = f->db;
  f->ctx.plugin_data = options.plugins ? &f->plugin_data : nullptr;
  return f;
}

Status RenderPagesTo(const SiteConfig& config, std::vector<Page> pages, const fs::path& out) {
  InitMarkdown();
  auto theme = Theme::Load(config.root, config.theme);
  if (!theme.ok()) return theme.status();
  for (Page& page : pages) {
    if (page.layout.empty()) {
      MB_RETURN_IF_ERROR(WriteFileAtomic(out / page.path, page.bytes));
      continue;
    }
    if (!page.markdown.empty()) {
      RenderedMarkdown md = RenderMarkdown(page.markdown);
      page.data.Set("content_html", md.html);
      Value toc = Value::MakeArray();
      for (const TocEntry& e : md.toc) {
        toc.Push(Value(Value::Object{{"text", e.text}, {"anchor", e.anchor}, {"level", e.level}}));
      }
      page.data.Set("has_toc", toc.size() > 2);
      page.data.Set("toc", std::move(toc));
    }
    auto html = theme->RenderPage(page.layout, page.data);
    if (!html.ok()) return Status::Error(page.path + ": " + html.status().ToString());
    MB_RETURN_IF_ERROR(WriteFileAtomic(out / page.path, html.value()));
  }
  for (const auto& e : fs::recursive_directory_iterator(theme->assets_dir())) {
    if (!e.is_regular_file()) continue;
    fs::path dst = out / "assets" / fs::relative(e.path(), theme->assets_dir());
    fs::create_directories(dst.parent_path());
    fs::copy_file(e.path(), dst, fs::copy_options::overwrite_existing);
  }
  return Status::Ok();
}

fs::path BuildFixtureSite(const SiteFixture& f, const std::string& name) {
  static std::atomic<int> counter{0};
  fs::path out = fs::temp_directory_path() /
                 ("mb-site-" + name + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(out);
  auto pages = BuildPages(f.ctx);
  INFO(pages.status().ToString());
  REQUIRE(pages.ok());
  Status st = RenderPagesTo(f.config, std::move(pages.value()), out);
  INFO(st.ToString());
  REQUIRE(st.ok());
  return out;
}

}  // namespace minhbach::testing
