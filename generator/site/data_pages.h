// The data pages (issue #5): portal home, unit dashboards, plan pages with
// their appendix rows, indicators, tasks, the overdue list, agencies and
// report cycles. Shared by the *_pages.cpp files of generator/site/; the
// pipeline reaches them through SiteStage (site.h).
//
// Page data is computed here and nowhere else: templates only print it.
// Every link in page data is relative to the page that holds it, so the
// site works from any folder; every text is escaped by the template except
// `*_html` fields, which only ever hold rendered Markdown or plug-in charts
// (sanitized by the plug-in host).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/value.h"
#include "site/page.h"
#include "site/site_context.h"
#include "site/site_data.h"

namespace minhbach::site {

// --- output paths (see docs/architecture.md, "URLs") ---
std::string HomePath();
std::string UnitPath(const std::string& unit_id);
std::string PlanPath(const PlanText& plan);
std::string IndicatorsPath(const std::string& unit_id);
std::string IndicatorPath(const Indicator& i);
std::string TasksPath(const std::string& unit_id);
std::string TaskPath(const Task& t);
std::string OverduePath(const std::string& unit_id);
std::string AgencyPath(const Agency& a);
std::string CyclePath(const Cycle& c);
// Anchor of a plan appendix on the plan page ("bang-pl2").
std::string TableAnchor(const std::string& table_key);

// A link as written in `from`'s HTML to the page at output path `to`.
std::string Href(const std::string& from, const std::string& to);

using Crumbs = std::vector<std::pair<std::string, std::string>>;
// "Trang chủ" › unit dashboard.
Crumbs UnitCrumbs(const Unit& unit);

// A page with the common data (BasePageData) and its layout.
Page NewPage(const SiteContext& ctx, std::string path, std::string layout, const std::string& title,
             const Crumbs& crumbs);
// Footer "Văn bản nguồn": links to the plan pages a page's figures come from.
void SetSources(Page* page, const std::vector<const PlanText*>& plans);

// --- rows shared by several pages (links relative to `from`) ---
// A task as a table row: number, title, leads, deadline as written, status,
// percent, warnings with their words, days overdue.
Value TaskRow(const SiteData& d, const Task& t, const std::string& from);
// An indicator as a table row: code, name, status, latest value, next target.
Value IndicatorRow(const SiteContext& ctx, const SiteData& d, const Indicator& i, const std::string& from);
// Agencies of a task or indicator with one role, linked.
Value AgencyLinks(const SiteData& d, const std::vector<AgencyRole>& roles, bool lead, const std::string& from);
// Counts of indicators by progress status, in the statuses' order, only
// statuses that occur; each with its word and glyph.
Value ProgressCounts(const SiteData& d, const std::vector<std::size_t>& indicators);
// Counts of tasks by warning, only warnings that occur.
Value WarningCounts(const SiteData& d, const std::vector<std::size_t>& tasks);

// The next target of an indicator: the plug-in's next milestone, else the
// first target year not before the as-of year. {year, raw} or null.
Value NextTarget(const SiteContext& ctx, const Indicator& i);
// "23 ngày" for a days-overdue figure.
std::string DaysWord(long days);
// Whether content/trang/phuong-phap.md exists (so that links to it are live).
bool HasMethodPage(const SiteContext& ctx);

// --- page families ---
// The portal home (every unit's headline).
void AddHomePage(const SiteContext& ctx, const SiteData& d, std::vector<Page>* pages);
// The same from units read one at a time: each unit's card on the home page
// and whether it shows illustrative figures.
struct HomeUnit {
  Value card;
  bool illustrative = false;
};
HomeUnit HomeUnitOf(const SiteContext& ctx, const SiteData& d, const Unit& u);
void AddHomePage(const SiteContext& ctx, const std::vector<HomeUnit>& units, std::vector<Page>* pages);
// One unit's pages, family by family: a build holds one unit's pages at a
// time, so memory does not grow with the number of communes.
void AddUnitPage(const SiteContext& ctx, const SiteData& d, const Unit& u, std::vector<Page>* pages);
void AddPlanPages(const SiteContext& ctx, const SiteData& d, const Unit& u, std::vector<Page>* pages);
void AddIndicatorPages(const SiteContext& ctx, const SiteData& d, const Unit& u, std::vector<Page>* pages);
void AddTaskPages(const SiteContext& ctx, const SiteData& d, const Unit& u, std::vector<Page>* pages);
void AddOverduePages(const SiteContext& ctx, const SiteData& d, const Unit& u, std::vector<Page>* pages);
void AddAgencyPages(const SiteContext& ctx, const SiteData& d, const Unit& u, std::vector<Page>* pages);
void AddCyclePages(const SiteContext& ctx, const SiteData& d, const Unit& u, std::vector<Page>* pages);

}  // namespace minhbach::site
