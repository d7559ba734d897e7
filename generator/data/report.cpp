#include "data/report.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>

#include "base/fs.h"
#include "base/text.h"
#include "data/folded.h"
#include "data/sqlite_util.h"
#include "load/site_config.h"

namespace minhbach {

namespace fs = std::filesystem;

namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

Status CellError(const CsvTable& t, int line, std::string_view column, const std::string& what) {
  return Status::At(t.file, line, "column " + std::string(column) + ": " + what);
}

// The four statuses of the province's monitoring system (seed 001).
constexpr const char* kStatuses[] = {"chưa triển khai", "đang thực hiện", "hoàn thành", "chờ hoàn thiện"};

// Evidence review: English codes or the Vietnamese words editors use.
std::optional<std::string> ParseReview(const std::string& cell) {
  std::string s = LowerVi(CollapseSpace(cell));
  if (s == "accepted" || s == "đạt") return "accepted";
  if (s == "rejected" || s == "không đạt") return "rejected";
  if (s == "pending" || s == "chờ thẩm định") return "pending";
  return std::nullopt;
}

}  // namespace

Result<CycleCode> ParseCycleCode(std::string_view raw) {
  std::string code = Trim(raw);
  CycleCode c;
  c.code = code;
  auto bad = [&]() {
    return Status::Error("cycle code '" + code +
                         "': expected 2025 (year), 2026-Q1..2026-Q4 (quarter), 2026-6T (first half), "
                         "2026-9T (nine months) or 2026-03 (month)");
  };
  if (code.size() < 4 || !AllDigits(code.substr(0, 4))) return bad();
  int year = std::stoi(code.substr(0, 4));
  if (year < 1990 || year > 2100) return bad();
  std::string rest = code.substr(4);
  if (rest.empty()) {
    c.kind = "year";
    c.start = Date{year, 1, 1};
    c.end = Date{year, 12, 31};
  } else if (rest.size() == 3 && rest[0] == '-' && rest[1] == 'Q' && rest[2] >= '1' && rest[2] <= '4') {
    int q = rest[2] - '0';
    c.kind = "quarter";
    c.start = Date{year, q * 3 - 2, 1};
    c.end = EndOfQuarter(year, q);
  } else if (rest == "-6T") {
    c.kind = "half";
    c.start = Date{year, 1, 1};
    c.end = Date{year, 6, 30};
  } else if (rest == "-9T") {
    c.kind = "nine_months";
    c.start = Date{year, 1, 1};
    c.end = Date{year, 9, 30};
  } else if (rest.size() == 3 && rest[0] == '-' && AllDigits(rest.substr(1))) {
    int m = std::stoi(rest.substr(1));
    if (m < 1 || m > 12) return bad();
    c.kind = "month";
    c.start = Date{year, m, 1};
    c.end = EndOfMonth(year, m);
  } else {
    return bad();
  }
  return c;
}

const std::vector<std::string>& ReportColumns() {
  static const std::vector<std::string> kColumns = {"loai",      "ma",       "gia_tri",      "trang_thai",
                                                    "phan_tram", "minh_chung", "tham_dinh", "ngay_bao_cao",
                                                    "ghi_chu",   "nguon"};
  return kColumns;
}

bool ParseReportedNumber(std::string_view raw, double* value) {
  std::string s = CollapseSpace(raw);
  if (EndsWith(s, "%")) s = Trim(s.substr(0, s.size() - 1));
  bool negative = StartsWith(s, "-");
  if (negative) s = Trim(s.substr(1));
  if (s.empty()) return false;
  double v = 0;
  if (ScanNumber(s, 0, &v) != s.size()) return false;
  *value = negative ? -v : v;
  return true;
}

