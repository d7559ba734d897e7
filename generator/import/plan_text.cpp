#include "import/plan_text.h"

#include <algorithm>

#include "base/text.h"

namespace minhbach::importer {

std::string Block::Text() const {
  std::string out;
  for (const std::string& l : lines) {
    if (!out.empty()) out.push_back(' ');
    out += l;
  }
  return out;
}

namespace {

bool IsBlank(const std::string& raw) { return Trim(raw).empty(); }
bool IsTableLine(const std::string& raw) { return raw.find('\t') != std::string::npos; }

struct Classified {
  LineMarker marker;
  bool markdown_heading = false;
  int markdown_level = 0;
  std::string text;  // the line as it goes into a block (markup stripped for headings)
};

Classified Classify(const std::string& trimmed) {
  Classified c;
  c.text = trimmed;
  std::size_t hashes = 0;
  while (hashes < trimmed.size() && trimmed[hashes] == '#') ++hashes;
  if (hashes > 0 && hashes < trimmed.size() && trimmed[hashes] == ' ') {
    c.markdown_heading = true;
    c.markdown_level = static_cast<int>(hashes);
    c.text = StripHeadingMarkup(trimmed);
  }
  // Markers are read through emphasis: "**1. Foo**" is numbered like "1. Foo".
  c.marker = ParseMarker(ReplaceAll(c.text, "**", ""));
  if (c.marker.kind == Marker::kList) {
    // A list item's text keeps its own emphasis but loses the "- ".
    c.text = Trim(std::string_view(c.text).substr(c.text.find(' ') + 1));
  }
  return c;
}

bool StartsBasisOrClosing(const std::string& t) {
  std::string s = ReplaceAll(t, "**", "");
  return StartsWith(s, "Căn cứ ") || StartsWith(s, "Thực hiện ") || StartsWith(s, "Nơi nhận") || IsEnactingLine(s);
}

// Joins a line cut by the extraction to the text before it. A code cut
// after its hyphen ("57-" / "NQ/TW") joins without a space.
std::string JoinCut(const std::string& before, const std::string& after) {
  if (before.size() >= 2 && before.back() == '-' && before[before.size() - 2] != ' ') return before + after;
  return before + " " + after;
}

// Whether `t`, after blank lines, continues the open block `o`.
bool CanContinue(const Block& o, const std::string& t) {
  if (o.kind == BlockKind::kHeading) {
    // Only a Roman heading cut at the page width ("... KHOA HỌC," / "công nghệ").
    return o.marker == Marker::kRoman && !o.markdown_heading && StartsLowercase(t);
  }
  if (o.kind != BlockKind::kParagraph && o.kind != BlockKind::kListItem) return false;
  if (o.lines.size() > 1) return false;
  const std::string& last = o.lines.back();
  // A code cut after its hyphen ("Nghị quyết số 57-" / "NQ/TW ...") always continues.
  if (last.size() >= 2 && last.back() == '-' && last[last.size() - 2] != ' ') return true;
  // Parts of one statement end with ';': within a list item ("... dịch vụ
  // số;" / "≥ 40% dân số ...") or before a line in lower case ("... nhận
  // thức;" / "triển khai số hóa ..."), that is not the end of the block.
  // (Basis documents also end with ';' but the next one is capitalised.)
  bool part = EndsWith(last, ";") && (o.kind == BlockKind::kListItem || StartsLowercase(t));
  if (EndsSentence(last) && !part) return false;
  if (IsAllCaps(last) || IsAllCaps(t)) return false;
  if (StartsBasisOrClosing(t)) return false;
  if (LooksLikePersonName(last)) return false;
  if (o.marker == Marker::kNumbered) return StartsLowercase(t);
  return true;
}

// Number of short lines in the run starting at i (blank lines allowed in
// between) and the index of the last one.
int ShortRun(const std::vector<std::string>& lines, std::size_t i, std::size_t* last) {
  int count = 0;
  for (std::size_t j = i; j < lines.size(); ++j) {
    if (IsBlank(lines[j])) continue;
    if (IsTableLine(lines[j])) break;
    std::string t = Trim(lines[j]);
    Classified c = Classify(t);
    if (c.markdown_heading || c.marker.kind != Marker::kNone || CodePointCount(t) > kMaxBrokenCell) break;
    ++count;
    *last = j;
  }
  return count;
}

// Heading or paragraph, for numbered lines: a numbered line is a heading
// when the next block is its child ("5." then "5.1."), or when it does not
// end a sentence, is short, and is not followed by a sibling ("5.2." then
// "5.3." are numbered paragraphs, even without a full stop).
bool NumberedIsHeading(const Block& b, const Block* next) {
  bool next_numbered = next != nullptr && next->marker == Marker::kNumbered;
  if (next_numbered && StartsWith(next->number, b.number + ".")) return true;
  if (EndsSentence(b.Text())) return false;
  if (CodePointCount(b.Text()) > 250) return false;
  if (next_numbered && NumberDepth(next->number) == NumberDepth(b.number)) return false;
  return true;
}

void ResolveHeadings(std::vector<Block>* blocks) {
  for (std::size_t i = 0; i < blocks->size(); ++i) {
    Block& b = (*blocks)[i];
    const Block* next = i + 1 < blocks->size() ? &(*blocks)[i + 1] : nullptr;
    if (b.kind == BlockKind::kHeading) {
      if (b.marker == Marker::kRoman || b.marker == Marker::kAppendix) {
        b.level = 2;
      } else if (b.marker == Marker::kNumbered) {
        b.level = std::min(6, 2 + NumberDepth(b.number));
      } else {
        b.level = std::clamp(b.level, 2, 6);
      }
    } else if (b.kind == BlockKind::kParagraph && b.marker == Marker::kNumbered && NumberedIsHeading(b, next)) {
      b.kind = BlockKind::kHeading;
      b.level = std::min(6, 2 + NumberDepth(b.number));
    }
  }
}

}  // namespace

std::vector<Block> BuildBlocks(const std::vector<std::string>& lines, std::size_t first) {
  std::vector<Block> blocks;
  long open = -1;           // index of the block that may take more lines
  bool blank_since = true;  // a blank line since the last consumed line
  for (std::size_t i = first; i < lines.size();) {
    const std::string& raw = lines[i];
    int number = static_cast<int>(i) + 1;
    if (IsBlank(raw)) {
      blank_since = true;
      ++i;
      continue;
    }
    if (IsTableLine(raw)) {
      Block b;
      b.kind = BlockKind::kTable;
      b.line = number;
      bool brk = false;
      std::size_t j = i;
      for (; j < lines.size(); ++j) {
        if (IsBlank(lines[j])) {
          brk = true;
          continue;
        }
        if (!IsTableLine(lines[j])) break;
        b.rows.push_back(TableLine{static_cast<int>(j) + 1, Split(lines[j], '\t'), brk});
        b.end_line = static_cast<int>(j) + 1;
        brk = false;
      }
      blocks.push_back(std::move(b));
      open = -1;
      blank_since = true;
      i = static_cast<std::size_t>(blocks.back().end_line);  // the line after the last row
      continue;
    }
    std::string t = Trim(raw);
    Classified c = Classify(t);
    if (!c.markdown_heading && c.marker.kind == Marker::kNone && CodePointCount(t) <= kMaxBrokenCell) {
      std::size_t last = i;
      if (ShortRun(lines, i, &last) >= kMinBrokenRun) {
        Block b;
        b.kind = BlockKind::kBrokenTable;
        b.line = number;
        b.end_line = static_cast<int>(last) + 1;
        for (std::size_t j = i; j <= last; ++j) {
          if (IsBlank(lines[j])) continue;
          b.lines.push_back(Trim(lines[j]));
          b.line_numbers.push_back(static_cast<int>(j) + 1);
        }
        blocks.push_back(std::move(b));
        open = -1;
        blank_since = true;
        i = last + 1;
        continue;
      }
    }
    bool adjacent = !blank_since;
    blank_since = false;
    ++i;

    if (open >= 0 && !c.markdown_heading && c.marker.kind == Marker::kNone) {
      Block& o = blocks[static_cast<std::size_t>(open)];
      if (adjacent) {
        if (o.kind == BlockKind::kHeading) {
          if (o.marker == Marker::kAppendix && IsAllCaps(t)) {
            o.lines.back() += " " + t;  // an appendix title over two lines
            o.end_line = number;
            o.line_numbers.push_back(number);
            continue;
          }
        } else {
          o.lines.push_back(t);  // hard line break
          o.end_line = number;
          o.line_numbers.push_back(number);
          continue;
        }
      } else if (CanContinue(o, t)) {
        o.lines.back() = JoinCut(o.lines.back(), t);
        o.end_line = number;
        o.line_numbers.push_back(number);
        continue;
      }
    }

    Block b;
    b.line = b.end_line = number;
    b.line_numbers.push_back(number);
    b.marker = c.marker.kind;
    b.number = c.marker.number;
    b.markdown_heading = c.markdown_heading;
    b.lines.push_back(c.text);
    if (c.markdown_heading) {
      b.kind = BlockKind::kHeading;
      b.level = c.markdown_level;
    } else if (c.marker.kind == Marker::kRoman || c.marker.kind == Marker::kAppendix) {
      b.kind = BlockKind::kHeading;
      b.lines.back() = StripHeadingMarkup(c.text);
    } else if (c.marker.kind == Marker::kList) {
      b.kind = BlockKind::kListItem;
    } else {
      b.kind = BlockKind::kParagraph;
    }
    blocks.push_back(std::move(b));
    open = static_cast<long>(blocks.size()) - 1;
  }
  ResolveHeadings(&blocks);
  // A numbered line that became a heading loses its emphasis markers.
  for (Block& b : blocks) {
    if (b.kind == BlockKind::kHeading) {
      for (std::string& l : b.lines) l = StripHeadingMarkup(l);
    }
  }
  return blocks;
}

PlanText ParsePlanText(std::string_view text) {
  std::vector<std::string> lines = Split(text, '\n');
  for (std::string& l : lines) {
    if (!l.empty() && l.back() == '\r') l.pop_back();
  }
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  PlanText plan;
  std::size_t title = lines.size();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (IsTableLine(lines[i])) continue;
    if (CollapseSpace(StripHeadingMarkup(lines[i])) == "KẾ HOẠCH") {
      title = i;
      break;
    }
  }
  std::size_t body = 0;
  if (title < lines.size()) {
    plan.title_line = static_cast<int>(title) + 1;
    for (std::size_t i = 0; i < title; ++i) {
      std::string t = Trim(lines[i]);
      if (!t.empty()) plan.header.emplace_back(static_cast<int>(i) + 1, t);
    }
    body = title + 1;
  }
  plan.blocks = BuildBlocks(lines, body);
  return plan;
}

}  // namespace minhbach::importer
