// Golden tests of the site's plug-ins (plugins/*.lua) run through the real
// host on tests/fixtures/plugins/fixture.sql, as of 2027-03-15. Expected
// numbers are worked out here from the method's definitions.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>

#include "base/date.h"
#include "plugins/plugin_host.h"
#include "plugins/plugin_test_util.h"
#include "plugins/sanitize.h"

namespace minhbach {
namespace {

using plugin_test::ReadAll;
using plugin_test::TempSite;

const std::string kSource = MB_SOURCE_DIR;

struct Fixture {
  TempSite site;
  std::unique_ptr<PluginHost> host;
  Status status;

  explicit Fixture(const std::string& as_of = "2027-03-15") {
    site.CreateDatabase(ReadAll(kSource + "/tests/fixtures/plugins/fixture.sql"));
    PluginConfig config = site.Config(as_of);
    config.plugin_dirs = {kSource + "/plugins"};
    config.site_root = kSource;
    config.instruction_limit = 200'000'000;
    config.memory_limit = 64u << 20;
    auto created = PluginHost::Create(config);
    REQUIRE(created.ok());
    host = std::move(created.value());
    status = host->RunAll();
    INFO(status.ToString());
    REQUIRE(status.ok());
  }

  const Value& Row(const char* name, const std::string& key, const std::string& id) const {
    const Value* rows = host->data().Get(name);
    REQUIRE(rows != nullptr);
    REQUIRE(rows->is_array());
    for (const Value& r : rows->as_array()) {
      if (r.GetString(key) == id) return r;
    }
    FAIL("no row " << id << " in " << name);
    return *rows;
  }
  const Value& Indicator(const std::string& code) const {
    return Row("trajectory", "indicator", "thu-nghiem/kh-pl2-" + code);
  }
  const Value& Task(const std::string& number) const { return Row("overdue", "task", "thu-nghiem/kh-pl3-" + number); }
};

double Num(const Value& row, const char* key) {
  const Value* v = row.Get(key);
  REQUIRE(v != nullptr);
  INFO(key << " = " << v->ToJson());
  REQUIRE(v->is_number());
  return v->as_number();
}

bool IsNull(const Value& row, const char* key) {
  const Value* v = row.Get(key);
  return v != nullptr && v->is_null();
}

double FracYear(const char* iso) { return ParseIsoDate(iso)->FractionalYear(); }

double Round6(double x) { return std::round(x * 1e6) / 1e6; }

// Least-squares slope, written out independently of the plug-in.
double Slope(const std::vector<std::pair<double, double>>& pts) {
  double n = static_cast<double>(pts.size()), st = 0, sv = 0, stt = 0, stv = 0;
  for (auto [t, v] : pts) {
    st += t;
    sv += v;
    stt += t * t;
    stv += t * v;
  }
  return (n * stv - st * sv) / (n * stt - st * st);
}

std::string MilestonesJson(const Value& row) { return row.Get("milestones")->ToJson(); }

TEST_CASE("trajectory: the worked example needs to accelerate", "[plugins]") {
  Fixture f;
  const Value& r = f.Indicator("1");
  // Targets 70/85/95 for 2025/2030/2035; 60 at the end of 2024 (t = 2025.0),
  // 66 at the end of 2026 (t = 2027.0); the 2027-Q1 value (90) is published
  // after the as-of date and must not count.
  CHECK(r.GetString("status") == "accelerate");
  CHECK(Num(r, "next_milestone") == 2030);
  CHECK(r.GetString("target_raw") == "≥ 85%");
  CHECK(r.Get("latest")->ToJson() ==
        R"({"code":"2026","cycle":"thu-nghiem/2026","period_end":"2026-12-31","value":66})");
  CHECK(Num(r, "years_left") == 4);                  // 31/12/2030 (2031.0) - 31/12/2026 (2027.0)
  CHECK(Num(r, "required_annual_change") == 4.75);   // (85 - 66) / 4
  CHECK(Num(r, "observed_annual_change") == 3);      // (66 - 60) / 2
  CHECK(Num(r, "projected") == 78);                  // 66 + 3 * 4
  CHECK(Num(r, "ratio") == Round6(3 / 4.75));        // 0.631579: 0.6 <= R < 0.95
  CHECK(Num(r, "points") == 2);
  // 2025 has passed: the value at or before 31/12/2025 is 60 < 70.
  CHECK(MilestonesJson(r) ==
        R"([{"comparator":">=","met":false,"raw":"≥ 70%","value":70,"year":2025},)"
        R"({"comparator":">=","met":null,"raw":"≥ 85%","value":85,"year":2030},)"
        R"({"comparator":">=","met":null,"raw":"≥ 95%","value":95,"year":2035}])");
}

TEST_CASE("trajectory: quarter ends and leap years place observations exactly", "[plugins]") {
  Fixture f;
  const Value& r = f.Indicator("2");
  double t1 = 2024 + 182.0 / 366;  // 30/06/2024: day 182 of a leap year
  double t2 = 2026.0;              // 31/12/2025
  double t3 = 2026 + 181.0 / 365;  // 30/06/2026: day 181
  CHECK(t1 == Approx(FracYear("2024-06-30")));
  CHECK(t3 == Approx(FracYear("2026-06-30")));
  double years_left = 2029.0 - t3;  // target for 2028, due 31/12/2028
  double required = (50 - 38) / years_left;
  double observed = Slope({{t1, 30}, {t2, 34}, {t3, 38}});
  CHECK(Num(r, "years_left") == Approx(Round6(years_left)).margin(1e-6));
  CHECK(Num(r, "required_annual_change") == Approx(required).margin(1e-6));
  CHECK(Num(r, "observed_annual_change") == Approx(observed).margin(1e-6));
  CHECK(Num(r, "projected") == Approx(38 + observed * years_left).margin(1e-6));
  double ratio = observed / required;  // about 0.77
  CHECK(Num(r, "ratio") == Approx(ratio).margin(1e-6));
  CHECK(ratio >= 0.6);
  CHECK(ratio < 0.95);
  CHECK(r.GetString("status") == "accelerate");
  CHECK(r.Get("latest")->GetString("cycle") == "thu-nghiem/2026-Q2");
}

TEST_CASE("trajectory: limited, with a passed milestone met", "[plugins]") {
  Fixture f;
  const Value& r = f.Indicator("3");
  CHECK(Num(r, "required_annual_change") == 7.25);  // (80 - 51) / 4
  CHECK(Num(r, "observed_annual_change") == 1);
  CHECK(Num(r, "ratio") == Round6(1 / 7.25));       // 0.137931
  CHECK(r.GetString("status") == "limited");
  CHECK(r.Get("milestones")->as_array()[0].Get("met")->as_bool() == true);  // 50 >= 45 by 31/12/2025
}

TEST_CASE("trajectory: decreasing indicators", "[plugins]") {
  Fixture f;
  // Poverty must fall to <= 2% by 2030 but rose from 5 to 5.5.
  const Value& up = f.Indicator("4");
  CHECK(Num(up, "required_annual_change") == -0.875);  // (2 - 5.5) / 4
  CHECK(Num(up, "observed_annual_change") == 0.5);
  CHECK(Num(up, "ratio") == Round6(0.5 / -0.875));     // -0.571429
  CHECK(up.GetString("status") == "regressing");
  // Late files must fall under 3% (strict) by 2028: 6, 5, 4 -> -1 a year.
  const Value& down = f.Indicator("5");
  CHECK(Num(down, "required_annual_change") == -0.5);  // (3 - 4) / 2
  CHECK(Num(down, "observed_annual_change") == -1);
  CHECK(Num(down, "ratio") == 2);
  CHECK(Num(down, "projected") == 2);
  CHECK(down.GetString("status") == "on_track");
}

TEST_CASE("trajectory: '>' is strict, '>=' is not", "[plugins]") {
  Fixture f;
  // Both at 90 (2026) after 88 (2025), target for 2027.
  const Value& strict = f.Indicator("6");
  CHECK(strict.GetString("status") == "on_track");  // > 90 not met; rising 2 a year, nothing left to gain
  CHECK(Num(strict, "required_annual_change") == 0);
  CHECK(IsNull(strict, "ratio"));
  CHECK(Num(strict, "projected") == 92);
  const Value& loose = f.Indicator("7");
  CHECK(loose.GetString("status") == "achieved");
  CHECK(Num(loose, "next_milestone") == 2027);
  CHECK(IsNull(loose, "required_annual_change"));
}

TEST_CASE("trajectory: every milestone is used, the next unmet one drives the status", "[plugins]") {
  Fixture f;
  // 72 meets 2030 (>= 60) and 2035 (>= 70): achieved, shown against the
  // furthest target reached. One observation is enough to be achieved.
  const Value& all = f.Indicator("8");
  CHECK(all.GetString("status") == "achieved");
  CHECK(Num(all, "next_milestone") == 2035);
  CHECK(all.GetString("target_raw") == "≥ 70%");
  CHECK(all.Get("milestones")->as_array()[0].Get("met")->is_null());  // no value by 31/12/2025
  // 64 meets 2030 (>= 60) but not 2035 (>= 90): judged against 2035, where a
  // single-target method would stop at "achieved".
  const Value& next = f.Indicator("9");
  CHECK(Num(next, "next_milestone") == 2035);
  CHECK(Num(next, "years_left") == 9);                                       // 2036.0 - 2027.0
  CHECK(Num(next, "required_annual_change") == Round6((90.0 - 64) / 9));     // 2.888889
  CHECK(Num(next, "observed_annual_change") == 2);
  CHECK(Num(next, "ratio") == Round6(2 / ((90.0 - 64) / 9)));                // 0.692308
  CHECK(next.GetString("status") == "accelerate");
}

TEST_CASE("trajectory: ranges count from the weaker bound", "[plugins]") {
  Fixture f;
  const Value& up = f.Indicator("10");  // 80-90%, increasing: from 80
  CHECK(Num(up, "required_annual_change") == 1);  // (80 - 76) / 4
  CHECK(Num(up, "observed_annual_change") == 6);
  CHECK(Num(up, "ratio") == 6);
  CHECK(up.GetString("status") == "on_track");
  const Value& down = f.Indicator("11");  // 2-3%, decreasing: from 3
  CHECK(down.GetString("status") == "achieved");
  CHECK(down.Get("milestones")->as_array()[0].Get("value")->as_number() == 3);
}

TEST_CASE("trajectory: insufficient data, qualitative and a passed deadline", "[plugins]") {
  Fixture f;
  const Value& one = f.Indicator("12");
  CHECK(one.GetString("status") == "insufficient_data");
  CHECK(Num(one, "required_annual_change") == 10);  // (90 - 50) / 4
  CHECK(IsNull(one, "observed_annual_change"));
  CHECK(IsNull(one, "ratio"));
  const Value& none = f.Indicator("13");
  CHECK(none.GetString("status") == "insufficient_data");
  CHECK(IsNull(none, "latest"));
  CHECK(Num(none, "next_milestone") == 2030);
  const Value& q = f.Indicator("14");
  CHECK(q.GetString("status") == "qualitative");
  CHECK(q.GetString("target_raw") == "Hoàn thành xây dựng chính quyền số");
  CHECK(IsNull(q, "required_annual_change"));
  // Only a 2025 target, missed (70 < 90 at 31/12/2025): no time is left, so R
  // tends to 0 from above while the value still rises (2.5 a year).
  const Value& late = f.Indicator("15");
  CHECK(late.GetString("status") == "limited");
  CHECK(IsNull(late, "next_milestone"));
  CHECK(late.GetString("target_raw") == "≥ 90");
  CHECK(Num(late, "observed_annual_change") == 2.5);
  CHECK(IsNull(late, "required_annual_change"));
  CHECK(late.Get("milestones")->as_array()[0].Get("met")->as_bool() == false);
}

TEST_CASE("trajectory: rows in plan order, api/v1/trajectory.json", "[plugins]") {
  Fixture f;
  const Value& rows = *f.host->data().Get("trajectory");
  REQUIRE(rows.size() == 16);
  for (std::size_t i = 0; i < 15; ++i) {
    CHECK(rows.as_array()[i].GetString("indicator") == "thu-nghiem/kh-pl2-" + std::to_string(i + 1));
  }
  // The second unit in site.yaml comes last although its id sorts first.
  CHECK(rows.as_array()[15].GetString("indicator") == "an-binh/kh-ct-1");
  CHECK(rows.as_array()[15].GetString("status") == "insufficient_data");
  const PluginFile* api = nullptr;
  for (const PluginFile& file : f.host->files()) {
    if (file.path == "api/v1/trajectory.json") api = &file;
  }
  REQUIRE(api != nullptr);
  CHECK(api->plugin == "plugins/trajectory.lua");
  CHECK(api->bytes.rfind("[\n{\"indicator\":\"thu-nghiem/kh-pl2-1\",", 0) == 0);
  CHECK(api->bytes.find("\"latest\":{\"cycle\":\"thu-nghiem/2026\",\"value\":66}") != std::string::npos);
  CHECK(api->bytes.find("\"ratio\":0.631579") != std::string::npos);
  CHECK(api->bytes.find("\"years_left\"") == std::string::npos);  // only the documented fields

  // Written unit by unit, the file is byte for byte the pretty JSON of the
  // documented fields of the data rows.
  auto pick = [](const Value& from, std::initializer_list<const char*> keys) {
    Value out = Value::MakeObject();
    for (const auto& member : from.as_object()) {
      for (const char* k : keys) {
        if (member.first == k) out.as_object().push_back(member);
      }
    }
    return out;
  };
  Value expected = Value::MakeArray();
  for (const Value& r : rows.as_array()) {
    Value e = pick(r, {"indicator", "latest", "milestones", "next_milestone", "observed_annual_change", "projected",
                       "ratio", "required_annual_change", "status", "target_raw"});
    if (e.Get("latest")->is_object()) e.Set("latest", pick(*e.Get("latest"), {"cycle", "value"}));
    Value ms = Value::MakeArray();
    for (const Value& m : e.Get("milestones")->as_array()) ms.Push(pick(m, {"met", "raw", "year"}));
    e.Set("milestones", ms);
    expected.Push(e);
  }
  CHECK(api->bytes == expected.ToJsonLines());
}

TEST_CASE("overdue: every warning, with Vietnamese reasons", "[plugins]") {
  Fixture f;
  // 31/12/2026 -> 15/03/2027 is 31 + 28 + 15 = 74 days.
  const Value& late = f.Task("01");
  CHECK(late.Get("warnings")->ToJson() == R"(["overdue"])");
  CHECK(Num(late, "days_overdue") == 74);
  CHECK(late.GetString("due") == "2026-12-31");
  CHECK(late.Get("reasons")->as_array()[0].as_string() ==
        "Quá hạn 74 ngày: hạn 31/12/2026, đến 15/03/2027 chưa hoàn thành (báo cáo kỳ 2026: đang thực hiện, 60%).");
  CHECK(late.Get("lead_agencies")->ToJson() == R"(["thu-nghiem/phong-van-hoa-xa-hoi"])");
  CHECK(late.GetString("unit") == "thu-nghiem");
  CHECK(late.GetString("plan") == "thu-nghiem/kh");

  const Value& soon = f.Task("02");
  CHECK(soon.Get("warnings")->ToJson() == R"(["due_soon"])");
  CHECK(IsNull(soon, "days_overdue"));
  CHECK(soon.Get("reasons")->as_array()[0].as_string() ==
        "Sắp đến hạn: còn 16 ngày (hạn 31/03/2027), chưa hoàn thành.");

  // Window 01/01/2026-31/12/2027 (729 days), 438 days gone: 60.08% of the
  // time, half of it 30.04% > 20% done.
  const Value& behind = f.Task("03");
  CHECK(behind.Get("warnings")->ToJson() == R"(["behind_schedule"])");
  CHECK(behind.Get("reasons")->as_array()[0].as_string() ==
        "Chậm tiến độ: đã qua 60,1% thời gian thực hiện (01/01/2026 – 31/12/2027) nhưng mới hoàn thành 20%, "
        "dưới một nửa lộ trình (30%).");

  // Reported done, evidence rejected: not done, so also overdue since
  // 30/06/2026 (184 + 74 = 258 days).
  const Value& rejected = f.Task("04");
  CHECK(rejected.Get("warnings")->ToJson() == R"(["overdue","evidence_rejected"])");
  CHECK(Num(rejected, "days_overdue") == 258);
  CHECK(rejected.GetString("state") == "chờ hoàn thiện");
  CHECK(rejected.Get("reasons")->as_array()[1].as_string().find("kỳ 2026-Q2 bị đánh giá không đạt") !=
        std::string::npos);

  // Yearly since 2024: 2024 done, 2025 not done, 2026 no report -> late
  // since 31/12/2025 (365 + 74 = 439 days).
  const Value& yearly = f.Task("06");
  CHECK(yearly.Get("warnings")->ToJson() == R"(["overdue"])");
  CHECK(Num(yearly, "days_overdue") == 439);
  CHECK(yearly.GetString("due") == "2025-12-31");
  CHECK(yearly.Get("reasons")->as_array()[0].as_string() ==
        "Chưa có báo cáo hoàn thành cho các năm 2025, 2026: quá hạn 439 ngày kể từ 31/12/2025.");

  // Yearly from 2027, 5% in February: 73 of 364 days gone (20.05%).
  const Value& year_behind = f.Task("08");
  CHECK(year_behind.Get("warnings")->ToJson() == R"(["behind_schedule"])");
  CHECK(year_behind.GetString("due") == "2027-12-31");
  CHECK(year_behind.Get("reasons")->as_array()[0].as_string().find("đã qua 20,1% thời gian") != std::string::npos);

  const Value& silent = f.Task("09");
  CHECK(silent.Get("warnings")->ToJson() == R"(["no_report"])");
  CHECK(silent.Get("reasons")->as_array()[0].as_string() ==
        "Kỳ báo cáo gần nhất (2027-02) chưa có báo cáo về nhiệm vụ thường xuyên này.");

  const Value& conditional = f.Task("11");
  CHECK(conditional.Get("warnings")->ToJson() == R"(["awaiting_condition"])");
  CHECK(IsNull(conditional, "due"));
  CHECK(IsNull(conditional, "days_overdue"));

  // The next milestone (5G, 10/04/2027) is 26 days away.
  const Value& milestone = f.Task("12");
  CHECK(milestone.Get("warnings")->ToJson() == R"(["due_soon"])");
  CHECK(milestone.GetString("due") == "2027-04-10");
  CHECK(milestone.Get("reasons")->as_array()[0].as_string() ==
        "Sắp đến hạn: còn 26 ngày (hạn mốc 5G 10/04/2027), chưa hoàn thành.");

  // Due today is not overdue; its completion report is in a cycle published
  // after the as-of date, so it does not count yet.
  const Value& today = f.Task("13");
  CHECK(today.Get("warnings")->ToJson() == R"(["due_soon"])");
  CHECK(today.Get("reasons")->as_array()[0].as_string() ==
        "Sắp đến hạn: đến hạn hôm nay (hạn 15/03/2027), chưa hoàn thành.");
}

TEST_CASE("overdue: order, tasks without warnings, api/v1/overdue.json", "[plugins]") {
  Fixture f;
  const Value& rows = *f.host->data().Get("overdue");
  std::vector<std::string> order, other_units;
  for (const Value& r : rows.as_array()) {
    if (r.GetString("unit") == "thu-nghiem") {
      order.push_back(r.GetString("task").substr(std::string("thu-nghiem/kh-pl3-").size()));
    } else {
      other_units.push_back(r.GetString("unit") + " " + r.GetString("task"));
    }
  }
  // The unit whose id starts with "thu-nghiem" has its one late task, once,
  // after the first unit's.
  CHECK(other_units == std::vector<std::string>{"thu-nghiem-2 thu-nghiem-2/kh-pl3-01"});
  CHECK(rows.as_array().back().GetString("task") == "thu-nghiem-2/kh-pl3-01");
  // Most days overdue first, then by id; 05 (done), 07 (2026 done, 2027 on
  // time), 10 (reported in the latest cycle) and 14 (its first milestone,
  // task.due, has passed, but the task runs to its last one in 2028, and 70%
  // is ahead of the 55% of time gone) have no warning.
  CHECK(order == std::vector<std::string>{"06", "04", "01", "02", "03", "08", "09", "11", "12", "13"});
  const PluginFile* api = nullptr;
  for (const PluginFile& file : f.host->files()) {
    if (file.path == "api/v1/overdue.json") api = &file;
  }
  REQUIRE(api != nullptr);
  CHECK(api->bytes.rfind("[\n{\"days_overdue\":439,\"due\":\"2025-12-31\",", 0) == 0);
  CHECK(api->bytes.find("\"reasons\":[") != std::string::npos);
  CHECK(api->bytes.find("\"lead_agencies\"") == std::string::npos);
}

TEST_CASE("overdue: an earlier as-of date sees an earlier state", "[plugins]") {
  Fixture f("2026-07-01");
  // Task 04 was due 30/06/2026; on 01/07/2026 it is one day late.
  const Value& r = f.Task("04");
  CHECK(Num(r, "days_overdue") == 1);
  // Task 01 (due 31/12/2026) is not late yet, nor within 30 days.
  for (const Value& row : f.host->data().Get("overdue")->as_array()) {
    CHECK(row.GetString("task") != "thu-nghiem/kh-pl3-01");
  }
  // Indicator 1 as of mid-2026: only the 2024 value is known.
  const Value& i1 = f.Indicator("1");
  CHECK(i1.GetString("status") == "insufficient_data");
  CHECK(i1.Get("latest")->GetString("cycle") == "thu-nghiem/2024");
}

TEST_CASE("charts: indicator chart states the finding in words", "[plugins]") {
  Fixture f;
  const Value* charts = f.host->data().Get("charts");
  REQUIRE(charts != nullptr);
  REQUIRE(charts->is_object());
  CHECK(charts->Get("thu-nghiem/kh-pl2-14") == nullptr);  // qualitative: nothing to plot
  CHECK(charts->size() == 15);  // 14 of the first unit, 1 of the second
  CHECK(charts->as_object().front().first == "an-binh/kh-ct-1");  // keys sorted across units
  const std::string& svg = charts->GetString("thu-nghiem/kh-pl2-1");
  INFO(svg);
  CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 360 226\" role=\"img\" "
                  "aria-labelledby=\"mb-chi-tieu-thu-nghiem-kh-pl2-1-t mb-chi-tieu-thu-nghiem-kh-pl2-1-d\"",
                  0) == 0);
  CHECK(svg.find("<desc id=\"mb-chi-tieu-thu-nghiem-kh-pl2-1-d\">Giá trị mới nhất 66% (2026); mục tiêu 2030: "
                 "≥ 85%; cần tăng 4,75 điểm/năm, thực tế 3 điểm/năm: cần tăng tốc.</desc>") != std::string::npos);
  CHECK(svg.find("Trạng thái: Cần tăng tốc") != std::string::npos);
  CHECK(svg.find("stroke-dasharray=\"6 4\" class=\"mb-required\"") != std::string::npos);
  CHECK(svg.find("stroke-dasharray=\"2 3\" class=\"mb-projection\"") != std::string::npos);
  CHECK(svg.find("<polyline points=") != std::string::npos);
  CHECK(svg.find(">≥ 85%</text>") != std::string::npos);
  CHECK(svg.find("<title>Mục tiêu 2025: ≥ 70% (chưa đạt)</title>") != std::string::npos);
  CHECK(svg.find("<title>2026: 66%</title>") != std::string::npos);
  CHECK(svg.find(">100</text>") != std::string::npos);  // percent axis 0-100
  CHECK(SanitizeMarkup(svg) == svg);

