// Front matter: a YAML block between "---" lines at the top of a Markdown file.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "base/value.h"

namespace minhbach {

struct Document {
  std::string file;  // path, for messages
  Value fields;      // front matter (an object; empty when there is none)
  std::string body;  // Markdown after the front matter
  int body_line = 1; // line of `body`'s first line in the file
};

Result<Document> ParseFrontMatter(std::string_view text, const std::string& file);

// The line of the top-level field `key:` in a file's text (1 when it is not
// there), for messages about that field.
int FieldLine(std::string_view text, std::string_view key);
// Reads a file (UTF-8 checked, NFC) and parses it.
Result<Document> ReadDocument(const std::string& path);

// Renders fields + body back into a file, fields in the given order.
std::string WriteFrontMatter(const Value& fields, std::string_view body);

}  // namespace minhbach
