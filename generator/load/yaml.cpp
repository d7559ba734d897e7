#include "load/yaml.h"

#include <yaml-cpp/yaml.h>

namespace minhbach {

namespace {

Value Convert(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Sequence: {
      Value arr = Value::MakeArray();
      for (const auto& item : n) arr.Push(Convert(item));
      return arr;
    }
    case YAML::NodeType::Map: {
      Value obj = Value::MakeObject();
      for (const auto& kv : n) obj.Set(kv.first.as<std::string>(), Convert(kv.second));
      return obj;
    }
    case YAML::NodeType::Scalar:
      return Value(n.Scalar());
    default:
      return Value();
  }
}

}  // namespace

Result<Value> ParseYaml(std::string_view text, const std::string& file, int first_line) {
  try {
    YAML::Node root = YAML::Load(std::string(text));
    if (!root.IsDefined() || root.IsNull()) return Value::MakeObject();
    if (!root.IsMap()) {
      return Status::At(file, first_line, "expected YAML fields as 'name: value' lines");
    }
    return Convert(root);
  } catch (const YAML::Exception& e) {
    int line = e.mark.is_null() ? first_line : first_line + e.mark.line;
    return Status::At(file, line, "YAML syntax error: " + e.msg +
                                      " (check the indentation and that values with ':' are quoted)");
  }
}

Result<std::string> RequireString(const Value& map, std::string_view key, const std::string& file, int line,
                                  std::string_view what) {
  const Value* v = map.Get(key);
  if (!v || !v->is_string() || v->as_string().empty()) {
    return Status::At(file, line, "missing '" + std::string(key) + "': expected " + std::string(what));
  }
  return v->as_string();
}

}  // namespace minhbach
