#include "data/export.h"

#include <algorithm>
#include <unordered_map>
#include <vector>

#include "base/fs.h"
#include "data/sqlite_util.h"

namespace minhbach {

namespace {

Value TextOrNull(const Stmt& q, int col) { return q.IsNull(col) ? Value() : Value(q.Text(col)); }
Value NumberOrNull(const Stmt& q, int col) { return q.IsNull(col) ? Value() : Value(q.Double(col)); }

// Agencies of every row of a kind, as {id, name} lists keyed by row id:
// `sql` (one of this file's constants) reads (row id, agency id, role,
// position) in key order; each list is in position order.
std::unordered_map<std::string, std::pair<Value, Value>> AgencyLists(sqlite3* db, const char* sql,
                                                                    const IdRange& range) {
  std::unordered_map<std::string, std::string> names;
  {
    Stmt a(db, "SELECT id, name FROM agency WHERE id >= ?1 AND id < ?2 ORDER BY id");
    a.Bind(1, range.lo).Bind(2, range.hi);
    while (a.Step()) names.emplace(a.Text(0), a.Text(1));
  }
  struct Entry {
    long long position;
    bool lead;
    const std::string* id;
    const std::string* name;
  };
  std::unordered_map<std::string, std::pair<Value, Value>> out;  // row id -> (lead, partners)
  std::string row;
  std::vector<Entry> entries;
  auto flush = [&] {
    if (entries.empty()) return;
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry& x, const Entry& y) { return x.position < y.position; });
    auto& lists = out[row];
    for (const Entry& e : entries) {
      Value a = Value::MakeObject();
      a.Set("id", *e.id);
      a.Set("name", *e.name);
      (e.lead ? lists.first : lists.second).Push(std::move(a));
    }
    entries.clear();
  };
  Stmt q(db, sql);
  q.Bind(1, range.lo).Bind(2, range.hi);
  while (q.Step()) {
    std::string id = q.Text(0);
    if (id != row) {
      flush();
      row = std::move(id);
    }
    auto agency = names.find(q.Text(1));
    if (agency == names.end()) continue;
    entries.push_back(Entry{q.Int(3), q.Text(2) == "lead", &agency->first, &agency->second});
  }
  flush();
  return out;
}

constexpr const char* kTaskAgencies =
    "SELECT task_id, agency_id, role, position FROM task_agency WHERE task_id >= ?1 AND task_id < ?2 "
    "ORDER BY task_id, agency_id, role";
constexpr const char* kIndicatorAgencies =
    "SELECT indicator_id, agency_id, role, position FROM indicator_agency "
    "WHERE indicator_id >= ?1 AND indicator_id < ?2 ORDER BY indicator_id, agency_id, role";

Value Lead(std::unordered_map<std::string, std::pair<Value, Value>>& lists, const std::string& id, bool lead) {
  auto it = lists.find(id);
  if (it == lists.end()) return Value::MakeArray();
  Value& v = lead ? it->second.first : it->second.second;
  return v.is_null() ? Value::MakeArray() : v;
}

// Rows of a plan-ordered table as an array in (unit, plan, position) order
// (ties keep their id order), and each row's place in it by id.
struct Ranked {
  PlanRank rank;
  long long position;
  Value value;
};
Value InPlanOrder(std::vector<Ranked> rows, std::unordered_map<std::string, std::size_t>* index) {
  std::stable_sort(rows.begin(), rows.end(), [](const Ranked& a, const Ranked& b) {
    return std::tie(a.rank, a.position) < std::tie(b.rank, b.position);
  });
  Value out = Value::MakeArray();
  for (Ranked& r : rows) {
    index->emplace(r.value.GetString("id"), out.size());
    out.Push(std::move(r.value));
  }
  return out;
}

}  // namespace

std::unordered_map<std::string, PlanRank> PlanRanks(sqlite3* db, const IdRange& range) {
  std::unordered_map<std::string, PlanRank> out;
  Stmt q(db, "SELECT p.id, u.position, p.position FROM plan p JOIN unit u ON u.id = p.unit_id "
             "WHERE p.id >= ?1 AND p.id < ?2");
  q.Bind(1, range.lo).Bind(2, range.hi);
  while (q.Step()) out.emplace(q.Text(0), PlanRank{q.Int(1), q.Int(2)});
  return out;
}

std::unordered_map<std::string, CycleInfo> CycleInfos(sqlite3* db, const IdRange& range) {
  std::unordered_map<std::string, CycleInfo> out;
  Stmt q(db, "SELECT id, code, period_start, period_end, published FROM cycle "
             "WHERE id >= ?1 AND id < ?2 ORDER BY id");
  q.Bind(1, range.lo).Bind(2, range.hi);
  while (q.Step()) out.emplace(q.Text(0), CycleInfo{q.Text(1), q.Text(2), q.Text(3), q.Text(4)});
  return out;
}

