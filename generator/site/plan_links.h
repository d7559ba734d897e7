// Links a plan's appendix rows, in the plan's own Markdown, to the pages of
// the indicators and tasks they became.
//
// The plan text is published as written; only the cell holding a row's name
// becomes a link. A table is recognised by the heading above it, which says
// the same as the table's title in the database ("PHỤ LỤC 3 DANH MỤC CÁC NHIỆM
// VỤ TRIỂN KHAI" ~ "Phụ lục 3: Danh mục các nhiệm vụ triển khai"); a row by its
// code (indicators), its section and number, or its full title (tasks). A row
// is linked only when exactly one database row matches it; rows that cannot be
// found in the text (prose indicators, tables the extraction broke) are
// reported back so the page can list them instead.
#pragma once

#include <set>
#include <string>
#include <vector>

namespace minhbach::site {

struct AppendixRow {
  std::string id;           // indicator or task id
  std::string table_title;  // as in the database
  bool task = false;
  std::string code;                    // indicator code, as written
  std::string section, number, title;  // task section, number and title, as written
  std::string href;                    // link from the plan page
};

// Returns `markdown` with the matched rows' name cells turned into links;
// `linked` receives the ids of the rows linked.
std::string LinkAppendixRows(const std::string& markdown, const std::vector<AppendixRow>& rows,
                             std::set<std::string>* linked);

}  // namespace minhbach::site