  // A decreasing indicator moving the wrong way.
  const std::string& down = charts->GetString("thu-nghiem/kh-pl2-4");
  CHECK(down.find("Giá trị mới nhất 5,5% (2026); mục tiêu 2030: ≤ 2%; cần giảm 0,88 điểm/năm, thực tế tăng 0,5 "
                  "điểm/năm: đi lùi, ngược hướng mục tiêu.") != std::string::npos);
  // A count, not a percentage: its own axis and unit.
  const std::string& count = charts->GetString("thu-nghiem/kh-pl2-15");
  CHECK(count.find("Giá trị mới nhất 75 doanh nghiệp (2026); mục tiêu 2025: ≥ 90: chậm, có nguy cơ không đạt.") !=
        std::string::npos);
}

TEST_CASE("charts: unit and agency charts count in words", "[plugins]") {
  Fixture f;
  const std::string& unit = f.host->data().Get("unit_charts")->GetString("thu-nghiem");
  INFO(unit);
  CHECK(unit.find("Xã Thử Nghiệm có 15 chỉ tiêu có mục tiêu: 3 đã đạt mục tiêu; 3 đúng tiến độ; 3 cần tăng tốc; "
                  "2 chậm, có nguy cơ không đạt; 1 đi lùi, ngược hướng mục tiêu; 2 chưa đủ số liệu để đánh giá "
                  "xu hướng; 1 mục tiêu định tính, không tính xu hướng.") != std::string::npos);
  CHECK(unit.find(">Cần tăng tốc</text>") != std::string::npos);
  CHECK(SanitizeMarkup(unit) == unit);
  const Value* agencies = f.host->data().Get("agency_charts");
  REQUIRE(agencies->size() == 2);
  CHECK(f.host->data().Get("unit_charts")->size() == 2);
  const std::string& agency = agencies->GetString("thu-nghiem/phong-van-hoa-xa-hoi");
  CHECK(agency.find("Phòng Văn hóa - Xã hội chủ trì 4 nhiệm vụ: 1 hoàn thành; 2 đang thực hiện; 1 chờ hoàn thiện; "
                    "2 nhiệm vụ quá hạn.") != std::string::npos);
  CHECK(agency.find("Trong đó quá hạn: 2 nhiệm vụ") != std::string::npos);
}

