#include "data/deadline_parser.h"

#include <catch2/catch.hpp>

namespace minhbach {
namespace {

struct Case {
  const char* raw;
  const char* kind;
  const char* start;  // "" = none
  const char* due;    // "" = none
};

std::string Iso(const std::optional<Date>& d) { return d ? d->ToIso() : ""; }

TEST_CASE("deadline cells", "[data]") {
  const Case cases[] = {
      {"Tháng 10/2025", "date", "", "2025-10-31"},
      {"Tháng 11/2025", "date", "", "2025-11-30"},
      {"trong tháng 9/2026", "date", "", "2026-09-30"},
      {"Hoàn thành kết nối trong tháng 9/2026", "date", "", "2026-09-30"},
      {"12/2026", "date", "", "2026-12-31"},
      {"Tháng 2/2028", "date", "", "2028-02-29"},  // leap year
      {"Tháng 2/2026", "date", "", "2026-02-28"},
      {"tháng 2 năm 2100", "date", "", "2100-02-28"},  // not a leap year
      {"Quý I/2026", "date", "", "2026-03-31"},
      {"Quý II/2026", "date", "", "2026-06-30"},
      {"Quý III/2026", "date", "", "2026-09-30"},
      {"Quý IV/2026", "date", "", "2026-12-31"},
      {"quý 4 năm 2027", "date", "", "2027-12-31"},
      {"2026", "date", "", "2026-12-31"},
      {"Năm 2026", "date", "", "2026-12-31"},
      {"15/02/2026", "date", "", "2026-02-15"},
      {"ngày 29/02/2028", "date", "", "2028-02-29"},
      {"2025-2030", "window", "2025-01-01", "2030-12-31"},
      {"2025–2030", "window", "2025-01-01", "2030-12-31"},
      {"Giai đoạn 2025-2030", "window", "2025-01-01", "2030-12-31"},
      {"2025–2030 hoàn thành cơ bản", "window", "2025-01-01", "2030-12-31"},
      {"2025– 2030 cơ bản hoàn thành", "window", "2025-01-01", "2030-12-31"},
      {"Thường xuyên", "ongoing", "", ""},
      {"Thường xuyên, liên tục", "ongoing", "", ""},
      {"Liên tục", "ongoing", "", ""},
      {"Định kỳ hằng quý", "ongoing", "", ""},
      {"ngày 15 tháng 2 năm 2026", "date", "", "2026-02-15"},
      {"tháng 9 năm 2026", "date", "", "2026-09-30"},
      {"Hằng năm", "yearly", "", ""},
      {"Hàng năm", "yearly", "", ""},
      {"Báo cáo tháng 12 hàng năm", "yearly", "", ""},
      {"Năm 2025 và những năm tiếp theo", "yearly", "2025-01-01", ""},
      {"Năm 2025 và các năm tiếp theo", "yearly", "2025-01-01", ""},
      {"Hằng năm (2025–2045)", "yearly", "2025-01-01", "2045-12-31"},
      {"Hằng năm (2025–\n2045)", "yearly", "2025-01-01", "2045-12-31"},
      {"Sau khi thành phố ban hành bộ quy tắc", "conditional", "", ""},
      {"Sau khi hệ thống dữ liệu được hoàn thành", "conditional", "", ""},
      {"Theo dự án được thành phố phê duyệt", "conditional", "", ""},
      {"Theo tiến độ của UBND thành phố", "conditional", "", ""},
      {"Nếu có chỉ đạo của cấp trên", "conditional", "", ""},
      {"Quý II/2026 (nếu có)", "conditional", "", ""},
      {"Hoàn thành toàn trình trước 2030", "date", "", "2029-12-31"},
      {"trước tháng 6/2026", "date", "", "2026-05-31"},
      {"trước ngày 01/03/2028", "date", "", "2028-02-29"},
      {"", "none", "", ""},
      {"   ", "none", "", ""},
      {"Tháng 10", "unknown", "", ""},
      {"Khi đủ điều kiện", "conditional", "", ""},
      {"Sớm nhất có thể", "unknown", "", ""},
  };
  for (const Case& c : cases) {
    INFO(c.raw);
    ParsedDeadline d = ParseDeadline(c.raw);
    CHECK(d.kind == c.kind);
    CHECK(Iso(d.start) == c.start);
    CHECK(Iso(d.due) == c.due);
    CHECK(d.milestones.empty());
  }
}

TEST_CASE("several milestones in one deadline cell", "[data]") {
  ParsedDeadline d = ParseDeadline("2025–2030 (5G), 2035–2045 (6G)");
  CHECK(d.kind == "milestones");
  REQUIRE(d.milestones.size() == 2);
  CHECK(Iso(d.milestones[0].start) == "2025-01-01");
  CHECK(d.milestones[0].due.ToIso() == "2030-12-31");
  CHECK(d.milestones[0].label == "5G");
  CHECK(Iso(d.milestones[1].start) == "2035-01-01");
  CHECK(d.milestones[1].due.ToIso() == "2045-12-31");
  CHECK(d.milestones[1].label == "6G");
  CHECK(Iso(d.due) == "2030-12-31");
  CHECK(Iso(d.start) == "2025-01-01");

  ParsedDeadline e = ParseDeadline("2025–2035 thí điểm, 2035–2045 nhân rộng");
  CHECK(e.kind == "milestones");
  REQUIRE(e.milestones.size() == 2);
  CHECK(e.milestones[0].label == "thí điểm");
  CHECK(e.milestones[1].label == "nhân rộng");
  CHECK(Iso(e.due) == "2035-12-31");

  ParsedDeadline f = ParseDeadline("Quý IV/2026, Tháng 6/2027");
  REQUIRE(f.milestones.size() == 2);
  CHECK_FALSE(f.milestones[0].start.has_value());
  CHECK(f.milestones[0].due.ToIso() == "2026-12-31");
  CHECK(f.milestones[1].due.ToIso() == "2027-06-30");
}

}  // namespace
}  // namespace minhbach
