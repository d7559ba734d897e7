// Atom feeds (RFC 4287): one per unit, <unit>/feed.xml, of its report
// cycles and plans, so that a citizen or a newsroom can follow a commune.
//
// Entry ids are canonical URLs from base_url (the cycle's report page, the
// plan's page): stable across builds and hosts' folders. Dates come from the
// data, never from the clock: a cycle is updated on its publication date; a
// plan on its date, else the month and year of its place-and-date line
// ("…, ngày 12 tháng 3 năm 2026"), else its unit's first cycle publication,
// else the build's --as-of date. The feed's own <updated> is its newest
// entry's. Same input, same bytes.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "site/page.h"
#include "site/site_context.h"

namespace minhbach {

// Adds <unit>/feed.xml for every unit and sets `feed` {title, href} in the
// data of every HTML page under <unit>/ already in `pages` (base.mustache
// links it). Call after the unit's pages are added.
void AddFeeds(const SiteContext& ctx, std::vector<Page>* pages);

// A report cycle as a feed entry sees it.
struct CycleRow {
  std::string code, kind, period_start, period_end;
  Date published;
  bool illustrative = false;
  long long observations = 0, reports = 0, done = 0;
};

// Feeds one unit at a time (the report cycles of ctx.unit, or of every
// unit, are read once): adds
// <unit>/feed.xml to `pages` and sets `feed` on the unit's HTML pages among
// them. `pages` must hold the unit's pages (its feed links to those that exist).
class FeedWriter {
 public:
  explicit FeedWriter(const SiteContext& ctx);
  void AddUnitFeed(const UnitConfig& unit, std::vector<Page>* pages) const;

 private:
  const SiteContext& ctx_;
  std::unordered_map<std::string, std::vector<CycleRow>> cycles_;
};

// The date a Vietnamese place-and-date line gives: "ngày 12 tháng 3 năm 2026"
// -> 2026-03-12, "tháng 3 năm 2026" -> 2026-03-01, "năm 2026" -> 2026-01-01;
// nullopt when it names no year. Tone marks and case do not matter.
std::optional<Date> DateFromVietnamese(std::string_view text);

// A cycle code in words: "2026-Q3" -> "Quý 3/2026", "2026-6T" -> "6 tháng đầu
// năm 2026", "2026-9T" -> "9 tháng năm 2026", "2026-03" -> "Tháng 3/2026",
// "2025" -> "Năm 2025"; anything else as it is.
std::string CycleTitle(std::string_view code);

}  // namespace minhbach