TEST_CASE("charts: the chart shortcode", "[plugins]") {
  Fixture f;
  REQUIRE(f.host->HasShortcode("chart"));
  auto out = f.host->CallShortcode("chart", {{"indicator", "thu-nghiem/kh-pl2-1"}}, "content/thu-nghiem/kh/index.md", 9);
  REQUIRE(out.ok());
  CHECK(out.value() == "<figure class=\"mb-figure\">" + f.host->data().Get("charts")->GetString("thu-nghiem/kh-pl2-1") +
                           "</figure>");
  auto unit = f.host->CallShortcode("chart", {{"unit", "thu-nghiem"}}, "content/thu-nghiem/kh/index.md", 10);
  REQUIRE(unit.ok());
  CHECK(unit.value() == "<figure class=\"mb-figure\">" + f.host->data().Get("unit_charts")->GetString("thu-nghiem") +
                            "</figure>");
  auto agency = f.host->CallShortcode("chart", {{"agency", "thu-nghiem/van-phong"}}, "content/x.md", 11);
  REQUIRE(agency.ok());
  CHECK(agency.value().find("Văn phòng HĐND và UBND chủ trì 10 nhiệm vụ") != std::string::npos);
  auto bad = f.host->CallShortcode("chart", {{"indicator", "thu-nghiem/none"}}, "content/thu-nghiem/kh/index.md", 9);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().line() == 9);
  CHECK(bad.status().message().find("plugins/charts.lua:") != std::string::npos);
  CHECK(bad.status().message().find("no chart for 'thu-nghiem/none'") != std::string::npos);
}

TEST_CASE("plug-in output is identical from run to run", "[plugins]") {
  Fixture a;
  Fixture b;
  CHECK(a.host->data().ToJson() == b.host->data().ToJson());
  REQUIRE(a.host->files().size() == b.host->files().size());
  for (std::size_t i = 0; i < a.host->files().size(); ++i) CHECK(a.host->files()[i].bytes == b.host->files()[i].bytes);
}

}  // namespace
}  // namespace minhbach
