#include "site/feeds.h"

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <unordered_map>

#include "base/text.h"
#include "data/sqlite_util.h"
#include "site/site.h"

namespace minhbach {

namespace {

std::string UnitTitleOf(const UnitConfig& u) { return (u.kind == "phường" ? "Phường " : "Xã ") + u.name; }

// Escapes text for XML and drops the control characters XML 1.0 forbids.
std::string XmlText(std::string_view s) {
  std::string clean;
  clean.reserve(s.size());
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
    clean.push_back(c);
  }
  return HtmlEscape(clean);
}

// Dates in feeds: the day's start in Vietnam (UTC+7), where the data is dated.
std::string AtomTime(const Date& d) { return d.ToIso() + "T00:00:00+07:00"; }

struct Entry {
  std::string id, title, href, summary;
  Date updated;
};

// unit id -> its cycles, oldest publication first, in one query.
std::unordered_map<std::string, std::vector<CycleRow>> ReadCycles(sqlite3* db, const IdRange& range) {
  std::unordered_map<std::string, std::vector<CycleRow>> out;
  if (!db) return out;
  Stmt q(db,
         "SELECT c.unit_id, c.code, c.kind, c.period_start, c.period_end, c.published, c.illustrative, "
         "(SELECT count(*) FROM observation o WHERE o.cycle_id = c.id), "
         "(SELECT count(*) FROM task_report r WHERE r.cycle_id = c.id), "
         "(SELECT count(*) FROM task_report r WHERE r.cycle_id = c.id AND r.status = 'hoàn thành') "
         "FROM cycle c WHERE c.id >= ?1 AND c.id < ?2 ORDER BY c.unit_id, c.published, c.code");
  q.Bind(1, range.lo).Bind(2, range.hi);
  while (q.Step()) {
    auto published = ParseIsoDate(q.Text(5));
    if (!published) continue;  // the schema requires ISO; a bad row has no date to publish
    CycleRow c;
    c.code = q.Text(1);
    c.kind = q.Text(2);
    c.period_start = q.Text(3);
    c.period_end = q.Text(4);
    c.published = *published;
    c.illustrative = q.Int(6) != 0;
    c.observations = q.Int(7);
    c.reports = q.Int(8);
    c.done = q.Int(9);
    out[q.Text(0)].push_back(std::move(c));
  }
  return out;
}

std::string ViDate(const std::string& iso) {
  auto d = ParseIsoDate(iso);
  return d ? d->ToVi() : iso;
}

std::string CycleSummary(const CycleRow& c) {
  std::string s = "Kỳ báo cáo " + CycleTitle(c.code) + " (" + ViDate(c.period_start) + " – " +
                  ViDate(c.period_end) + "), công bố ngày " + c.published.ToVi() + ": " +
                  std::to_string(c.observations) + " số liệu chỉ tiêu, " + std::to_string(c.reports) +
                  " báo cáo tiến độ nhiệm vụ";
  if (c.reports) s += " (" + std::to_string(c.done) + " nhiệm vụ hoàn thành)";
  s += ".";
  if (c.illustrative) s += " Số liệu minh họa, không phải số liệu do các cơ quan báo cáo.";
  return s;
}

std::string RenderFeed(const SiteContext& ctx, const UnitConfig& u, std::vector<Entry> entries) {
  const SiteConfig& cfg = *ctx.config;
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    if (a.updated != b.updated) return a.updated > b.updated;
    return a.id < b.id;
  });
  Date updated = entries.empty() ? ctx.as_of : entries.front().updated;
  const std::string unit_url = cfg.base_url + u.id + "/";
  std::string x = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  x += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"" + XmlText(cfg.language) + "\">\n";
  x += "  <id>" + XmlText(unit_url) + "</id>\n";
  x += "  <title>" + XmlText(UnitTitleOf(u) + " · " + cfg.title) + "</title>\n";
  x += "  <subtitle>" + XmlText("Kế hoạch và các kỳ báo cáo của " + UnitTitleOf(u) + " (" + u.province + ").") +
       "</subtitle>\n";
  x += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"" + XmlText(unit_url + "feed.xml") + "\"/>\n";
  x += "  <link rel=\"alternate\" type=\"text/html\" href=\"" + XmlText(unit_url) + "\"/>\n";
  x += "  <updated>" + AtomTime(updated) + "</updated>\n";
  x += "  <author><name>" + XmlText(cfg.title) + "</name><uri>" + XmlText(cfg.base_url) + "</uri></author>\n";
  if (!cfg.license.empty()) x += "  <rights>" + XmlText(cfg.license) + "</rights>\n";
  x += "  <generator>minhbach</generator>\n";
  for (const Entry& e : entries) {
    x += "  <entry>\n";
    x += "    <id>" + XmlText(e.id) + "</id>\n";
    x += "    <title>" + XmlText(e.title) + "</title>\n";
    x += "    <link rel=\"alternate\" type=\"text/html\" href=\"" + XmlText(e.href) + "\"/>\n";
    x += "    <updated>" + AtomTime(e.updated) + "</updated>\n";
    x += "    <summary type=\"text\">" + XmlText(e.summary) + "</summary>\n";
    x += "  </entry>\n";
  }
  x += "</feed>\n";
  return x;
}

}  // namespace

