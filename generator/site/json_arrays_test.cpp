#include "site/json_arrays.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/value.h"

namespace minhbach {
namespace {

std::string Element(long long n) {
  Value v = Value::MakeObject();
  v.Set("n", n);
  return JsonRowElement(v);
}

// Units 0..3 finishing in the order 2, 0, 3, 1 (as worker threads do).
void PutOutOfOrder(JsonArrays* arrays) {
  REQUIRE(arrays->Put(2, {{"api/v1/a.json", {Element(4)}}, {"api/v1/b.json", {}}}).ok());
  REQUIRE(arrays->Put(0, {{"api/v1/a.json", {Element(0), Element(1)}}}).ok());
  REQUIRE(arrays->Put(3, {{"api/v1/a.json", {}}}).ok());
  REQUIRE(arrays->Put(1, {{"api/v1/a.json", {Element(2), Element(3)}}}).ok());
}

std::string Expected() {
  Value all = Value::MakeArray();
  for (long long n = 0; n < 5; ++n) {
    Value v = Value::MakeObject();
    v.Set("n", n);
    all.Push(std::move(v));
  }
  return all.ToJsonLines();
}

TEST_CASE("json arrays: units finishing out of order give the array in unit order, in memory or written") {
  JsonArrays memory;
  PutOutOfOrder(&memory);
  auto files = memory.Finish();
  REQUIRE(files.ok());
  REQUIRE(files->size() == 2);
  CHECK((*files)[0].path == "api/v1/a.json");
  CHECK((*files)[0].bytes == Expected());
  CHECK_FALSE((*files)[0].written);
  // A path named with no elements is still a file: an empty array.
  CHECK((*files)[1].path == "api/v1/b.json");
  CHECK((*files)[1].bytes == "[]\n");

  // Through an opener (the output tree in a build): the same bytes.
  const auto dir = std::filesystem::temp_directory_path() / "minhbach-json-arrays-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  JsonArrays direct([&](const std::string& path) -> Result<std::FILE*> {
    std::FILE* f = std::fopen((dir / std::filesystem::path(path).filename()).c_str(), "wb");
    if (!f) return Status::Error("cannot open " + path);
    return f;
  });
  PutOutOfOrder(&direct);
  auto direct_files = direct.Finish();
  REQUIRE(direct_files.ok());
  REQUIRE(direct_files->size() == 2);
  CHECK((*direct_files)[0].written);
  CHECK((*direct_files)[0].bytes.empty());
  std::ifstream in(dir / "a.json", std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  CHECK(bytes.str() == Expected());
  std::filesystem::remove_all(dir);
}

// Unit 1's elements as an earlier build stored them: a byte range of a
// file (with other bytes around it), copied without being parsed.
TEST_CASE("json arrays: stored elements (a byte range of a file) give the same bytes as the elements") {
  const auto dir = std::filesystem::temp_directory_path() / "minhbach-json-arrays-stored-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string joined = Element(2) + ",\n" + Element(3);
  {
    std::ofstream rows(dir / "unit.rows", std::ios::binary);
    rows << "index" << joined << "tail";
  }
  JsonArrays::Stored stored;
  stored.file = dir / "unit.rows";
  stored.pieces.push_back({"api/v1/a.json", 5, joined.size(), {}});  // in the rows file
  stored.pieces.push_back({"api/v1/c.json", 0, 0, {}});  // named, no elements
  auto put = [&](JsonArrays* arrays) {
    REQUIRE(arrays->Put(2, {{"api/v1/a.json", {Element(4)}}, {"api/v1/b.json", {}}}).ok());
    REQUIRE(arrays->Put(0, {{"api/v1/a.json", {Element(0), Element(1)}}}).ok());
    REQUIRE(arrays->Put(3, {{"api/v1/a.json", {}}}).ok());
    REQUIRE(arrays->PutStored(1, stored).ok());
  };

  JsonArrays memory;
  put(&memory);
  auto files = memory.Finish();
  REQUIRE(files.ok());
  REQUIRE(files->size() == 3);
  CHECK((*files)[0].bytes == Expected());
  CHECK((*files)[2].path == "api/v1/c.json");
  CHECK((*files)[2].bytes == "[]\n");

  // Through an opener: copied file to file, the same bytes.
  JsonArrays direct([&](const std::string& path) -> Result<std::FILE*> {
    std::FILE* f = std::fopen((dir / std::filesystem::path(path).filename()).c_str(), "wb");
    if (!f) return Status::Error("cannot open " + path);
    return f;
  });
  put(&direct);
  REQUIRE(direct.Finish().ok());
  std::ifstream in(dir / "a.json", std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  CHECK(bytes.str() == Expected());

  // A stored file shorter than its pieces say is an error, not a short array.
  std::filesystem::resize_file(dir / "unit.rows", 10);
  JsonArrays truncated;
  REQUIRE(truncated.Put(0, {{"api/v1/a.json", {Element(0), Element(1)}}}).ok());
  CHECK_FALSE(truncated.PutStored(1, stored).ok());
  std::filesystem::remove_all(dir);
}

// A rebuild: units 0, 1 and 3 unchanged, copied from the array file the
// last build wrote at the spans it reported; unit 2 changed. The file must
// be what a build from every unit's elements gives, in as few copies as the
// runs allow, and the spans must describe the new file.
TEST_CASE("json arrays: unchanged units copied from the served file at their spans give the full array") {
  const auto dir = std::filesystem::temp_directory_path() / "minhbach-json-arrays-served-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "old");
  std::filesystem::create_directories(dir / "new");
  auto opener = [&](const char* sub) {
    return [&dir, sub](const std::string& path) -> Result<std::FILE*> {
      std::FILE* f = std::fopen((dir / sub / std::filesystem::path(path).filename()).c_str(), "wb");
      if (!f) return Status::Error("cannot open " + path);
      return f;
    };
  };
  auto read = [](const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  const JsonArrays::Rows units[] = {
      {{"api/v1/a.json", {Element(0), Element(1)}}},
      {{"api/v1/a.json", {Element(2)}}, {"api/v1/b.json", {}}},
      {{"api/v1/a.json", {Element(3)}}},
      {{"api/v1/a.json", {Element(4), Element(5)}}},
  };
  JsonArrays old(opener("old"));
  for (std::size_t i = 0; i < 4; ++i) REQUIRE(old.Put(i, units[i]).ok());
  auto old_files = old.Finish();
  REQUIRE(old_files.ok());
  REQUIRE(old_files->size() == 2);
  const JsonArrays::File& a = (*old_files)[0];
  REQUIRE(a.spans.size() == 4);
  CHECK(a.size == read(dir / "old/a.json").size());
  // Each span holds exactly the unit's elements.
  CHECK(read(dir / "old/a.json").substr(a.spans[1].offset, a.spans[1].length) == Element(2));
  CHECK_FALSE((*old_files)[1].spans[0].named);
  CHECK((*old_files)[1].spans[1].named);
  CHECK((*old_files)[1].spans[1].length == 0);

  const JsonArrays::Rows changed = {{"api/v1/a.json", {Element(30), Element(31)}}};
  auto served = [&](std::size_t i) {
    JsonArrays::Stored stored;
    for (const JsonArrays::File& f : *old_files) {
      const JsonArrays::Span& s = f.spans[i];
      if (s.named) stored.pieces.push_back({f.path, s.offset, s.length, dir / "old" / std::filesystem::path(f.path).filename()});
    }
    return stored;
  };
  JsonArrays rebuilt(opener("new"));
  REQUIRE(rebuilt.PutStored(3, served(3)).ok());
  REQUIRE(rebuilt.PutStored(1, served(1)).ok());
  REQUIRE(rebuilt.Put(2, changed).ok());
  REQUIRE(rebuilt.PutStored(0, served(0)).ok());
  auto new_files = rebuilt.Finish();
  REQUIRE(new_files.ok());

  JsonArrays whole;
  for (std::size_t i = 0; i < 4; ++i) REQUIRE(whole.Put(i, i == 2 ? changed : units[i]).ok());
  auto expected = whole.Finish();
  REQUIRE(expected.ok());
  CHECK(read(dir / "new/a.json") == (*expected)[0].bytes);
  CHECK(read(dir / "new/b.json") == "[]\n");
  const JsonArrays::File& na = (*new_files)[0];
  CHECK(na.size == (*expected)[0].bytes.size());
  CHECK(read(dir / "new/a.json").substr(na.spans[2].offset, na.spans[2].length) == Element(30) + ",\n" + Element(31));
  CHECK(read(dir / "new/a.json").substr(na.spans[3].offset, na.spans[3].length) == Element(4) + ",\n" + Element(5));
  std::filesystem::remove_all(dir);
}

TEST_CASE("json arrays: a unit that never reports is an error, not a short file") {
  JsonArrays arrays;
  REQUIRE(arrays.Put(1, {{"api/v1/a.json", {Element(1)}}}).ok());
  auto files = arrays.Finish();
  REQUIRE_FALSE(files.ok());
  CHECK(files.status().message().find("unit 0") != std::string::npos);
}

}  // namespace
}  // namespace minhbach