void ForLatestReports(Stmt* reports, const IdRange& range, const std::unordered_map<std::string, CycleInfo>& cycles,
                      const std::function<void(const std::string& task, const CycleInfo& cycle)>& later) {
  reports->Bind(1, range.lo).Bind(2, range.hi);
  std::string task;
  const CycleInfo* latest = nullptr;
  while (reports->Step()) {
    std::string id = reports->Text(0);
    if (id != task) {
      task = std::move(id);
      latest = nullptr;
    }
    auto cycle = cycles.find(reports->Text(1));
    if (cycle == cycles.end() || (latest != nullptr && !cycle->second.LaterThan(*latest))) continue;
    latest = &cycle->second;
    later(task, *latest);
  }
}

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
  const auto ranks = PlanRanks(db, range);
  auto lists = AgencyLists(db, kIndicatorAgencies, range);
  std::vector<Ranked> rows;
  Stmt q(db,
         "SELECT id, unit_id, plan_id, code, name, measure, direction, position FROM indicator "
         "WHERE id >= ?1 AND id < ?2 ORDER BY id");
  q.Bind(1, range.lo).Bind(2, range.hi);
  while (q.Step()) {
    auto rank = ranks.find(q.Text(2));
    if (rank == ranks.end()) continue;
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
    rows.push_back(Ranked{rank->second, q.Int(7), std::move(v)});
  }
  std::unordered_map<std::string, std::size_t> index;
  Value out = InPlanOrder(std::move(rows), &index);
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
  // Observations in report order within each indicator.
  const auto cycles = CycleInfos(db, range);
  struct Observed {
    std::size_t at;
    const CycleInfo* cycle;
    double value;
    bool illustrative;
  };
  std::vector<Observed> observed;
  Stmt o(db, "SELECT indicator_id, cycle_id, value, illustrative FROM observation "
             "WHERE indicator_id >= ?1 AND indicator_id < ?2 ORDER BY indicator_id, cycle_id");
  o.Bind(1, range.lo).Bind(2, range.hi);
  while (o.Step()) {
    auto it = index.find(o.Text(0));
    auto cycle = cycles.find(o.Text(1));
    if (it == index.end() || cycle == cycles.end()) continue;
    observed.push_back(Observed{it->second, &cycle->second, o.Double(2), o.Int(3) != 0});
  }
  std::stable_sort(observed.begin(), observed.end(), [](const Observed& a, const Observed& b) {
    return a.at != b.at ? a.at < b.at : a.cycle->Before(*b.cycle);
  });
  for (const Observed& ob : observed) {
    Value v = Value::MakeObject();
    v.Set("cycle", ob.cycle->code);
    v.Set("value", ob.value);
    v.Set("illustrative", ob.illustrative);
    out.as_array()[ob.at].Get("observations")->Push(std::move(v));
  }
  return out;
}

Value ExportTasks(sqlite3* db, const IdRange& range) {
  const auto ranks = PlanRanks(db, range);
  auto lists = AgencyLists(db, kTaskAgencies, range);
  std::vector<Ranked> rows;
  Stmt q(db,
         "SELECT id, unit_id, plan_id, section, number, title, deadline_raw, deadline_kind, due, start, position "
         "FROM task WHERE id >= ?1 AND id < ?2 ORDER BY id");
  q.Bind(1, range.lo).Bind(2, range.hi);
  while (q.Step()) {
    auto rank = ranks.find(q.Text(2));
    if (rank == ranks.end()) continue;
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
    rows.push_back(Ranked{rank->second, q.Int(10), std::move(v)});
  }
  std::unordered_map<std::string, std::size_t> index;
  Value out = InPlanOrder(std::move(rows), &index);
  Stmt r(db, "SELECT task_id, cycle_id, status, percent, evidence_review, illustrative FROM task_report "
             "WHERE task_id >= ?1 AND task_id < ?2 ORDER BY task_id, cycle_id");
  ForLatestReports(&r, range, CycleInfos(db, range), [&](const std::string& task, const CycleInfo&) {
    auto it = index.find(task);
    if (it == index.end()) return;
    Value& v = out.as_array()[it->second];
    v.Set("status", r.Text(2));
    v.Set("percent", NumberOrNull(r, 3));
    v.Set("evidence_review", TextOrNull(r, 4));
    v.Set("illustrative", r.Int(5) != 0);
  });
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