Status LoadReport(sqlite3* db, const CsvTable& csv, const ReportLoad& load) {
  Result<CycleCode> cc = ParseCycleCode(load.code);
  if (!cc.ok()) return cc.status();
  const CycleCode& cycle = cc.value();
  const std::string cycle_id = load.unit_id + "/" + cycle.code;

  {
    Stmt unit(db, "SELECT name FROM unit WHERE id = ?");
    unit.Bind(1, load.unit_id);
    if (!unit.Step()) {
      MB_RETURN_IF_ERROR(unit.status());
      return Status::Error("unit '" + load.unit_id + "' is not in the database: check --unit against site.yaml");
    }
  }

  // The cycle row: created, or updated when the cycle is replaced.
  std::optional<Date> published = load.published;
  bool exists = false;
  {
    Stmt find(db, "SELECT published, illustrative FROM cycle WHERE id = ?");
    find.Bind(1, cycle_id);
    if (find.Step()) {
      exists = true;
      if (!published) published = ParseIsoDate(find.Text(0));
      if (!load.replace && (find.Int(1) != 0) != load.illustrative) {
        return Status::Error("cycle " + cycle.code + " is already stored as " +
                             (find.Int(1) ? "illustrative" : "reported") +
                             " data: add --replace to replace it, or match its --illustrative flag");
      }
    }
    MB_RETURN_IF_ERROR(find.status());
  }
  if (!published) {
    return Status::Error("cycle " + cycle.code + " is new: its publication date is required (--published YYYY-MM-DD)");
  }
  if (*published < cycle.start) {
    return Status::Error("cycle " + cycle.code + ": publication date " + published->ToIso() +
                         " is before the period starts (" + cycle.start.ToIso() + ")");
  }
  if (!exists) {
    Stmt ins(db,
             "INSERT INTO cycle(id, unit_id, code, kind, period_start, period_end, published, illustrative, "
             "source_file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    MB_RETURN_IF_ERROR(ins.Bind(1, cycle_id).Bind(2, load.unit_id).Bind(3, cycle.code).Bind(4, cycle.kind)
                           .Bind(5, cycle.start.ToIso()).Bind(6, cycle.end.ToIso()).Bind(7, published->ToIso())
                           .Bind(8, load.illustrative ? 1 : 0).Bind(9, load.source_file).Run());
  } else {
    Stmt upd(db, "UPDATE cycle SET published = ?, illustrative = ?, source_file = ? WHERE id = ?");
    MB_RETURN_IF_ERROR(upd.Bind(1, published->ToIso()).Bind(2, load.illustrative ? 1 : 0)
                           .Bind(3, load.source_file).Bind(4, cycle_id).Run());
  }
  if (load.replace) {
    Stmt del_obs(db, "DELETE FROM observation WHERE cycle_id = ?");
    MB_RETURN_IF_ERROR(del_obs.Bind(1, cycle_id).Run());
    Stmt del_rep(db, "DELETE FROM task_report WHERE cycle_id = ?");
    MB_RETURN_IF_ERROR(del_rep.Bind(1, cycle_id).Run());
  }

  // Header: known columns only, so a typo is an error rather than lost data.
  std::set<std::string> known(ReportColumns().begin(), ReportColumns().end());
  known.insert("ten");
  std::string expected;
  for (const auto& c : ReportColumns()) expected += (expected.empty() ? "" : ",") + c;
  for (const std::string& h : csv.header) {
    if (!known.count(h)) {
      return Status::At(csv.file, 1, "column " + h + ": unknown column; expected the header " + expected +
                                         " (and optionally ten)");
    }
  }
  MB_RETURN_IF_ERROR(csv.RequireColumns({"loai", "ma"}));

  // Set-based lookups: every id of the unit, and what the cycle already holds.
  std::unordered_map<std::string, std::string> indicators, tasks;  // slug -> id
  {
    Stmt q(db, "SELECT slug, id FROM indicator WHERE unit_id = ?");
    q.Bind(1, load.unit_id);
    while (q.Step()) indicators.emplace(q.Text(0), q.Text(1));
    MB_RETURN_IF_ERROR(q.status());
    Stmt t(db, "SELECT slug, id FROM task WHERE unit_id = ?");
    t.Bind(1, load.unit_id);
    while (t.Step()) tasks.emplace(t.Text(0), t.Text(1));
    MB_RETURN_IF_ERROR(t.status());
  }
  std::set<std::string> already;  // ids already reported in this cycle
  {
    Stmt q(db, "SELECT indicator_id FROM observation WHERE cycle_id = ? UNION ALL "
               "SELECT task_id FROM task_report WHERE cycle_id = ?");
    q.Bind(1, cycle_id).Bind(2, cycle_id);
    while (q.Step()) already.insert(q.Text(0));
    MB_RETURN_IF_ERROR(q.status());
  }

  const Date latest = std::max(cycle.end, *published);
  Stmt obs(db,
           "INSERT INTO observation(indicator_id, cycle_id, value, note, source, source_line, illustrative) "
           "VALUES (?, ?, ?, ?, ?, ?, ?)");
  Stmt rep(db,
           "INSERT INTO task_report(task_id, cycle_id, status, percent, evidence_url, evidence_review, reported_on, "
           "note, source, source_line, illustrative) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  std::map<std::string, int> seen;  // id -> line in this file
  for (const CsvRow& row : csv.rows) {
    auto cell = [&](const char* col) { return csv.Cell(row, col); };
    bool empty = true;
    for (const char* col : {"gia_tri", "trang_thai", "phan_tram", "minh_chung", "tham_dinh", "ngay_bao_cao",
                            "ghi_chu", "nguon"}) {
      empty = empty && cell(col).empty();
    }
    if (empty) continue;  // a template row left blank: no report for it

    std::string kind = Slugify(cell("loai"));
    if (kind != "chi-tieu" && kind != "nhiem-vu") {
      return CellError(csv, row.line, "loai", "expected chi_tieu (indicator) or nhiem_vu (task), got '" +
                                                  cell("loai") + "'");
    }
    bool is_indicator = kind == "chi-tieu";
    std::string slug = cell("ma");
    if (StartsWith(slug, load.unit_id + "/")) slug = slug.substr(load.unit_id.size() + 1);
    const auto& ids = is_indicator ? indicators : tasks;
    auto found = ids.find(slug);
    if (found == ids.end()) {
      return CellError(csv, row.line, "ma",
                       std::string("no ") + (is_indicator ? "indicator" : "task") + " '" + cell("ma") + "' in unit " +
                           load.unit_id + "; `minhbach report template --unit " + load.unit_id +
                           "` lists the ids" +
                           (load.illustrative ? " (an illustrative cycle: after a change of the plans, "
                                                "regenerate it with python3 tools/illustrative-data.py)"
                                              : ""));
    }
    const std::string& id = found->second;
    if (auto [it, fresh] = seen.emplace(id, row.line); !fresh) {
      return CellError(csv, row.line, "ma", "'" + slug + "' is reported twice in this file (first at line " +
                                                std::to_string(it->second) + ")");
    }
    if (already.count(id)) {
      return CellError(csv, row.line, "ma", "'" + slug + "' already has a report in cycle " + cycle.code +
                                                "; use --replace to replace the cycle's report");
    }
    Date reported = std::min(cycle.end, *published);
    if (const std::string& d = cell("ngay_bao_cao"); !d.empty()) {
      std::optional<Date> parsed = ParseIsoDate(d);
      if (!parsed) return CellError(csv, row.line, "ngay_bao_cao", "expected a date YYYY-MM-DD, got '" + d + "'");
      if (*parsed < cycle.start || *parsed > latest) {
        return CellError(csv, row.line, "ngay_bao_cao",
                         d + " is outside cycle " + cycle.code + " (" + cycle.start.ToIso() + " to " +
                             latest.ToIso() + ")");
      }
      reported = *parsed;
    }
    if (is_indicator) {
      for (const char* col : {"trang_thai", "phan_tram", "minh_chung", "tham_dinh"}) {
        if (!cell(col).empty()) {
          return CellError(csv, row.line, col, "only task rows (nhiem_vu) carry this column; leave it empty for "
                                               "an indicator");
        }
      }
      double value = 0;
      std::string v = LowerVi(cell("gia_tri"));
      if (v == "đạt") value = 1;
      else if (v == "chưa đạt" || v == "không đạt") value = 0;
      else if (!ParseReportedNumber(v, &value)) {
        return CellError(csv, row.line, "gia_tri", "expected a number such as 82,5 (or đạt / chưa đạt for a "
                                                   "qualitative target), got '" + cell("gia_tri") + "'");
      }
      MB_RETURN_IF_ERROR(obs.Bind(1, id).Bind(2, cycle_id).Bind(3, value).Bind(4, cell("ghi_chu"))
                             .Bind(5, cell("nguon")).Bind(6, row.line).Bind(7, load.illustrative ? 1 : 0).Run()
                             .WithFile(csv.file, row.line));
    } else {
      if (!cell("gia_tri").empty()) {
        return CellError(csv, row.line, "gia_tri", "only indicator rows (chi_tieu) carry a value; use phan_tram "
                                                   "for a task's progress");
      }
      std::string status = LowerVi(CollapseSpace(cell("trang_thai")));
      bool valid = false;
      for (const char* s : kStatuses) valid = valid || status == s;
      if (!valid) {
        return CellError(csv, row.line, "trang_thai", "expected one of: chưa triển khai, đang thực hiện, hoàn thành, "
                                                      "chờ hoàn thiện; got '" + cell("trang_thai") + "'");
      }
      std::optional<double> percent;
      if (const std::string& p = cell("phan_tram"); !p.empty()) {
        double v = 0;
        if (!ParseReportedNumber(p, &v)) {
          return CellError(csv, row.line, "phan_tram", "expected a number from 0 to 100, got '" + p + "'");
        }
        if (v < 0 || v > 100) {
          return CellError(csv, row.line, "phan_tram", "percentage " + p + " is outside 0-100");
        }
        percent = v;
      }
      std::optional<std::string> review;
      if (const std::string& r = cell("tham_dinh"); !r.empty()) {
        review = ParseReview(r);
        if (!review) {
          return CellError(csv, row.line, "tham_dinh", "expected đạt, không đạt or chờ thẩm định (accepted, "
                                                       "rejected, pending), got '" + r + "'");
        }
      }
      if (status == "hoàn thành" && review && *review == "rejected") {
        return CellError(csv, row.line, "trang_thai", "a task whose evidence was rejected (tham_dinh: không đạt) "
                                                      "goes back to 'chờ hoàn thiện', not 'hoàn thành'");
      }
      MB_RETURN_IF_ERROR(rep.Bind(1, id).Bind(2, cycle_id).Bind(3, status).Bind(4, percent)
                             .Bind(5, cell("minh_chung")).Bind(6, review).Bind(7, reported.ToIso())
                             .Bind(8, cell("ghi_chu")).Bind(9, cell("nguon")).Bind(10, row.line)
                             .Bind(11, load.illustrative ? 1 : 0).Run().WithFile(csv.file, row.line));
    }
  }
  return Status::Ok();
}

Status LoadUnitReports(sqlite3* db, const SiteConfig& config, const UnitConfig& unit) {
  fs::path dir = config.ContentDir() / unit.id / "bao-cao";
  if (!fs::is_directory(dir)) return Status::Ok();
  const std::string shown = "content/" + unit.id + "/bao-cao/";
  std::set<std::string> listed;
  if (fs::exists(dir / "cycles.csv")) {
    Result<std::string> text = ReadTextFile(dir / "cycles.csv");
    if (!text.ok()) return Status::At(shown + "cycles.csv", 0, text.status().message());
    Result<CsvTable> cycles = ParseCsv(text.value(), shown + "cycles.csv");
    if (!cycles.ok()) return cycles.status();
    const CsvTable& t = cycles.value();
    MB_RETURN_IF_ERROR(t.RequireColumns({"ky", "ngay_cong_bo", "minh_hoa"}));
    for (const CsvRow& row : t.rows) {
      std::string code = t.Cell(row, "ky");
      if (!ParseCycleCode(code).ok()) return CellError(t, row.line, "ky", ParseCycleCode(code).status().message());
      if (!listed.insert(code).second) return CellError(t, row.line, "ky", "cycle " + code + " is listed twice");
      std::optional<Date> published = ParseIsoDate(t.Cell(row, "ngay_cong_bo"));
      if (!published) {
        return CellError(t, row.line, "ngay_cong_bo", "expected the publication date YYYY-MM-DD, got '" +
                                                          t.Cell(row, "ngay_cong_bo") + "'");
      }
      std::string flag = t.Cell(row, "minh_hoa");
      if (flag != "" && flag != "0" && flag != "1") {
        return CellError(t, row.line, "minh_hoa", "expected 1 (illustrative figures) or 0, got '" + flag + "'");
      }
      fs::path file = dir / (code + ".csv");
      if (!fs::exists(file)) {
        return CellError(t, row.line, "ky", "cycle " + code + " has no report file " + shown + code + ".csv");
      }
      Result<std::string> body = ReadTextFile(file);
      if (!body.ok()) return Status::At(shown + code + ".csv", 0, body.status().message());
      Result<CsvTable> report = ParseCsv(body.value(), shown + code + ".csv");
      if (!report.ok()) return report.status();
      ReportLoad load;
      load.unit_id = unit.id;
      load.code = code;
      load.published = published;
      load.illustrative = flag == "1";
      load.source_file = shown + code + ".csv";
      MB_RETURN_IF_ERROR(LoadReport(db, report.value(), load));
    }
  }
  // A report file that cycles.csv does not list would silently be left out.
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    std::string name = e.path().filename().string();
    if (EndsWith(name, ".csv") && name != "cycles.csv") files.push_back(name);
  }
  std::sort(files.begin(), files.end());
  for (const std::string& name : files) {
    std::string code = name.substr(0, name.size() - 4);
    if (!listed.count(code)) {
      return Status::At(shown + name, 0, "this report is not listed in " + shown +
                                             "cycles.csv: add a line '" + code + ",YYYY-MM-DD,0' (cycle, "
                                             "publication date, illustrative 0/1)");
    }
  }
  return Status::Ok();
}

Result<std::string> ReportTemplate(sqlite3* db, const std::string& unit_id) {
  std::vector<std::string> header = ReportColumns();
  header.push_back("ten");
  std::string out = CsvLine(header);
  Stmt q(db,
         "SELECT 'chi_tieu', i.slug, i.name, p.position, 0, i.position FROM indicator i JOIN plan p ON p.id = i.plan_id "
         "WHERE i.unit_id = ?1 UNION ALL "
         "SELECT 'nhiem_vu', t.slug, t.title, p.position, 1, t.position FROM task t JOIN plan p ON p.id = t.plan_id "
         "WHERE t.unit_id = ?1 ORDER BY 5, 4, 6");
  q.Bind(1, unit_id);
  int rows = 0;
  while (q.Step()) {
    std::vector<std::string> fields(header.size());
    fields[0] = q.Text(0);
    fields[1] = q.Text(1);
    fields.back() = q.Text(2);
    out += CsvLine(fields);
    ++rows;
  }
  MB_RETURN_IF_ERROR(q.status());
  if (rows == 0) return Status::Error("unit '" + unit_id + "' has no indicators or tasks in the database");
  return out;
}

}  // namespace minhbach