std::optional<Date> DateFromVietnamese(std::string_view text) {
  static const std::regex kYear(R"((?:^|[^0-9])nam\s+([0-9]{4})(?![0-9]))");
  static const std::regex kMonth(R"(thang\s+([0-9]{1,2})\s+nam\s+([0-9]{4})(?![0-9]))");
  static const std::regex kDay(R"(ngay\s+([0-9]{1,2})\s+thang\s+([0-9]{1,2})\s+nam\s+([0-9]{4})(?![0-9]))");
  const std::string folded = FoldVi(text);
  std::smatch m;
  auto valid = [](int y, int mo, int d) -> std::optional<Date> {
    if (mo < 1 || mo > 12 || d < 1 || d > DaysInMonth(y, mo)) return std::nullopt;
    return Date{y, mo, d};
  };
  if (std::regex_search(folded, m, kDay)) {
    if (auto d = valid(std::stoi(m[3]), std::stoi(m[2]), std::stoi(m[1]))) return d;
  }
  if (std::regex_search(folded, m, kMonth)) {
    if (auto d = valid(std::stoi(m[2]), std::stoi(m[1]), 1)) return d;
  }
  if (std::regex_search(folded, m, kYear)) return Date{std::stoi(m[1]), 1, 1};
  return std::nullopt;
}

std::string CycleTitle(std::string_view code) {
  static const std::regex kQuarter(R"(([0-9]{4})-Q([1-4]))");
  static const std::regex kHalf(R"(([0-9]{4})-6T)");
  static const std::regex kNine(R"(([0-9]{4})-9T)");
  static const std::regex kMonth(R"(([0-9]{4})-(0[1-9]|1[0-2]))");
  static const std::regex kYear(R"([0-9]{4})");
  const std::string s(code);
  std::smatch m;
  if (std::regex_match(s, m, kQuarter)) return "Quý " + m[2].str() + "/" + m[1].str();
  if (std::regex_match(s, m, kHalf)) return "6 tháng đầu năm " + m[1].str();
  if (std::regex_match(s, m, kNine)) return "9 tháng năm " + m[1].str();
  if (std::regex_match(s, m, kMonth)) return "Tháng " + std::to_string(std::stoi(m[2])) + "/" + m[1].str();
  if (std::regex_match(s, kYear)) return "Năm " + s;
  return s;
}

FeedWriter::FeedWriter(const SiteContext& ctx) : ctx_(ctx), cycles_(ReadCycles(ctx.db, IdRangeOf(ctx))) {}

void FeedWriter::AddUnitFeed(const UnitConfig& u, std::vector<Page>* pages) const {
  const SiteContext& ctx = ctx_;
  const SiteConfig& cfg = *ctx.config;
  std::set<std::string> paths;
  for (const Page& p : *pages) paths.insert(p.path);
  const std::string unit_page = u.id + "/index.html";
  auto link = [&](const std::string& path) {
    return cfg.base_url + UrlPathOf(paths.count(path) ? path : unit_page);
  };
  static const std::vector<CycleRow> kNone;
  auto found = cycles_.find(u.id);
  const std::vector<CycleRow>& unit_cycles = found == cycles_.end() ? kNone : found->second;
  std::vector<Entry> entries;
  for (const CycleRow& c : unit_cycles) {
    std::string code = LowerVi(c.code);
    std::string page = u.id + "/bao-cao/" + code + "/index.html";
    entries.push_back({cfg.base_url + UrlPathOf(page), "Kỳ báo cáo " + CycleTitle(c.code), link(page),
                       CycleSummary(c), c.published});
  }
  for (const PlanText& p : ctx.content->plans) {
    if (p.unit_id != u.id) continue;
    std::optional<Date> date = p.date.empty() ? std::nullopt : ParseIsoDate(p.date);
    if (!date) date = DateFromVietnamese(p.place_date);
    if (!date && !unit_cycles.empty()) date = unit_cycles.front().published;
    if (!date) date = ctx.as_of;
    std::string page = u.id + "/ke-hoach/" + p.slug + "/index.html";
    std::string summary = "Kế hoạch";
    if (!p.number.empty()) summary += " " + p.number;
    if (!p.issuer.empty()) summary += " của " + p.issuer;
    if (!p.place_date.empty()) summary += ", " + p.place_date;
    summary += ": " + p.title + ".";
    entries.push_back({cfg.base_url + UrlPathOf(page), p.title, link(page), summary, *date});
  }
  Page feed;
  feed.path = u.id + "/feed.xml";
  feed.bytes = RenderFeed(ctx, u, std::move(entries));

  // Every HTML page of the unit links its feed.
  const std::string prefix = u.id + "/";
  for (Page& p : *pages) {
    if (p.layout.empty() || p.path.compare(0, prefix.size(), prefix) != 0) continue;
    Value v = Value::MakeObject();
    v.Set("title", "Tin cập nhật của " + UnitTitleOf(u));
    v.Set("href", RootPrefixOf(p.path) + u.id + "/feed.xml");
    p.data.Set("feed", std::move(v));
  }
  pages->push_back(std::move(feed));
}

void AddFeeds(const SiteContext& ctx, std::vector<Page>* pages) {
  FeedWriter writer(ctx);
  for (const UnitConfig& u : ctx.config->units) writer.AddUnitFeed(u, pages);
}

}  // namespace minhbach
