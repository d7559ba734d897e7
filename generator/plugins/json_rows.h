// JsonRows: an api/v1 JSON array file built element by element.
//
// site.rows lets each unit add its elements to a shared open-data file (e.g.
// api/v1/trajectory.json) without any thread or process holding the whole
// array as a Value. Written this way the file is byte for byte what
// Value::ToJsonLines() gives for the whole array, one element per line:
//
//   "[\n{\"a\":1},\n2\n]\n"      and "[]\n" when empty.
#pragma once

#include <string>
#include <string_view>

namespace minhbach {

class Value;

// One element as it stands in the array: compact JSON on one line (strings
// escape their newlines).
std::string JsonRowElement(const Value& element);

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
