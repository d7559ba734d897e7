#include "load/front_matter.h"

#include <algorithm>

#include "base/fs.h"
#include "base/text.h"
#include "load/yaml.h"

namespace minhbach {

int FieldLine(std::string_view text, std::string_view key) {
  int line = 1;
  for (std::size_t at = 0; at < text.size(); ++line) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    const std::string_view l = text.substr(at, end - at);
    if (StartsWith(l, key) && l.substr(key.size(), 1) == ":") return line;
    at = end + 1;
  }
  return 1;
}

Result<Document> ParseFrontMatter(std::string_view text, const std::string& file) {
  Document doc;
  doc.file = file;
  doc.fields = Value::MakeObject();
  if (!StartsWith(text, "---\n")) {
    doc.body = std::string(text);
    return doc;
  }
  std::size_t end = text.find("\n---", 3);
  while (end != std::string_view::npos) {
    std::size_t after = end + 4;
    if (after == text.size() || text[after] == '\n') break;
    end = text.find("\n---", end + 1);
  }
  if (end == std::string_view::npos) {
    return Status::At(file, 1, "front matter opened with '---' is never closed: add a line '---' after the fields");
  }
  std::string_view yaml = text.substr(4, end + 1 - 4);
  Result<Value> fields = ParseYaml(yaml, file, 2);
  if (!fields.ok()) return fields.status();
  doc.fields = std::move(fields.value());
  std::size_t body_start = std::min(text.size(), end + 5);
  int lines_before = 0;
  for (std::size_t i = 0; i < body_start; ++i) {
    if (text[i] == '\n') ++lines_before;
  }
  doc.body = std::string(text.substr(body_start));
  doc.body_line = lines_before + 1;
  return doc;
}

Result<Document> ReadDocument(const std::string& path) {
  Result<std::string> text = ReadTextFile(path);
  if (!text.ok()) return text.status();
  return ParseFrontMatter(text.value(), path);
}

namespace {

std::string YamlScalar(const std::string& s) {
  // Always double-quote: Vietnamese titles carry ':' and leading digits.
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    if (c == '\n') { out += "\\n"; continue; }
    out.push_back(c);
  }
  return out + "\"";
}

void WriteYamlValue(std::string* out, const Value& v, int indent) {
  std::string pad(static_cast<std::size_t>(indent), ' ');
  if (v.is_array()) {
    if (v.as_array().empty()) { *out += " []\n"; return; }
    *out += "\n";
    for (const auto& item : v.as_array()) {
      *out += pad + "  -";
      if (item.is_object() || item.is_array()) {
        WriteYamlValue(out, item, indent + 4);
      } else {
        *out += " " + YamlScalar(item.is_string() ? item.as_string() : item.ToJson()) + "\n";
      }
    }
  } else if (v.is_object()) {
    *out += "\n";
    for (const auto& [k, val] : v.as_object()) {
      *out += pad + "  " + k + ":";
      WriteYamlValue(out, val, indent + 2);
    }
  } else if (v.is_null()) {
    *out += "\n";
  } else {
    *out += " " + YamlScalar(v.is_string() ? v.as_string() : v.ToJson()) + "\n";
  }
}

}  // namespace

std::string WriteFrontMatter(const Value& fields, std::string_view body) {
  std::string out = "---\n";
  for (const auto& [k, v] : fields.as_object()) {
    out += k + ":";
    WriteYamlValue(&out, v, 0);
  }
  out += "---\n";
  out += body;
  return out;
}

}  // namespace minhbach
