#include "base/value.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "base/text.h"

namespace minhbach {

const std::string& Value::EmptyString() {
  static const std::string kEmpty;
  return kEmpty;
}
const Value::Array& Value::EmptyArray() {
  static const Array kEmpty;
  return kEmpty;
}
const Value::Object& Value::EmptyObject() {
  static const Object kEmpty;
  return kEmpty;
}
Value::Array& Value::ScratchArray() {
  thread_local Array scratch;
  scratch.clear();
  return scratch;
}
Value::Object& Value::ScratchObject() {
  thread_local Object scratch;
  scratch.clear();
  return scratch;
}

void Value::DestroyMember() noexcept {
  switch (type_) {
    case Type::kArray: u_.a.~Array(); break;
    case Type::kObject: u_.o.~Object(); break;
    default: break;
  }
}

void Value::CopyFrom(const Value& o) {
  switch (o.type_) {
    case Type::kNull: break;
    case Type::kBool: u_.b = o.u_.b; break;
    case Type::kNumber: u_.n = o.u_.n; break;
    case Type::kString: new (&u_.s) std::string(o.u_.s); break;
    case Type::kArray: new (&u_.a) Array(o.u_.a); break;
    case Type::kObject: new (&u_.o) Object(o.u_.o); break;
  }
  type_ = o.type_;
}

namespace {
// Key equality for the linear scans below: object keys are short and mostly
// differ in length or first byte, so memcmp runs only on likely matches.
inline bool SameKey(const std::string& a, std::string_view b) {
  return a.size() == b.size() && (b.empty() || (a[0] == b[0] && std::memcmp(a.data(), b.data(), b.size()) == 0));
}
}  // namespace

Value& Value::Set(std::string key, Value v) {
  if (type_ != Type::kObject) {
    *this = MakeObject();
  }
  for (auto& m : u_.o) {
    if (SameKey(m.first, key)) {
      m.second = std::move(v);
      return m.second;
    }
  }
  // Objects are built by a run of Sets; start at 8 members, not 1, 2, 4.
  if (u_.o.empty()) u_.o.reserve(8);
  u_.o.emplace_back(std::move(key), std::move(v));
  return u_.o.back().second;
}

const Value* Value::Get(std::string_view key) const {
  if (type_ != Type::kObject) return nullptr;
  for (const auto& m : u_.o) {
    if (SameKey(m.first, key)) return &m.second;
  }
  return nullptr;
}

Value* Value::Get(std::string_view key) {
  return const_cast<Value*>(static_cast<const Value*>(this)->Get(key));
}

const std::string& Value::GetString(std::string_view key) const {
  const Value* v = Get(key);
  return v && v->is_string() ? v->u_.s : EmptyString();
}

Value& Value::Push(Value v) {
  if (type_ != Type::kArray) *this = MakeArray();
  u_.a.push_back(std::move(v));
  return u_.a.back();
}

std::size_t Value::size() const {
  if (type_ == Type::kArray) return u_.a.size();
  if (type_ == Type::kObject) return u_.o.size();
  return 0;
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
  // none) instead of pushing byte by byte. "</" is looked for from its '<':
  // the '/' of every path and URL would stop the scan.
  static constexpr char kSpecial[5] = {'"', '\\', '<', '"', '"'};
  std::size_t from = 0;
  for (std::size_t i = FindEscapable(s, 0, kSpecial, 0x20); i < s.size(); i = FindEscapable(s, i + 1, kSpecial, 0x20)) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '<') {
      if (i + 1 < s.size() && s[i + 1] == '/') {
        out->append(s, from, i + 1 - from);
        *out += "\\/";
        from = i + 2;
        ++i;
      }
      continue;
    }
    out->append(s, from, i - from);
    from = i + 1;
    switch (c) {
      case '"': *out += "\\\""; break;
      case '\\': *out += "\\\\"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      case '\t': *out += "\\t"; break;
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
    case Type::kBool: *out += u_.b ? "true" : "false"; break;
    case Type::kNumber: *out += FormatJsonNumber(u_.n); break;
    case Type::kString: AppendJsonString(out, u_.s); break;
    case Type::kArray:
      out->push_back('[');
      for (std::size_t i = 0; i < u_.a.size(); ++i) {
        if (i) out->push_back(',');
        newline(depth + 1);
        u_.a[i].AppendJson(out, indent, depth + 1);
      }
      if (!u_.a.empty()) newline(depth);
      out->push_back(']');
      break;
    case Type::kObject:
      out->push_back('{');
      for (std::size_t i = 0; i < u_.o.size(); ++i) {
        if (i) out->push_back(',');
        newline(depth + 1);
        AppendJsonString(out, u_.o[i].first);
        out->push_back(':');
        if (indent > 0) out->push_back(' ');
        u_.o[i].second.AppendJson(out, indent, depth + 1);
      }
      if (!u_.o.empty()) newline(depth);
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
    for (std::size_t i = 0; i < u_.a.size(); ++i) {
      out += i ? ",\n" : "\n";
      u_.a[i].AppendJson(&out, 0, 0);
    }
    if (!u_.a.empty()) out.push_back('\n');
    out.push_back(']');
  }
  out.push_back('\n');
  return out;
}

bool Value::operator==(const Value& o) const {
  if (type_ != o.type_) return false;
  switch (type_) {
    case Type::kNull: return true;
    case Type::kBool: return u_.b == o.u_.b;
    case Type::kNumber: return u_.n == o.u_.n;
    case Type::kString: return u_.s == o.u_.s;
    case Type::kArray: return u_.a == o.u_.a;
    case Type::kObject: return u_.o == o.u_.o;
  }
  return false;
}

}  // namespace minhbach
