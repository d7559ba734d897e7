#include "plugins/json_rows.h"

namespace minhbach {

std::string JsonRowElement(std::string_view pretty_json) {
  if (!pretty_json.empty() && pretty_json.back() == '\n') pretty_json.remove_suffix(1);
  std::string out;
  out.reserve(pretty_json.size() + pretty_json.size() / 8 + 2);
  out += "  ";
  for (char c : pretty_json) {
    out.push_back(c);
    if (c == '\n') out += "  ";
  }
  return out;
}

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
