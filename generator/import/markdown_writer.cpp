#include "import/markdown_writer.h"

#include "base/text.h"

namespace minhbach::importer {

namespace {

bool IsAsciiAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

std::string TableCell(const std::string& cell, bool bold) {
  std::string out = ReplaceAll(EscapeInline(cell), "|", "\\|");
  if (bold && !out.empty() && out.find("**") == std::string::npos) out = "**" + out + "**";
  return out;
}

std::string TableRowLine(const std::vector<std::string>& cells, bool bold) {
  std::string out = "|";
  for (const std::string& c : cells) {
    std::string cell = TableCell(c, bold);
    out += cell.empty() ? " |" : " " + cell + " |";
  }
  return out;
}

// Lines of a block joined by hard line breaks ("\" at the end of a line).
std::string HardLines(const std::vector<std::string>& lines, const std::string& indent) {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += "\\\n" + indent;
    out += EscapeLineStart(EscapeInline(lines[i]));
  }
  return out;
}

}  // namespace

std::string EscapeInline(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    char n = i + 1 < s.size() ? s[i + 1] : '\0';
    if (c == '<' && (IsAsciiAlnum(n) || n == '/' || n == '!' || n == '?')) {
      out += "\\<";
      continue;
    }
    if (c == '&' && (IsAsciiAlnum(n) || n == '#')) {
      std::size_t semi = s.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 32) {
        out += "\\&";
        continue;
      }
    }
    out.push_back(c);
  }
  return out;
}

std::string EscapeLineStart(std::string_view s) {
  std::string t(s);
  if (t.empty()) return t;
  // Ordered list: "1. ", "12) " (also at the very end of the line).
  std::size_t d = 0;
  while (d < t.size() && d < 9 && t[d] >= '0' && t[d] <= '9') ++d;
  if (d > 0 && d < t.size() && (t[d] == '.' || t[d] == ')') && (d + 1 == t.size() || t[d + 1] == ' ')) {
    return t.substr(0, d) + "\\" + t.substr(d);
  }
  char c = t[0];
  if (c == '#' || c == '>' || c == '=' || c == '|' || c == '`' || c == '~') return "\\" + t;
  if ((c == '+' || c == '-' || c == '*') && (t.size() == 1 || t[1] == ' ')) return "\\" + t;
  // A line of only -, * or _ would be a thematic break or a setext underline.
  bool rule = t.find_first_not_of("-*_ ") == std::string::npos;
  if (rule) return "\\" + t;
  return t;
}

std::string TableMarkdown(const Table& table) {
  std::string out = TableRowLine(table.header, false) + "\n|";
  for (std::size_t i = 0; i < table.header.size(); ++i) out += " --- |";
  for (const TableRow& row : table.rows) out += "\n" + TableRowLine(row.cells, IsSectionRow(row));
  return out;
}

std::string BlockMarkdown(const Block& block, const Table* table) {
  switch (block.kind) {
    case BlockKind::kHeading:
      return std::string(static_cast<std::size_t>(block.level), '#') + " " + EscapeInline(block.Text());
    case BlockKind::kListItem:
      return "- " + HardLines(block.lines, "  ");
    case BlockKind::kTable:
      return table != nullptr ? TableMarkdown(*table) : std::string();
    case BlockKind::kParagraph:
    case BlockKind::kBrokenTable:
      return HardLines(block.lines, "");
  }
  return std::string();
}

std::string BodyMarkdown(const std::vector<Block>& blocks, const std::vector<const Table*>& tables) {
  std::string out;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    std::string md = BlockMarkdown(blocks[i], i < tables.size() ? tables[i] : nullptr);
    if (md.empty()) continue;
    if (!out.empty()) {
      bool tight = blocks[i].kind == BlockKind::kListItem && i > 0 && blocks[i - 1].kind == BlockKind::kListItem;
      out += tight ? "\n" : "\n\n";
    }
    out += md;
  }
  if (!out.empty()) out += "\n";
  return out;
}

}  // namespace minhbach::importer
