// JsonRows: a pretty-printed JSON array file built element by element.
//
// site.rows lets each unit add its elements to a shared open-data file (e.g.
// api/v1/trajectory.json) without any thread or process holding the whole
// array as a Value. Written this way the file is byte for byte what
// Value::ToPrettyJson() gives for the whole array:
//
//   "[\n  {\n    \"a\": 1\n  },\n  2\n]\n"      and "[]\n" when empty.
#pragma once

#include <string>
#include <string_view>

namespace minhbach {

// `pretty_json` (Value::ToPrettyJson() of one element, its final newline
// optional) indented one level for the array body: "  {\n    \"a\": 1\n  }".
// Raw newlines in pretty JSON are only ever layout (strings escape theirs),
// so re-indenting is a plain replacement.
std::string JsonRowElement(std::string_view pretty_json);

// Appends the array to a string sink; the sink may be flushed between calls
// (the writer keeps only whether an element was added).
class JsonRowsWriter {
 public:
  void Begin(std::string* out);                          // "["
  void Add(std::string* out, std::string_view element);  // separator + element (from JsonRowElement)
  void End(std::string* out);                            // "\n]\n", or "]\n" when nothing was added

 private:
  bool any_ = false;
};

}  // namespace minhbach
