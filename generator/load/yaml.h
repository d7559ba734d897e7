// YAML → Value, with errors that name the file and line. YAML is the one
// format for site.yaml and front matter (the Hugo/Jekyll convention).
// Scalars stay strings: consumers decide what a field means.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "base/value.h"

namespace minhbach {

// `first_line` is the line of the file where `text` starts (front matter
// begins after the opening "---").
Result<Value> ParseYaml(std::string_view text, const std::string& file, int first_line = 1);

// Reads a required string field of a YAML mapping. Errors name the field.
Result<std::string> RequireString(const Value& map, std::string_view key, const std::string& file,
                                  int line, std::string_view what);

}  // namespace minhbach
