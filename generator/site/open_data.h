// The open-data page (/du-lieu/) and the files it offers (Decree 47/2020/
// NĐ-CP: open formats, free, no sign-in). docs/open-data.md describes them.
//
//   api/v1/<name>.json                units, plans, agencies, cycles,
//                                     indicators, tasks (data/export.h) unless
//                                     a page already writes them; plug-in
//                                     files (trajectory.json, overdue.json)
//                                     are listed when present
//   api/v1/schema/<name>.json         a JSON Schema (2020-12) per JSON output:
//                                     api/v1/X.json is described by
//                                     api/v1/schema/X.json; the search index
//                                     by search-index.json / search-shard.json
//   api/v1/index.json                 the catalogue of all of the above
//   api/v1/<unit>/chi-tieu.csv        the unit's indicators, targets, latest value
//   api/v1/<unit>/nhiem-vu.csv        the unit's tasks and latest report
//   api/v1/<unit>/so-lieu.csv         every reported value of the unit
//   api/v1/<unit>/chi-tieu/<slug>.csv one indicator's reported values
//   du-lieu/minhbach.sqlite           the whole database (config.database)
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "site/page.h"
#include "site/site_context.h"

namespace minhbach {

// Adds the files above and du-lieu/index.html. Call after every other
// page and file is added (it lists what exists), before FinishPages.
void AddOpenData(const SiteContext& ctx, std::vector<Page>* pages);
// The same, when other pages were rendered in batches: `existing` are the
// output paths of every file already made (so nothing is written twice).
void AddOpenData(const SiteContext& ctx, const std::set<std::string>& existing, std::vector<Page>* pages);

// The same in steps, for a site built one unit at a time:
// One unit's rows of the api/v1 JSON exports: (path, elements formatted by
// JsonRowElement), in the catalogue's order. The pipeline writes each file
// unit by unit (plugins/json_rows.h) so that it never sits in memory whole.
std::vector<std::pair<std::string, std::vector<std::string>>> OpenDataRows(const SiteContext& ctx);
// What the open-data page needs to know of one unit.
struct OpenDataUnit {
  bool has_feed = false;
  std::string csv_beside_page;  // the first indicator CSV beside its page ("" none)
  std::string csv_added;        // the first indicator CSV added under api/v1/<unit>/ ("" none)
};
// Adds ctx.unit's CSV files (ctx.unit must be set). `existing`: the unit's
// files already made.
OpenDataUnit AddUnitOpenData(const SiteContext& ctx, const std::set<std::string>& existing, std::vector<Page>* pages);
// Adds the schemas, the database copy, api/v1/index.json and du-lieu/index.html
// from every unit's part (site.yaml order). `api_json`: the top-level
// api/v1/*.json files the site has.
void AddOpenDataIndex(const SiteContext& ctx, const std::vector<OpenDataUnit>& units,
                      const std::set<std::string>& api_json, std::vector<Page>* pages);

// The JSON Schemas published under api/v1/schema/: docs/schemas/<name>.json,
// compiled in (open_data_test.cpp checks that both are the same bytes;
// tests/browser/embed-schemas.mjs rewrites the copy here).
struct JsonSchemaFile {
  std::string_view name;  // "indicators.json"
  std::string_view text;
};
const std::vector<JsonSchemaFile>& JsonSchemas();

// One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF.
std::string CsvField(std::string_view s);
// The same, appended to *out.
void AppendCsvField(std::string* out, std::string_view s);

}  // namespace minhbach
