#include "data/export.h"

#include <unordered_map>

#include "base/fs.h"
#include "data/sqlite_util.h"

namespace minhbach {

namespace {

Value TextOrNull(const Stmt& q, int col) { return q.IsNull(col) ? Value() : Value(q.Text(col)); }
Value NumberOrNull(const Stmt& q, int col) { return q.IsNull(col) ? Value() : Value(q.Double(col)); }

// Agencies of every row of a kind, as {id, name} lists keyed by row id, in
// one query (`sql` is one of this file's constants).
std::unordered_map<std::string, std::pair<Value, Value>> AgencyLists(sqlite3* db, const char* sql,
                                                                    const IdRange& range) {
  std::unordered_map<std::string, std::pair<Value, Value>> out;  // row id -> (lead, partners)
  Stmt q(db, sql);
  q.Bind(1, range.lo).Bind(2, range.hi);
  while (q.Step()) {
    auto& lists = out[q.Text(0)];
    Value a = Value::MakeObject();
    a.Set("id", q.Text(1));
    a.Set("name", q.Text(2));
    (q.Text(3) == "lead" ? lists.first : lists.second).Push(std::move(a));
  }
  return out;
}

Value Lead(std::unordered_map<std::string, std::pair<Value, Value>>& lists, const std::string& id, bool lead) {
  auto it = lists.find(id);
  if (it == lists.end()) return Value::MakeArray();
  Value& v = lead ? it->second.first : it->second.second;
  return v.is_null() ? Value::MakeArray() : v;
}

}  // namespace

Value ExportUnits(sqlite3* db, const IdRange& range) {
  Value out = Value::MakeArray();
  Stmt q(db, range.unit.empty() ? "SELECT id, name, kind, province FROM unit ORDER BY position, id"
                                 : "SELECT id, name, kind, province FROM unit WHERE id = ?1");
  if (!range.unit.empty()) q.Bind(1, range.unit);
  while (q.Step()) {
    Value u = Value::MakeObject();
    u.Set("id", q.Text(0));
    u.Set("name", q.Text(1));
    u.Set("kind", q.Text(2));
    u.Set("province", q.Text(3));
    out.Push(std::move(u));
  }
  return out;
}

Value ExportPlans(sqlite3* db, const IdRange& range) {
  Value out = Value::MakeArray();
  Stmt q(db,
         "SELECT p.id, p.unit_id, p.slug, p.key, p.title, p.number, p.issuer, p.place_date, p.date, p.signer, "
         "p.source_file FROM plan p JOIN unit u ON u.id = p.unit_id WHERE p.id >= ?1 AND p.id < ?2 "
         "ORDER BY u.position, p.position");
  q.Bind(1, range.lo).Bind(2, range.hi);
  while (q.Step()) {
    Value p = Value::MakeObject();
    p.Set("id", q.Text(0));
    p.Set("unit", q.Text(1));
    p.Set("slug", q.Text(2));
    p.Set("key", q.Text(3));
    p.Set("title", q.Text(4));
    p.Set("number", TextOrNull(q, 5));
    p.Set("issuer", TextOrNull(q, 6));
    p.Set("place_date", TextOrNull(q, 7));
    p.Set("date", TextOrNull(q, 8));
    p.Set("signer", TextOrNull(q, 9));
    p.Set("source_file", q.Text(10));
    out.Push(std::move(p));
  }
  return out;
}

Value ExportAgencies(sqlite3* db, const IdRange& range) {
  Value out = Value::MakeArray();
  Stmt q(db,
         "SELECT a.id, a.unit_id, a.slug, a.name FROM agency a JOIN unit u ON u.id = a.unit_id "
         "WHERE a.id >= ?1 AND a.id < ?2 ORDER BY u.position, a.slug");
  q.Bind(1, range.lo).Bind(2, range.hi);
  while (q.Step()) {
    Value a = Value::MakeObject();
    a.Set("id", q.Text(0));
    a.Set("unit", q.Text(1));
    a.Set("slug", q.Text(2));
    a.Set("name", q.Text(3));
    out.Push(std::move(a));
  }
  return out;
}

Value ExportCycles(sqlite3* db, const IdRange& range) {
  Value out = Value::MakeArray();
  Stmt q(db,
         "SELECT c.id, c.unit_id, c.code, c.kind, c.period_start, c.period_end, c.published, c.illustrative "
         "FROM cycle c JOIN unit u ON u.id = c.unit_id WHERE c.id >= ?1 AND c.id < ?2 "
         "ORDER BY u.position, c.period_end, c.period_start, c.code");
  q.Bind(1, range.lo).Bind(2, range.hi);
  while (q.Step()) {
    Value c = Value::MakeObject();
    c.Set("id", q.Text(0));
    c.Set("unit", q.Text(1));
    c.Set("code", q.Text(2));
    c.Set("kind", q.Text(3));
    c.Set("period_start", q.Text(4));
    c.Set("period_end", q.Text(5));
    c.Set("published", q.Text(6));
    c.Set("illustrative", q.Int(7) != 0);
    out.Push(std::move(c));
  }
  return out;
}

Value ExportIndicators(sqlite3* db, const IdRange& range) {
  Value out = Value::MakeArray();
  std::unordered_map<std::string, std::size_t> index;
  auto lists = AgencyLists(db,
                           "SELECT ia.indicator_id, a.id, a.name, ia.role FROM indicator_agency ia "
                           "JOIN agency a ON a.id = ia.agency_id WHERE ia.indicator_id >= ?1 AND ia.indicator_id < ?2 "
                           "ORDER BY ia.indicator_id, ia.position",
                           range);
  Stmt q(db,
         "SELECT i.id, i.unit_id, i.plan_id, i.code, i.name, i.measure, i.direction FROM indicator i "
         "JOIN unit u ON u.id = i.unit_id JOIN plan p ON p.id = i.plan_id WHERE i.id >= ?1 AND i.id < ?2 "
         "ORDER BY u.position, p.position, i.position");
  q.Bind(1, range.lo).Bind(2, range.hi);
  while (q.Step()) {
    Value v = Value::MakeObject();
    std::string id = q.Text(0);
    v.Set("id", id);
    v.Set("unit", q.Text(1));
    v.Set("plan", q.Text(2));
    v.Set("code", q.Text(3));
    v.Set("name", q.Text(4));
    v.Set("measure", q.Text(5));
    v.Set("direction", q.Text(6));
    v.Set("lead", Lead(lists, id, true));
    v.Set("targets", Value::MakeArray());
    v.Set("observations", Value::MakeArray());
    index.emplace(id, out.size());
    out.Push(std::move(v));
  }
  Stmt t(db, "SELECT indicator_id, year, comparator, value, value_hi, raw, qualifier, seq FROM target "
             "WHERE indicator_id >= ?1 AND indicator_id < ?2 ORDER BY indicator_id, year, seq");
  t.Bind(1, range.lo).Bind(2, range.hi);
  while (t.Step()) {
    auto it = index.find(t.Text(0));
    if (it == index.end()) continue;
    Value g = Value::MakeObject();
    g.Set("year", static_cast<long long>(t.Int(1)));
    g.Set("comparator", t.Text(2));
    g.Set("value", NumberOrNull(t, 3));
    g.Set("value_hi", NumberOrNull(t, 4));
    g.Set("raw", t.Text(5));
    g.Set("qualifier", t.Text(6));
    out.as_array()[it->second].Get("targets")->Push(std::move(g));
  }
  Stmt o(db, "SELECT o.indicator_id, c.code, o.value, o.illustrative FROM observation o "
             "JOIN cycle c ON c.id = o.cycle_id WHERE o.indicator_id >= ?1 AND o.indicator_id < ?2 "
             "ORDER BY o.indicator_id, c.period_end, c.period_start, c.code");
  o.Bind(1, range.lo).Bind(2, range.hi);
  while (o.Step()) {
    auto it = index.find(o.Text(0));
    if (it == index.end()) continue;
    Value ob = Value::MakeObject();
    ob.Set("cycle", o.Text(1));
    ob.Set("value", o.Double(2));
    ob.Set("illustrative", o.Int(3) != 0);
    out.as_array()[it->second].Get("observations")->Push(std::move(ob));
  }
  return out;
}

Value ExportTasks(sqlite3* db, const IdRange& range) {
  Value out = Value::MakeArray();
  std::unordered_map<std::string, std::size_t> index;
  auto lists = AgencyLists(db,
                           "SELECT ta.task_id, a.id, a.name, ta.role FROM task_agency ta "
                           "JOIN agency a ON a.id = ta.agency_id WHERE ta.task_id >= ?1 AND ta.task_id < ?2 "
                           "ORDER BY ta.task_id, ta.position",
                           range);
  Stmt q(db,
         "SELECT t.id, t.unit_id, t.plan_id, t.section, t.number, t.title, t.deadline_raw, t.deadline_kind, t.due, "
         "t.start FROM task t JOIN unit u ON u.id = t.unit_id JOIN plan p ON p.id = t.plan_id "
         "WHERE t.id >= ?1 AND t.id < ?2 ORDER BY u.position, p.position, t.position");
  q.Bind(1, range.lo).Bind(2, range.hi);
  while (q.Step()) {
    Value v = Value::MakeObject();
    std::string id = q.Text(0);
    v.Set("id", id);
    v.Set("unit", q.Text(1));
    v.Set("plan", q.Text(2));
    v.Set("section", q.Text(3));
    v.Set("number", q.Text(4));
    v.Set("title", q.Text(5));
    v.Set("lead", Lead(lists, id, true));
    v.Set("partners", Lead(lists, id, false));
    v.Set("deadline_raw", q.Text(6));
    v.Set("deadline_kind", q.Text(7));
    v.Set("due", TextOrNull(q, 8));
    v.Set("start", TextOrNull(q, 9));
    v.Set("status", Value());
    v.Set("percent", Value());
    v.Set("evidence_review", Value());
    v.Set("illustrative", false);
    index.emplace(id, out.size());
    out.Push(std::move(v));
  }
  // The latest report of each task: the one whose cycle ends last.
  Stmt r(db,
         "SELECT task_id, status, percent, evidence_review, illustrative FROM ("
         "  SELECT r.task_id, r.status, r.percent, r.evidence_review, r.illustrative, "
         "         ROW_NUMBER() OVER (PARTITION BY r.task_id "
         "                            ORDER BY c.period_end DESC, c.period_start DESC, c.published DESC) AS n "
         "  FROM task_report r JOIN cycle c ON c.id = r.cycle_id WHERE r.task_id >= ?1 AND r.task_id < ?2) "
         "WHERE n = 1");
  r.Bind(1, range.lo).Bind(2, range.hi);
  while (r.Step()) {
    auto it = index.find(r.Text(0));
    if (it == index.end()) continue;
    Value& v = out.as_array()[it->second];
    v.Set("status", r.Text(1));
    v.Set("percent", NumberOrNull(r, 2));
    v.Set("evidence_review", TextOrNull(r, 3));
    v.Set("illustrative", r.Int(4) != 0);
  }
  return out;
}

Status WriteOpenData(sqlite3* db, const std::filesystem::path& out) {
  const std::filesystem::path dir = out / "api" / "v1";
  const std::pair<const char*, Value (*)(sqlite3*, const IdRange&)> files[] = {
      {"units.json", ExportUnits},   {"plans.json", ExportPlans},           {"agencies.json", ExportAgencies},
      {"cycles.json", ExportCycles}, {"indicators.json", ExportIndicators}, {"tasks.json", ExportTasks},
  };
  for (const auto& [name, fn] : files) MB_RETURN_IF_ERROR(WriteFileAtomic(dir / name, fn(db, IdRange::All()).ToJsonLines()));
  return Status::Ok();
}

}  // namespace minhbach
