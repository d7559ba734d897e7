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

}  // namespace
}  // namespace minhbach
