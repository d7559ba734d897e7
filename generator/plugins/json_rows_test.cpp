#include <catch2/catch.hpp>

#include <algorithm>

#include "base/value.h"
#include "plugins/json_rows.h"

namespace minhbach {
namespace {

// What JsonRows writes for `items`, each added as its own element.
std::string Written(const std::vector<Value>& items) {
  std::string out;
  JsonRowsWriter w;
  w.Begin(&out);
  for (const Value& v : items) w.Add(&out, JsonRowElement(v));
  w.End(&out);
  return out;
}

std::string Whole(const std::vector<Value>& items) {
  Value array = Value::MakeArray();
  for (const Value& v : items) array.as_array().push_back(v);
  return array.ToJsonLines();
}

TEST_CASE("json rows: element by element gives the bytes of the whole array", "[plugins]") {
  CHECK(Written({}) == "[]\n");
  CHECK(Written({}) == Whole({}));

  Value nested = Value::MakeObject();
  nested.Set("indicator", Value("dai-son/nq11-pl2-22"));
  nested.Set("latest", Value());
  Value milestones = Value::MakeArray();
  Value m = Value::MakeObject();
  m.Set("raw", Value("≥ 85%\nmới\t\"x\" </script>"));  // escapes keep newlines out of the layout
  m.Set("year", Value(2030.0));
  milestones.as_array().push_back(m);
  milestones.as_array().push_back(Value::MakeArray());  // empty array inside
  nested.Set("milestones", milestones);
  nested.Set("empty", Value::MakeObject());
  nested.Set("ratio", Value(0.631579));

  std::vector<std::vector<Value>> cases = {
      {Value(1.0)},
      {Value("a"), Value(true), Value()},
      {nested},
      {nested, Value::MakeObject(), Value::MakeArray(), nested},
  };
  for (const auto& items : cases) {
    INFO(Whole(items));
    CHECK(Written(items) == Whole(items));
  }
  CHECK(Written({Value(1.0), Value(2.0)}) == "[\n1,\n2\n]\n");
  // One element per line: a string's newline stays escaped.
  CHECK(Written({nested}).find("\\n") != std::string::npos);
  const std::string two = Written({nested, nested});
  CHECK(std::count(two.begin(), two.end(), '\n') == 4);
}

TEST_CASE("json rows: the sink may be emptied between elements", "[plugins]") {
  Value a = Value::MakeObject();
  a.Set("k", Value("v"));
  std::string all, chunk;
  JsonRowsWriter w;
  w.Begin(&chunk);
  all += chunk, chunk.clear();
  w.Add(&chunk, JsonRowElement(a));
  all += chunk, chunk.clear();
  w.Add(&chunk, JsonRowElement(a));
  all += chunk, chunk.clear();
  w.End(&chunk);
  all += chunk;
  CHECK(all == Whole({a, a}));
}

}  // namespace
}  // namespace minhbach
