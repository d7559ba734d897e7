#include "plugins/shortcode.h"

#include <algorithm>

namespace minhbach {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsNameStart(char c) { return c >= 'a' && c <= 'z'; }
bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9') || c == '_' || c == '-'; }
bool IsKeyChar(char c) { return IsNameChar(c) || (c >= 'A' && c <= 'Z'); }

// Parses the shortcode whose "{{<" is at `begin`. Fills `use` (with error set
// when malformed) and returns the offset to continue scanning from.
std::size_t ParseOne(std::string_view md, std::size_t begin, ShortcodeUse* use) {
  std::size_t i = begin + 3;
  auto skip_space = [&] {
    while (i < md.size() && IsSpace(md[i])) ++i;
  };
  auto fail = [&](std::string message) {
    use->error = std::move(message);
    std::size_t close = md.find(">}}", begin + 3);
    std::size_t nl = md.find('\n', begin);
    // Resume after the closing braces when they are on the same line,
    // otherwise after "{{<" so that nothing else is swallowed.
    use->end = (close != std::string_view::npos && (nl == std::string_view::npos || close < nl)) ? close + 3 : begin + 3;
    return use->end;
  };
  skip_space();
  std::size_t name_start = i;
  if (i >= md.size() || !IsNameStart(md[i])) return fail("shortcode: expected a name after '{{<' (lower-case letters, digits, '-', '_')");
  while (i < md.size() && IsNameChar(md[i])) ++i;
  use->name = std::string(md.substr(name_start, i - name_start));
  while (true) {
    std::size_t before = i;
    skip_space();
    if (md.substr(i, 3) == ">}}") {
      use->end = i + 3;
      return use->end;
    }
    if (i >= md.size()) return fail("shortcode '" + use->name + "': missing '>}}'");
    if (i == before) return fail("shortcode '" + use->name + "': expected a space before the next argument");
    std::size_t key_start = i;
    while (i < md.size() && IsKeyChar(md[i])) ++i;
    if (i == key_start) return fail("shortcode '" + use->name + "': expected key=\"value\"");
    std::string key(md.substr(key_start, i - key_start));
    if (i >= md.size() || md[i] != '=' || i + 1 >= md.size() || md[i + 1] != '"') {
      return fail("shortcode '" + use->name + "': argument '" + key + "' needs a value in double quotes (" + key +
                  "=\"...\")");
    }
    i += 2;
    std::string value;
    bool closed = false;
    while (i < md.size()) {
      char c = md[i];
      if (c == '\\' && i + 1 < md.size() && (md[i + 1] == '"' || md[i + 1] == '\\')) {
        value.push_back(md[i + 1]);
        i += 2;
        continue;
      }
      if (c == '"') {
        closed = true;
        ++i;
        break;
      }
      if (c == '\n') break;
      value.push_back(c);
      ++i;
    }
    if (!closed) return fail("shortcode '" + use->name + "': the value of '" + key + "' has no closing quote on its line");
    use->args.emplace_back(std::move(key), std::move(value));
  }
}

// Length of a code fence opening at the start of `line` ("```", "~~~~"), or 0.
std::size_t FenceLength(std::string_view line, char* fence_char) {
  std::size_t i = 0;
  while (i < line.size() && i < 3 && line[i] == ' ') ++i;
  if (i >= line.size() || (line[i] != '`' && line[i] != '~')) return 0;
  char c = line[i];
  std::size_t n = 0;
  while (i + n < line.size() && line[i + n] == c) ++n;
  if (n < 3) return 0;
  *fence_char = c;
  return n;
}

}  // namespace

std::vector<ShortcodeUse> FindShortcodes(std::string_view md) {
  std::vector<ShortcodeUse> uses;
  int line = 1;
  std::size_t line_start = 0;
  std::size_t fence_len = 0;  // >0 while inside a fenced code block
  char fence_char = 0;
  std::size_t i = 0;
  // Line by line for fences; within a line, scan for "{{<".
  while (line_start <= md.size()) {
    std::size_t nl = md.find('\n', line_start);
    std::size_t line_end = nl == std::string_view::npos ? md.size() : nl;
    std::string_view text = md.substr(line_start, line_end - line_start);
    char c = 0;
    std::size_t n = FenceLength(text, &c);
    if (fence_len > 0) {
      if (n >= fence_len && c == fence_char) fence_len = 0;
    } else if (n > 0) {
      fence_len = n;
      fence_char = c;
    } else {
      i = std::max(i, line_start);
      while (true) {
        std::size_t p = md.find("{{<", i);
        if (p == std::string_view::npos || p >= line_end) break;
        ShortcodeUse use;
        use.begin = p;
        use.line = line;
        i = ParseOne(md, p, &use);
        uses.push_back(std::move(use));
        if (i > line_end) {
          // The shortcode spanned lines: account for the newlines it covered.
          for (std::size_t k = line_end; k < i && k < md.size(); ++k) {
            if (md[k] == '\n') {
              ++line;
              line_start = k + 1;
            }
          }
          nl = md.find('\n', line_start);
          line_end = nl == std::string_view::npos ? md.size() : nl;
        }
      }
    }
    if (nl == std::string_view::npos) break;
    ++line;
    line_start = nl + 1;
  }
  return uses;
}

}  // namespace minhbach
