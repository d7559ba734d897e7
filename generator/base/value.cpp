#include "base/value.h"

#include <charconv>

#include <cmath>
#include <cstdio>

namespace minhbach {

Value& Value::Set(std::string key, Value v) {
  if (type_ != Type::kObject) {
    *this = MakeObject();
  }
  for (auto& m : obj_) {
    if (m.first == key) {
      m.second = std::move(v);
      return m.second;
    }
  }
  obj_.emplace_back(std::move(key), std::move(v));
  return obj_.back().second;
}

const Value* Value::Get(std::string_view key) const {
  if (type_ != Type::kObject) return nullptr;
  for (const auto& m : obj_) {
    if (m.first == key) return &m.second;
  }
  return nullptr;
}

Value* Value::Get(std::string_view key) {
  return const_cast<Value*>(static_cast<const Value*>(this)->Get(key));
}

const std::string& Value::GetString(std::string_view key) const {
  static const std::string kEmpty;
  const Value* v = Get(key);
  return v && v->is_string() ? v->str_ : kEmpty;
}

Value& Value::Push(Value v) {
  if (type_ != Type::kArray) *this = MakeArray();
  arr_.push_back(std::move(v));
  return arr_.back();
}

std::size_t Value::size() const {
  if (type_ == Type::kArray) return arr_.size();
  if (type_ == Type::kObject) return obj_.size();
  return 0;
}

bool Value::Truthy() const {
  switch (type_) {
    case Type::kNull: return false;
    case Type::kBool: return bool_;
    case Type::kNumber: return num_ != 0;
    case Type::kString: return !str_.empty();
    case Type::kArray: return !arr_.empty();
    case Type::kObject: return true;
  }
  return false;
}

std::string FormatJsonNumber(double n) {
  if (!std::isfinite(n)) return "null";
  if (n == std::floor(n) && std::fabs(n) < 1e15) {
    // Integers (most numbers on a page: counts, years) without printf.
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(n));
    return std::string(buf, end);  // -0.0 gives "0"
  }
  // As printf's "%.10f" (to_chars with a precision is specified to round
  // the same way), without printf's cost.
  char buf[400];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n, std::chars_format::fixed, 10);
  std::string s(buf, ec == std::errc() ? end : buf);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

static void AppendJsonString(std::string* out, const std::string& s) {
  out->push_back('"');
  // Copies the runs between bytes that need an escape (most strings have
  // none) instead of pushing byte by byte.
  std::size_t from = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c != '/') continue;
    if (c == '/' && (i == 0 || s[i - 1] != '<')) continue;
    out->append(s, from, i - from);
    from = i + 1;
    switch (c) {
      case '"': *out += "\\\""; break;
      case '\\': *out += "\\\\"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      case '\t': *out += "\\t"; break;
      case '/': *out += "\\/"; break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        *out += buf;
      }
    }
  }
  out->append(s, from, s.size() - from);
  out->push_back('"');
}

void Value::AppendJson(std::string* out, int indent, int depth) const {
  auto newline = [&](int d) {
    if (indent <= 0) return;
    out->push_back('\n');
    out->append(static_cast<std::size_t>(indent * d), ' ');
  };
  switch (type_) {
    case Type::kNull: *out += "null"; break;
    case Type::kBool: *out += bool_ ? "true" : "false"; break;
    case Type::kNumber: *out += FormatJsonNumber(num_); break;
    case Type::kString: AppendJsonString(out, str_); break;
    case Type::kArray:
      out->push_back('[');
      for (std::size_t i = 0; i < arr_.size(); ++i) {
        if (i) out->push_back(',');
        newline(depth + 1);
        arr_[i].AppendJson(out, indent, depth + 1);
      }
      if (!arr_.empty()) newline(depth);
      out->push_back(']');
      break;
    case Type::kObject:
      out->push_back('{');
      for (std::size_t i = 0; i < obj_.size(); ++i) {
        if (i) out->push_back(',');
        newline(depth + 1);
        AppendJsonString(out, obj_[i].first);
        out->push_back(':');
        if (indent > 0) out->push_back(' ');
        obj_[i].second.AppendJson(out, indent, depth + 1);
      }
      if (!obj_.empty()) newline(depth);
      out->push_back('}');
      break;
  }
}

std::string Value::ToJson() const {
  std::string out;
  AppendJson(&out, 0, 0);
  return out;
}

std::string Value::ToPrettyJson() const {
  std::string out;
  AppendJson(&out, 2, 0);
  out.push_back('\n');
  return out;
}

std::string Value::ToJsonLines() const {
  std::string out;
  if (type_ != Type::kArray) {
    AppendJson(&out, 0, 0);
  } else {
    out.push_back('[');
    for (std::size_t i = 0; i < arr_.size(); ++i) {
      out += i ? ",\n" : "\n";
      arr_[i].AppendJson(&out, 0, 0);
    }
    if (!arr_.empty()) out.push_back('\n');
    out.push_back(']');
  }
  out.push_back('\n');
  return out;
}

bool Value::operator==(const Value& o) const {
  if (type_ != o.type_) return false;
  switch (type_) {
    case Type::kNull: return true;
    case Type::kBool: return bool_ == o.bool_;
    case Type::kNumber: return num_ == o.num_;
    case Type::kString: return str_ == o.str_;
    case Type::kArray: return arr_ == o.arr_;
    case Type::kObject: return obj_ == o.obj_;
  }
  return false;
}

}  // namespace minhbach
