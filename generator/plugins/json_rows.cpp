#include "plugins/json_rows.h"

#include "base/value.h"

namespace minhbach {

std::string JsonRowElement(const Value& element) { return element.ToJson(); }

void JsonRowsWriter::Begin(std::string* out) {
  any_ = false;
  out->push_back('[');
}

void JsonRowsWriter::Add(std::string* out, std::string_view element) {
  out->append(any_ ? ",\n" : "\n");
  out->append(element);
  any_ = true;
}

void JsonRowsWriter::End(std::string* out) { out->append(any_ ? "\n]\n" : "]\n"); }

}  // namespace minhbach
