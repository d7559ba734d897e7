// Value: a small ordered data tree (null, bool, number, string, array, object).
//
// It is the one currency between the stages: plug-ins hand Values to the host,
// the site stage builds page data as Values, templates render them, and open
// data is written from them as JSON. Objects keep insertion order so that
// nothing unordered can reach the output (builds must be byte-identical).
#pragma once

#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace minhbach {

class Value {
 public:
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };
  using Array = std::vector<Value>;
  using Member = std::pair<std::string, Value>;
  using Object = std::vector<Member>;

  Value() {}
  Value(std::nullptr_t) {}                                                      // NOLINT
  Value(bool b) : type_(Type::kBool) { u_.b = b; }                              // NOLINT
  Value(int n) : Value(static_cast<double>(n)) {}                               // NOLINT
  Value(long n) : Value(static_cast<double>(n)) {}                              // NOLINT
  Value(long long n) : Value(static_cast<double>(n)) {}                         // NOLINT
  Value(double n) : type_(Type::kNumber) { u_.n = n; }                          // NOLINT
  Value(std::string s) : type_(Type::kString) { new (&u_.s) std::string(std::move(s)); }  // NOLINT
  Value(std::string_view s) : type_(Type::kString) { new (&u_.s) std::string(s); }        // NOLINT
  Value(const char* s) : type_(Type::kString) { new (&u_.s) std::string(s); }             // NOLINT
  Value(Array a) : type_(Type::kArray) { new (&u_.a) Array(std::move(a)); }               // NOLINT
  Value(Object o) : type_(Type::kObject) { new (&u_.o) Object(std::move(o)); }            // NOLINT
  Value(const Value& o) { CopyFrom(o); }
  Value(Value&& o) noexcept { MoveFrom(std::move(o)); }
  Value& operator=(const Value& o) {
    if (this != &o) {
      Value copy(o);  // `o` may live inside *this
      Destroy();
      MoveFrom(std::move(copy));
    }
    return *this;
  }
  Value& operator=(Value&& o) noexcept {
    if (this != &o) {
      Value moved(std::move(o));  // `o` may live inside *this
      Destroy();
      MoveFrom(std::move(moved));
    }
    return *this;
  }
  ~Value() { Destroy(); }

  static Value MakeArray() { return Value(Array{}); }
  static Value MakeObject() { return Value(Object{}); }

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::kNull; }
  bool is_bool() const { return type_ == Type::kBool; }
  bool is_number() const { return type_ == Type::kNumber; }
  bool is_string() const { return type_ == Type::kString; }
  bool is_array() const { return type_ == Type::kArray; }
  bool is_object() const { return type_ == Type::kObject; }

  // The value as its type; a value of another type reads as false, 0, "",
  // [] or {} (and what is written through the mutable forms then is lost).
  bool as_bool() const { return type_ == Type::kBool && u_.b; }
  double as_number() const { return type_ == Type::kNumber ? u_.n : 0; }
  const std::string& as_string() const { return type_ == Type::kString ? u_.s : EmptyString(); }
  const Array& as_array() const { return type_ == Type::kArray ? u_.a : EmptyArray(); }
  Array& as_array() { return type_ == Type::kArray ? u_.a : ScratchArray(); }
  const Object& as_object() const { return type_ == Type::kObject ? u_.o : EmptyObject(); }
  Object& as_object() { return type_ == Type::kObject ? u_.o : ScratchObject(); }

  // Object access. Set() replaces an existing key in place (keeping its
  // position) or appends. Get() returns nullptr when absent or not an object.
  Value& Set(std::string key, Value v);
  const Value* Get(std::string_view key) const;
  Value* Get(std::string_view key);
  // Convenience: the string at key, or "" when absent / not a string.
  const std::string& GetString(std::string_view key) const;

  // Array append (turns a null into an array).
  Value& Push(Value v);
  std::size_t size() const;

  // Compact, deterministic JSON (UTF-8 as is; control characters, quote and
  // backslash escaped; "</" written as "<\/" so JSON can sit in a <script>).
  std::string ToJson() const;
  // Two-space indented JSON with a trailing newline, for files people read.
  std::string ToPrettyJson() const;
  // An array as "[\n" + one compact element per line, joined by ",\n" +
  // "\n]\n" ("[]\n" when empty): the layout of the api/v1 array files.
  // A third smaller than the indented form at a province's scale (what a
  // rebuild copies and a phone downloads), and still one record per line for
  // grep and diff. Any other value: ToJson() and a newline.
  std::string ToJsonLines() const;
  void AppendJson(std::string* out, int indent, int depth) const;

  bool operator==(const Value& other) const;

 private:
  static const std::string& EmptyString();
  static const Array& EmptyArray();
  static const Object& EmptyObject();
  static Array& ScratchArray();
  static Object& ScratchObject();
  // Inline for the scalars (most Values); containers out of line.
  void Destroy() noexcept {
    if (type_ == Type::kString) {
      u_.s.~basic_string();
    } else if (type_ > Type::kString) {
      DestroyMember();
    }
    type_ = Type::kNull;
  }
  void MoveFrom(Value&& o) noexcept {  // *this holds nothing yet
    if (o.type_ < Type::kString) {
      u_.n = 0;
      if (o.type_ == Type::kBool) u_.b = o.u_.b;
      if (o.type_ == Type::kNumber) u_.n = o.u_.n;
      type_ = o.type_;
      o.type_ = Type::kNull;
      return;
    }
    MoveMember(std::move(o));
  }
  void DestroyMember() noexcept;  // an array or object
  void MoveMember(Value&& o) noexcept;
  void CopyFrom(const Value& o);

  // One member of the union is alive, the one `type_` names (none for null;
  // u_.n or u_.b are plain): a Value is 40 bytes, not the 104 of one member
  // of each kind, and moving or destroying one touches one member. Page
  // data are built from millions of them.
  Type type_ = Type::kNull;
  union Storage {
    Storage() : n(0) {}
    ~Storage() {}
    bool b;
    double n;
    std::string s;
    Array a;
    Object o;
  } u_;
};

inline void Value::MoveMember(Value&& o) noexcept {
  switch (o.type_) {
    case Type::kString: new (&u_.s) std::string(std::move(o.u_.s)); break;
    case Type::kArray: new (&u_.a) Array(std::move(o.u_.a)); break;
    case Type::kObject: new (&u_.o) Object(std::move(o.u_.o)); break;
    default: break;
  }
  type_ = o.type_;
  o.Destroy();  // a moved-from Value is null
}

// Formats a double the way JSON wants it: integers without a fraction,
// others with up to 10 significant decimals and no trailing zeros.
std::string FormatJsonNumber(double n);

}  // namespace minhbach
