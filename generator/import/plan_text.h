// A plan's extracted text as blocks: headings, paragraphs, list items and
// tables, each knowing the source lines it came from.
//
// The extraction cut lines at page breaks and, in some files, at the page
// width; a blank line follows almost every line. So a blank line does not end
// a paragraph. The rules (tested in plan_text_test.cpp):
//   - A line that starts with a marker (II., 1.1., (3), "- ", PHỤ LỤC, a
//     Markdown '#') or a table row starts a new block; so do "Căn cứ ...",
//     "Thực hiện ...", "Nơi nhận" and the enacting sentence ("Ủy ban nhân
//     dân xã ... xây dựng Kế hoạch"): each basis document is one paragraph.
//   - A line right below another (no blank line between) is a new line of the
//     same block: the signature block, a title over two lines. It becomes a
//     hard line break in Markdown.
//   - After a blank line, a line continues the open paragraph or list item
//     when that one does not end a sentence (. ; : ! ?), neither is in
//     capitals, and, for a numbered line, the new line starts in lower case
//     (a heading is never continued by a capitalised sentence). A ';' ends
//     the block only when the next line is capitalised and outside a list
//     item (basis documents end with ';').
//   - Tab-separated lines form a table; blank lines inside it are page
//     breaks, remembered on the row that follows.
//   - A run of at least kMinBrokenRun short lines (table cells that the
//     extraction put on lines of their own) becomes one kBrokenTable block.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "import/line_rules.h"

namespace minhbach::importer {

struct TableLine {
  int line = 0;                    // 1-based source line
  std::vector<std::string> cells;  // split at tabs, not yet cleaned
  bool after_break = false;        // a blank line precedes it inside the table
};

enum class BlockKind { kHeading, kParagraph, kListItem, kTable, kBrokenTable };

struct Block {
  BlockKind kind = BlockKind::kParagraph;
  int line = 0;      // first source line
  int end_line = 0;  // last source line
  int level = 0;     // headings: 2..6
  Marker marker = Marker::kNone;
  std::string number;              // "II", "1.1", "3" when the block starts with one
  bool markdown_heading = false;   // written as "## ..." in the source
  // Text lines of the block; more than one when lines stood directly below
  // each other (hard line breaks). Cut lines are already joined. Headings
  // and list items hold their text without the marker's '#', '**' or "- ".
  std::vector<std::string> lines;
  std::vector<TableLine> rows;  // kTable
  // Each line's source line number, for kBrokenTable (and reports).
  std::vector<int> line_numbers;

  // All lines joined with one space.
  std::string Text() const;
};

struct PlanText {
  // Trimmed non-blank lines before the title, with their line numbers
  // (document number, place and date, letterhead).
  std::vector<std::pair<int, std::string>> header;
  int title_line = 0;          // the "KẾ HOẠCH" line; 0 when there is none
  std::vector<Block> blocks;   // everything after the title line
};

// Fewer short lines than this in a row are ordinary text (a signature, a
// two-line title); a table broken into lines has many more.
inline constexpr int kMinBrokenRun = 12;
// A line of a broken table holds one cell fragment: at most this many characters.
inline constexpr std::size_t kMaxBrokenCell = 24;

// Splits `text` (NFC, "\n" line ends) into header, title and blocks.
PlanText ParsePlanText(std::string_view text);

// Builds blocks from lines [first, lines.size()) of `lines` (1-based numbers
// are index + 1). Exposed for tests.
std::vector<Block> BuildBlocks(const std::vector<std::string>& lines, std::size_t first);

}  // namespace minhbach::importer
