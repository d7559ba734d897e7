#include "data/plan_loader.h"

#include <map>
#include <set>

#include "base/csv.h"
#include "base/fs.h"
#include "base/date.h"
#include "base/text.h"
#include "data/folded.h"
#include "data/sqlite_util.h"
#include "load/front_matter.h"

namespace minhbach {

namespace fs = std::filesystem;

namespace {

Status CellError(const CsvTable& t, const CsvRow& row, std::string_view column, const std::string& what) {
  return Status::At(t.file, row.line, "column " + std::string(column) + ": " + what);
}

std::optional<int> ParseLineNumber(const std::string& s) {
  if (s.empty()) return std::nullopt;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  return std::stoi(s);
}

// "t2030" -> 2030; 0 when the column is not a target year.
int TargetYear(const std::string& column) {
  if (column.size() != 5 || column[0] != 't') return 0;
  for (std::size_t i = 1; i < 5; ++i) {
    if (column[i] < '0' || column[i] > '9') return 0;
  }
  return std::stoi(column.substr(1));
}

Result<CsvTable> ReadOptionalCsv(const fs::path& path, const std::string& shown, bool* present) {
  *present = fs::exists(path);
  if (!*present) return CsvTable{shown, {}, {}};
  Result<std::string> text = ReadNfcFile(path);
  if (!text.ok()) return Status::At(shown, text.status().line(), text.status().message());
  return ParseCsv(text.value(), shown);
}

std::string FrontString(const Value& fields, std::string_view key) {
  const Value* v = fields.Get(key);
  return v && v->is_string() ? Trim(v->as_string()) : std::string();
}

Status ReadIndicators(const CsvTable& t, PlanData* plan) {
  MB_RETURN_IF_ERROR(t.RequireColumns({"table_key", "code", "name"}));
  std::vector<std::pair<int, int>> years;  // (column, year)
  for (std::size_t c = 0; c < t.header.size(); ++c) {
    if (int y = TargetYear(t.header[c])) years.emplace_back(static_cast<int>(c), y);
  }
  for (const CsvRow& row : t.rows) {
    IndicatorRow r;
    r.line = row.line;
    r.table_key = t.Cell(row, "table_key");
    r.table_title = t.Cell(row, "table_title");
    r.code = t.Cell(row, "code");
    r.group_path = t.Cell(row, "group_path");
    r.name = t.Cell(row, "name");
    r.measure = t.Cell(row, "measure");
    r.lead_raw = t.Cell(row, "lead");
    r.partners_raw = t.Cell(row, "partners");
    r.output = t.Cell(row, "output");
    r.origin_line = ParseLineNumber(t.Cell(row, "source_line"));
    if (r.table_key.empty()) return CellError(t, row, "table_key", "empty; expected pl1, pl2, ..., pl or ct");
    if (r.code.empty()) return CellError(t, row, "code", "empty; expected the indicator's number as written, e.g. 1.1");
    if (r.name.empty()) return CellError(t, row, "name", "empty; expected the indicator's name");
    std::string dir = LowerVi(t.Cell(row, "direction"));
    if (dir.empty() || dir == "increase" || dir == "tăng") r.direction = "increase";
    else if (dir == "decrease" || dir == "giảm") r.direction = "decrease";
    else return CellError(t, row, "direction", "expected increase or decrease (tăng/giảm), got '" + dir + "'");
    for (auto [col, year] : years) {
      const std::string& cell = static_cast<std::size_t>(col) < row.cells.size() ? row.cells[col] : std::string();
      for (ParsedTarget& pt : ParseTargetCell(cell, r.direction == "decrease")) r.targets.emplace_back(year, std::move(pt));
    }
    r.slug = Slugify(plan->key + "-" + r.table_key + "-" + r.code);
    r.agencies = SplitLeadAndPartners(r.lead_raw, r.partners_raw);
    plan->indicators.push_back(std::move(r));
  }
  return Status::Ok();
}

Status ReadTasks(const CsvTable& t, PlanData* plan) {
  MB_RETURN_IF_ERROR(t.RequireColumns({"table_key", "number", "title"}));
  for (const CsvRow& row : t.rows) {
    TaskRow r;
    r.line = row.line;
    r.table_key = t.Cell(row, "table_key");
    r.table_title = t.Cell(row, "table_title");
    r.section = t.Cell(row, "section");
    r.section_title = t.Cell(row, "section_title");
    r.number = t.Cell(row, "number");
    r.title = t.Cell(row, "title");
    r.lead_raw = t.Cell(row, "lead");
    r.partners_raw = t.Cell(row, "partners");
    r.output = t.Cell(row, "output");
    r.deadline_raw = t.Cell(row, "deadline");
    r.note = t.Cell(row, "note");
    r.origin_line = ParseLineNumber(t.Cell(row, "source_line"));
    if (r.table_key.empty()) return CellError(t, row, "table_key", "empty; expected pl1, pl2, ..., pl");
    if (r.number.empty()) return CellError(t, row, "number", "empty; expected the task's number as written, e.g. 4");
    if (r.title.empty()) return CellError(t, row, "title", "empty; expected the task's text");
    r.deadline = ParseDeadline(r.deadline_raw);
    r.slug = Slugify(plan->key + "-" + r.table_key + "-" + (r.section.empty() ? "" : r.section + "-") + r.number);
    r.agencies = SplitLeadAndPartners(r.lead_raw, r.partners_raw);
    plan->tasks.push_back(std::move(r));
  }
  return Status::Ok();
}

}  // namespace

void PlanData::CountAgencies(AgencyIndex* index) const {
  for (const IndicatorRow& r : indicators) {
    for (const auto& a : r.agencies.lead) index->Add(a);
    for (const auto& a : r.agencies.partners) index->Add(a);
  }
  for (const TaskRow& r : tasks) {
    for (const auto& a : r.agencies.lead) index->Add(a);
    for (const auto& a : r.agencies.partners) index->Add(a);
  }
}

Result<PlanData> ReadPlan(const fs::path& plan_dir, const std::string& unit_id, const std::string& shown_dir) {
  PlanData plan;
  plan.unit_id = unit_id;
  plan.slug = plan_dir.filename().string();
  if (plan.slug.empty()) plan.slug = plan_dir.parent_path().filename().string();
  plan.index_file = shown_dir + "/index.md";
  plan.indicators_file = shown_dir + "/indicators.csv";
  plan.tasks_file = shown_dir + "/tasks.csv";

  // Only the front matter matters here; normalizing the whole plan text
  // (tens of kilobytes) for every plan would dominate a build of thousands.
  Result<std::string> raw = ReadFile(plan_dir / "index.md");
  if (!raw.ok()) return Status::At(plan.index_file, 0, "cannot read the plan's text: " + raw.status().message());
  std::string_view whole = raw.value();
  if (StartsWith(whole, "\xEF\xBB\xBF")) whole.remove_prefix(3);
  std::size_t close = StartsWith(whole, "---") ? whole.find("\n---", 3) : std::string_view::npos;
  std::string head(whole.substr(0, close == std::string_view::npos ? whole.size() : close + 4));
  head = ReplaceAll(std::move(head), "\r\n", "\n");
  if (!IsValidUtf8(head)) {
    return Status::At(plan.index_file, 0, "the front matter is not valid UTF-8: save the file as UTF-8");
  }
  Result<Document> doc = ParseFrontMatter(NfcIfNeeded(head) + "\n", plan.index_file);
  if (!doc.ok()) return doc.status();
  const Value& f = doc->fields;
  plan.key = FrontString(f, "key");
  if (plan.key.empty() || Slugify(plan.key) != plan.key) {
    return Status::At(plan.index_file, FieldLine(head, "key"), "key: expected a short id of lower-case letters and digits "
                                          "used in indicator and task ids, e.g. key: \"nq11\"; got '" + plan.key + "'");
  }
  plan.title = FrontString(f, "title");
  if (plan.title.empty()) return Status::At(plan.index_file, 1, "front matter: title: the plan's title is missing");
  plan.number = FrontString(f, "number");
  plan.issuer = FrontString(f, "issuer");
  plan.place_date = FrontString(f, "place_date");
  plan.signer = FrontString(f, "signer");
  plan.source = FrontString(f, "source");
  if (std::string d = FrontString(f, "date"); !d.empty()) {
    if (!ParseIsoDate(d)) {
      return Status::At(plan.index_file, FieldLine(head, "date"),
                        "date: expected YYYY-MM-DD or \"\" in the front matter, got '" + d + "'");
    }
    plan.date = d;
  }
  if (const Value* b = f.Get("basis"); b && b->is_array()) {
    for (const Value& item : b->as_array()) {
      if (item.is_string() && !Trim(item.as_string()).empty()) plan.basis.push_back(Trim(item.as_string()));
    }
  }

  bool present = false;
  Result<CsvTable> ind = ReadOptionalCsv(plan_dir / "indicators.csv", plan.indicators_file, &present);
  if (!ind.ok()) return ind.status();
  if (present) MB_RETURN_IF_ERROR(ReadIndicators(ind.value(), &plan));
  Result<CsvTable> tasks = ReadOptionalCsv(plan_dir / "tasks.csv", plan.tasks_file, &present);
  if (!tasks.ok()) return tasks.status();
  if (present) MB_RETURN_IF_ERROR(ReadTasks(tasks.value(), &plan));

  // Ids must be unique within the plan; the database's UNIQUE constraint
  // would stop it too, but without naming the line.
  std::map<std::string, int> seen;
  for (const IndicatorRow& r : plan.indicators) {
    auto [it, fresh] = seen.emplace(r.slug, r.line);
    if (!fresh) {
      return Status::At(plan.indicators_file, r.line,
                        "column code: indicator id '" + r.slug + "' is already used at line " +
                            std::to_string(it->second) + "; give this row a distinct code");
    }
  }
  seen.clear();
  for (const TaskRow& r : plan.tasks) {
    auto [it, fresh] = seen.emplace(r.slug, r.line);
    if (!fresh) {
      return Status::At(plan.tasks_file, r.line,
                        "column number: task id '" + r.slug + "' is already used at line " +
                            std::to_string(it->second) + "; give this row a distinct number (e.g. 2.a)");
    }
  }
  return plan;
}

Status InsertUnit(sqlite3* db, const std::string& id, const std::string& name, const std::string& kind,
                  const std::string& province, int position) {
  Stmt s(db, "INSERT INTO unit(id, name, kind, province, position) VALUES (?, ?, ?, ?, ?)");
  return s.Bind(1, id).Bind(2, name).Bind(3, kind).Bind(4, province).Bind(5, position).Run();
}

Status InsertAgencies(sqlite3* db, const std::string& unit_id, const std::vector<AgencyIndex::Agency>& agencies) {
  Stmt agency(db, "INSERT INTO agency(id, unit_id, slug, name) VALUES (?, ?, ?, ?)");
  Stmt variant(db, "INSERT OR IGNORE INTO agency_variant(agency_id, variant, key) VALUES (?, ?, ?)");
  for (const auto& a : agencies) {
    if (!a.existing) MB_RETURN_IF_ERROR(agency.Bind(1, a.id).Bind(2, unit_id).Bind(3, a.slug).Bind(4, a.name).Run());
    for (const auto& [v, key] : a.variants) MB_RETURN_IF_ERROR(variant.Bind(1, a.id).Bind(2, v).Bind(3, key).Run());
  }
  return Status::Ok();
}

namespace {

// Links the agencies of a row; an agency named twice in one role counts once.
Status LinkAgencies(Stmt* link, const std::string& row_id, const LeadAndPartners& ap, const AgencyIndex& index) {
  int position = 0;
  std::set<std::pair<std::string, std::string>> done;
  for (const auto& [names, role] : {std::pair{&ap.lead, "lead"}, std::pair{&ap.partners, "partner"}}) {
    for (const std::string& n : *names) {
      const std::string& id = index.IdOf(n);
      if (id.empty() || !done.emplace(id, role).second) continue;
      MB_RETURN_IF_ERROR(link->Bind(1, row_id).Bind(2, id).Bind(3, role).Bind(4, position++).Run());
    }
  }
  return Status::Ok();
}

std::optional<std::string> Iso(const std::optional<Date>& d) {
  if (!d) return std::nullopt;
  return d->ToIso();
}

std::optional<long long> Line(const std::optional<int>& l) {
  if (!l) return std::nullopt;
  return static_cast<long long>(*l);
}

}  // namespace

Status InsertPlan(sqlite3* db, const PlanData& p, int position, const AgencyIndex& agencies) {
  const std::string plan_id = p.unit_id + "/" + p.slug;
  Stmt plan(db,
            "INSERT INTO plan(id, unit_id, slug, key, title, number, issuer, place_date, date, signer, source, "
            "source_file, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  MB_RETURN_IF_ERROR(plan.Bind(1, plan_id).Bind(2, p.unit_id).Bind(3, p.slug).Bind(4, p.key).Bind(5, p.title)
                         .Bind(6, p.number).Bind(7, p.issuer).Bind(8, p.place_date).Bind(9, p.date)
                         .Bind(10, p.signer).Bind(11, p.source).Bind(12, p.index_file).Bind(13, position).Run()
                         .WithFile(p.index_file));
  Stmt basis(db, "INSERT INTO plan_basis(plan_id, position, text) VALUES (?, ?, ?)");
  for (std::size_t i = 0; i < p.basis.size(); ++i) {
    MB_RETURN_IF_ERROR(basis.Bind(1, plan_id).Bind(2, static_cast<int>(i)).Bind(3, p.basis[i]).Run());
  }

  Stmt ind(db,
           "INSERT INTO indicator(id, unit_id, plan_id, slug, table_key, table_title, code, group_path, name, measure, "
           "direction, lead_raw, partners_raw, output, source_file, source_line, origin_line, position) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  Stmt target(db,
              "INSERT INTO target(indicator_id, year, seq, comparator, value, value_hi, raw, qualifier) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  Stmt ind_agency(db, "INSERT INTO indicator_agency(indicator_id, agency_id, role, position) VALUES (?, ?, ?, ?)");
  for (std::size_t i = 0; i < p.indicators.size(); ++i) {
    const IndicatorRow& r = p.indicators[i];
    const std::string id = p.unit_id + "/" + r.slug;
    Status s = ind.Bind(1, id).Bind(2, p.unit_id).Bind(3, plan_id).Bind(4, r.slug).Bind(5, r.table_key)
                   .Bind(6, r.table_title).Bind(7, r.code).Bind(8, r.group_path).Bind(9, r.name).Bind(10, r.measure)
                   .Bind(11, r.direction).Bind(12, r.lead_raw).Bind(13, r.partners_raw).Bind(14, r.output)
                   .Bind(15, p.indicators_file).Bind(16, r.line).Bind(17, Line(r.origin_line))
                   .Bind(18, static_cast<int>(i)).Run();
    if (!s.ok()) {
      return Status::At(p.indicators_file, r.line, "indicator '" + id + "' cannot be stored (" + s.message() +
                                                       "): is its id already used by another plan of the unit?");
    }
    std::map<int, int> seq;  // year -> next seq
    for (const auto& [year, t] : r.targets) {
      MB_RETURN_IF_ERROR(target.Bind(1, id).Bind(2, year).Bind(3, seq[year]++).Bind(4, t.comparator)
                             .Bind(5, t.value).Bind(6, t.value_hi).Bind(7, t.raw).Bind(8, t.qualifier).Run()
                             .WithFile(p.indicators_file, r.line));
    }
    MB_RETURN_IF_ERROR(LinkAgencies(&ind_agency, id, r.agencies, agencies));
  }

  Stmt task(db,
            "INSERT INTO task(id, unit_id, plan_id, slug, table_key, table_title, section, section_title, number, "
            "title, lead_raw, partners_raw, output, deadline_raw, deadline_kind, start, due, note, source_file, "
            "source_line, origin_line, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  Stmt milestone(db, "INSERT INTO task_milestone(task_id, seq, start, due, label) VALUES (?, ?, ?, ?, ?)");
  Stmt task_agency(db, "INSERT INTO task_agency(task_id, agency_id, role, position) VALUES (?, ?, ?, ?)");
  for (std::size_t i = 0; i < p.tasks.size(); ++i) {
    const TaskRow& r = p.tasks[i];
    const std::string id = p.unit_id + "/" + r.slug;
    Status s = task.Bind(1, id).Bind(2, p.unit_id).Bind(3, plan_id).Bind(4, r.slug).Bind(5, r.table_key)
                   .Bind(6, r.table_title).Bind(7, r.section).Bind(8, r.section_title).Bind(9, r.number)
                   .Bind(10, r.title).Bind(11, r.lead_raw).Bind(12, r.partners_raw).Bind(13, r.output)
                   .Bind(14, r.deadline_raw).Bind(15, r.deadline.kind).Bind(16, Iso(r.deadline.start))
                   .Bind(17, Iso(r.deadline.due)).Bind(18, r.note).Bind(19, p.tasks_file).Bind(20, r.line)
                   .Bind(21, Line(r.origin_line)).Bind(22, static_cast<int>(i)).Run();
    if (!s.ok()) {
      return Status::At(p.tasks_file, r.line, "task '" + id + "' cannot be stored (" + s.message() +
                                                  "): is its id already used by another plan of the unit?");
    }
    for (std::size_t m = 0; m < r.deadline.milestones.size(); ++m) {
      const DeadlineMilestone& ms = r.deadline.milestones[m];
      MB_RETURN_IF_ERROR(milestone.Bind(1, id).Bind(2, static_cast<int>(m)).Bind(3, Iso(ms.start))
                             .Bind(4, ms.due.ToIso()).Bind(5, ms.label).Run());
    }
    MB_RETURN_IF_ERROR(LinkAgencies(&task_agency, id, r.agencies, agencies));
  }
  return Status::Ok();
}

}  // namespace minhbach
