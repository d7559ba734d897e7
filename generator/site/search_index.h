// The search page (/tim-kiem/) and its index, written at build time and
// searched in the browser (themes/default/assets/search.js with the vendored
// MiniSearch), offline once loaded.
//
// The index is sharded so that a site of thousands of communes stays light:
//   tim-kiem/index.json   the global part: units (title, province, folded
//                         key, shard, document count) and the result kinds
//   tim-kiem/<unit>.json  one unit's documents: its plans, indicators, tasks
//                         and agencies (id, kind, title, detail, text, href)
// When all shards together are small (kLoadAllBytes), index.json says
// load_all and the page loads every shard at once; otherwise it loads the
// shards of the units a reader picks or whose name the query contains.
// Documents carry text as published (NFC); the page folds documents and
// queries alike with the FoldVi rule (NFD, drop marks, đ -> d, A-Z -> a-z).
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "site/page.h"
#include "site/site_context.h"

namespace minhbach {

// Above this many bytes of shards in all, the page loads shards lazily.
inline constexpr std::size_t kLoadAllBytes = 1'500'000;

// Adds tim-kiem/index.html, tim-kiem/index.json and tim-kiem/<unit>.json.
// Reads plans from ctx.content and the rest from ctx.db (when not null) in a
// few set-based queries. Results link only to pages already in `pages`
// (falling back to the list page, the plan or the unit), so call it after
// every content page is added.
void AddSearchPages(const SiteContext& ctx, std::vector<Page>* pages);
// The same, when the pages were rendered in batches: `html_paths` are the
// output paths of every HTML page of the site (search results link only to
// pages that exist).
void AddSearchPages(const SiteContext& ctx, const std::set<std::string>& html_paths, std::vector<Page>* pages);

// The same in two steps, for a site built one unit at a time.
// One unit's part of the index: its entry in index.json and its shard's size.
struct SearchUnit {
  Value entry;  // {id, title, province, key, href, shard, documents}
  std::size_t documents = 0, bytes = 0;
};
// Adds tim-kiem/<unit>.json for ctx.unit (must be set). `html_paths`: the
// HTML pages that exist; the unit's own are enough (results link inside it).
SearchUnit AddSearchShard(const SiteContext& ctx, const std::set<std::string>& html_paths, std::vector<Page>* pages);
// Adds tim-kiem/index.html and tim-kiem/index.json from every unit's part,
// in site.yaml order.
void AddSearchIndex(const SiteContext& ctx, const std::vector<SearchUnit>& units, std::vector<Page>* pages);

}  // namespace minhbach
