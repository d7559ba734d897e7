#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>

#include "base/value.h"

namespace minhbach {
namespace {

// FormatJsonNumber's definition: printf's "%.10f" without trailing zeros,
// integers below 1e15 as integers.
std::string ByPrintf(double n) {
  char buf[400];
  std::snprintf(buf, sizeof buf, "%.10f", n);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

TEST_CASE("FormatJsonNumber rounds as printf's %.10f does", "[value]") {
  CHECK(FormatJsonNumber(0.631579) == "0.631579");
  CHECK(FormatJsonNumber(66) == "66");
  CHECK(FormatJsonNumber(-2.5) == "-2.5");
  CHECK(FormatJsonNumber(1.0 / 3.0) == "0.3333333333");
  CHECK(FormatJsonNumber(2.0 / 3.0) == "0.6666666667");
  CHECK(FormatJsonNumber(1e-12) == "0");
  CHECK(FormatJsonNumber(1e20) == "100000000000000000000");
  CHECK(FormatJsonNumber(0.1 + 0.2) == "0.3");
  // Many doubles of every size: the same text as printf.
  std::uint64_t x = 88172645463325252ull;
  for (int i = 0; i < 20000; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    double d;
    const std::uint64_t bits = (x & 0x800FFFFFFFFFFFFFull) | ((1023ull - 40 + (x >> 52) % 90) << 52);
    std::memcpy(&d, &bits, sizeof d);  // magnitudes 2^-40 .. 2^50, both signs
    if (d == static_cast<double>(static_cast<long long>(d))) continue;
    INFO(d);
    REQUIRE(FormatJsonNumber(d) == ByPrintf(d));
  }
}

TEST_CASE("ToJson escapes quotes, backslashes, control characters and </", "[value]") {
  Value v("a\"b\\c\nd\te\r\x01 </script> 1/2 ≥ 85%");
  CHECK(v.ToJson() == "\"a\\\"b\\\\c\\nd\\te\\r\\u0001 <\\/script> 1/2 ≥ 85%\"");
  CHECK(Value("/x").ToJson() == "\"/x\"");
  CHECK(Value("").ToJson() == "\"\"");
}

TEST_CASE("ToJson finds bytes to escape at every offset of long strings", "[value]") {
  // Strings are scanned 16 bytes at a time: put each byte that needs an
  // escape at every offset of a string longer than a step, among
  // Vietnamese (multi-byte) text, and compare with escaping byte by byte.
  auto one_by_one = [](const std::string& s) {
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(s[i]);
      if (c == '"') out += "\\\"";
      else if (c == '\\') out += "\\\\";
      else if (c == '\n') out += "\\n";
      else if (c == '\r') out += "\\r";
      else if (c == '\t') out += "\\t";
      else if (c == '/' && i > 0 && s[i - 1] == '<') out += "\\/";
      else if (c < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      } else {
        out += static_cast<char>(c);
      }
    }
    return out + "\"";
  };
  const std::string base = "Tỷ lệ hồ sơ trực tuyến toàn trình (%) năm 2030";
  for (const std::string special : {"\"", "\\", "\n", "\x01", "\x1f", "/", "</", "<", "<</", "\t"}) {
    for (std::size_t at = 0; at <= base.size(); ++at) {
      std::string s = base;
      s.insert(at, special);
      INFO(at);
      CHECK(Value(s).ToJson() == one_by_one(s));
    }
  }
  CHECK(Value(base).ToJson() == one_by_one(base));
}

TEST_CASE("Values copy, move and assign as the data they hold", "[value]") {
  Value tree = Value::MakeObject();
  tree.Set("name", "Đại Sơn");
  tree.Set("n", 3);
  tree.Set("ok", true);
  tree.Set("list", Value(Value::Array{"a", Value(Value::Array{1, 2}), Value()}));
  const std::string json = tree.ToJson();
  CHECK(json == R"({"name":"Đại Sơn","n":3,"ok":true,"list":["a",[1,2],null]})");

  Value copy = tree;
  copy.Set("n", 4);
  CHECK(tree.ToJson() == json);  // the copy is its own
  Value moved = std::move(copy);
  CHECK(moved.GetString("name") == "Đại Sơn");
  CHECK(copy.is_null());  // NOLINT: a moved-from Value is null

  // Assigning a part of a value to the value itself.
  Value whole = tree;
  whole = whole.as_object()[3].second;
  CHECK(whole.ToJson() == R"(["a",[1,2],null])");
  whole = std::move(whole.as_array()[1]);
  CHECK(whole.ToJson() == "[1,2]");
  Value& self = whole;
  whole = self;
  CHECK(whole.ToJson() == "[1,2]");

  // Every kind over every kind.
  const Value kinds[] = {Value(), Value(false), Value(2.5), Value("x"), Value(Value::Array{1}), tree};
  for (const Value& from : kinds) {
    for (const Value& to : kinds) {
      Value v = to;
      v = from;
      CHECK(v == from);
      Value w = to;
      Value f = from;
      w = std::move(f);
      CHECK(w == from);
    }
  }
}

TEST_CASE("A Value read as another type is empty", "[value]") {
  Value s("text");
  CHECK(s.as_array().empty());
  CHECK(s.as_object().empty());
  CHECK_FALSE(s.as_bool());
  CHECK(s.as_number() == 0);
  CHECK(Value(7).as_string().empty());
  // Writing through the wrong type changes nothing.
  s.as_array().push_back(Value(1));
  CHECK(s.as_array().empty());
  CHECK(s.ToJson() == "\"text\"");
  CHECK(s.size() == 0);
}

}  // namespace
}  // namespace minhbach
