// Shortcodes in plan Markdown: {{< name key="value" key2="v" >}}.
//
// The syntax is Hugo's, restricted to what plan texts need: a name
// ([a-z][a-z0-9_-]*), then key="value" pairs in double quotes, where a
// backslash escapes a quote or a backslash. Shortcodes inside fenced code
// blocks (``` or ~~~) are text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace minhbach {

struct ShortcodeUse {
  std::size_t begin = 0;  // byte offset of "{{<"
  std::size_t end = 0;    // byte offset just past ">}}"
  int line = 0;           // 1-based line of "{{<"
  std::string name;
  std::vector<std::pair<std::string, std::string>> args;  // in written order
  std::string error;      // non-empty when the use is malformed (then name/args are partial)
};

// Every shortcode use in `markdown`, in order. A malformed one is returned
// with `error` set (e.g. an unterminated quote), so the caller can report it
// with its line instead of publishing the braces.
std::vector<ShortcodeUse> FindShortcodes(std::string_view markdown);

}  // namespace minhbach
