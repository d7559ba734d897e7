// Blocks -> the Markdown body of a plan's index.md. The output needs no raw
// HTML (the site renders with cmark-gfm in safe mode): hard line breaks are
// a backslash at the end of a line, tables are GFM tables, and text that
// Markdown would mistake for syntax is escaped ("1. " at the start of a
// numbered paragraph, "<" before a letter, "|" inside a table cell).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "import/plan_text.h"
#include "import/table.h"

namespace minhbach::importer {

// Escapes what inline Markdown would read as HTML or an entity ("<b", "&amp;").
std::string EscapeInline(std::string_view s);
// Escapes a line that would start a block: "1. " / "1) " (ordered list),
// "#", ">", "+ ", "* ", "=", and a line of only dashes.
std::string EscapeLineStart(std::string_view s);

// A GFM table: the header, a delimiter row, one row per table row. Group
// rows (a Roman numeral and a title) are written in bold.
std::string TableMarkdown(const Table& table);

// A block as Markdown, without a trailing newline. `table` is the rebuilt
// table for a kTable block (ignored otherwise).
std::string BlockMarkdown(const Block& block, const Table* table);

// The body: blocks separated by blank lines; consecutive list items form
// one list. `tables[i]` is the rebuilt table of blocks[i] (nullptr if none).
std::string BodyMarkdown(const std::vector<Block>& blocks, const std::vector<const Table*>& tables);

}  // namespace minhbach::importer
