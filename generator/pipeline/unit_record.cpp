#include "pipeline/unit_record.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "base/fs.h"

namespace minhbach {

namespace {

// Format versions (rows: 2, index first). A file written by another
// version is foreign: its unit is simply built again.
constexpr std::string_view kMagic = "minhbach unit record 1\n";
constexpr std::string_view kRowsMagic = "minhbach unit rows 2\n";
constexpr std::string_view kArraysMagic = "minhbach arrays 2\n";
constexpr std::string_view kEnd = "end\n";

class Writer {
 public:
  void U64(std::uint64_t v) { out_.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void Str(std::string_view s) {
    U64(s.size());
    out_.append(s);
  }
  void Tag(const FileTag& t) {
    U64(t.hi);
    U64(t.lo);
  }
  void Val(const Value& v) {
    U64(static_cast<std::uint64_t>(v.type()));
    switch (v.type()) {
      case Value::Type::kNull:
        break;
      case Value::Type::kBool:
        U64(v.as_bool());
        break;
      case Value::Type::kNumber: {
        double d = v.as_number();
        std::uint64_t bits;
        std::memcpy(&bits, &d, sizeof bits);
        U64(bits);
        break;
      }
      case Value::Type::kString:
        Str(v.as_string());
        break;
      case Value::Type::kArray:
        U64(v.as_array().size());
        for (const Value& item : v.as_array()) Val(item);
        break;
      case Value::Type::kObject:
        U64(v.as_object().size());
        for (const auto& [key, item] : v.as_object()) {
          Str(key);
          Val(item);
        }
        break;
    }
  }
  void Raw(std::string_view s) { out_.append(s); }
  const std::string& bytes() const { return out_; }

 private:
  std::string out_;
};

// Reads what Writer wrote; any short read leaves ok() false and every
// later read harmless.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  std::uint64_t U64() {
    std::uint64_t v = 0;
    if (!Need(sizeof v)) return 0;
    std::memcpy(&v, in_.data(), sizeof v);
    in_.remove_prefix(sizeof v);
    return v;
  }
  std::string Str() {
    std::uint64_t n = U64();
    if (!Need(n)) return std::string();
    std::string s(in_.substr(0, n));
    in_.remove_prefix(n);
    return s;
  }
  FileTag Tag() {
    FileTag t;
    t.hi = U64();
    t.lo = U64();
    return t;
  }
  // Counts are checked against what is left, so a damaged count cannot ask
  // for a huge allocation.
  std::uint64_t Count() {
    std::uint64_t n = U64();
    if (n > in_.size()) ok_ = false;
    return ok_ ? n : 0;
  }
  Value Val(int depth = 0) {
    if (depth > 64) {
      ok_ = false;
      return Value();
    }
    switch (static_cast<Value::Type>(U64())) {
      case Value::Type::kNull:
        return Value();
      case Value::Type::kBool:
        return Value(U64() != 0);
      case Value::Type::kNumber: {
        std::uint64_t bits = U64();
        double d;
        std::memcpy(&d, &bits, sizeof d);
        return Value(d);
      }
      case Value::Type::kString:
        return Value(Str());
      case Value::Type::kArray: {
        Value a = Value::MakeArray();
        for (std::uint64_t n = Count(), i = 0; ok_ && i < n; ++i) a.Push(Val(depth + 1));
        return a;
      }
      case Value::Type::kObject: {
        Value o = Value::MakeObject();
        for (std::uint64_t n = Count(), i = 0; ok_ && i < n; ++i) {
          std::string key = Str();
          o.as_object().emplace_back(std::move(key), Val(depth + 1));
        }
        return o;
      }
    }
    ok_ = false;
    return Value();
  }
  bool Expect(std::string_view s) {
    if (!Need(s.size()) || in_.substr(0, s.size()) != s) return ok_ = false;
    in_.remove_prefix(s.size());
    return true;
  }
  bool AtEnd() const { return ok_ && in_.empty(); }
  std::size_t Remaining() const { return in_.size(); }

 private:
  bool Need(std::uint64_t n) {
    if (!ok_ || n > in_.size()) ok_ = false;
    return ok_;
  }
  std::string_view in_;
  bool ok_ = true;
};

}  // namespace

Status WriteUnitRecord(const std::filesystem::path& file, const UnitRecord& r) {
  Writer w;
  w.Raw(kMagic);
  w.Tag(r.inputs);
  w.U64(r.files.size());
  for (const auto& [path, tag] : r.files) {
    w.Str(path);
    w.Tag(tag);
  }
  const UnitSummary& s = r.summary;
  w.Val(s.home.card);
  w.U64(s.home.illustrative);
  w.Val(s.search.entry);
  w.U64(s.search.documents);
  w.U64(s.search.bytes);
  w.U64(s.open_data.has_feed);
  w.Str(s.open_data.csv_beside_page);
  w.Str(s.open_data.csv_added);
  w.U64(s.html.size());
  for (const std::string& h : s.html) w.Str(h);
  w.U64(r.warnings.size());
  for (const std::string& warning : r.warnings) w.Str(warning);
  w.Raw(kEnd);
  return WriteFileAtomic(file, w.bytes());
}

std::optional<UnitRecord> ReadUnitRecord(const std::filesystem::path& file) {
  auto bytes = ReadFile(file);
  if (!bytes.ok()) return std::nullopt;
  Reader in(bytes.value());
  if (!in.Expect(kMagic)) return std::nullopt;
  UnitRecord r;
  r.inputs = in.Tag();
  for (std::uint64_t n = in.Count(), i = 0; in.ok() && i < n; ++i) {
    std::string path = in.Str();
    r.files.emplace_back(std::move(path), in.Tag());
  }
  UnitSummary& s = r.summary;
  s.home.card = in.Val();
  s.home.illustrative = in.U64() != 0;
  s.search.entry = in.Val();
  s.search.documents = in.U64();
  s.search.bytes = in.U64();
  s.open_data.has_feed = in.U64() != 0;
  s.open_data.csv_beside_page = in.Str();
  s.open_data.csv_added = in.Str();
  for (std::uint64_t n = in.Count(), i = 0; in.ok() && i < n; ++i) s.html.push_back(in.Str());
  for (std::uint64_t n = in.Count(), i = 0; in.ok() && i < n; ++i) r.warnings.push_back(in.Str());
  if (!in.Expect(kEnd) || !in.AtEnd()) return std::nullopt;
  return r;
}

// Layout: magic, inputs, the index (count, then path and length of each
// array's joined elements), "end\n", then those bytes back to back. A
// later build reads only the index and copies the bytes file to file.
Status WriteUnitRows(const std::filesystem::path& file, const FileTag& inputs, const JsonArrays::Rows& rows) {
  std::vector<std::string> joined(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    // As JsonRowsWriter separates elements.
    const std::vector<std::string>& elements = rows[i].second;
    for (std::size_t k = 0; k < elements.size(); ++k) {
      if (k) joined[i] += ",\n";
      joined[i] += elements[k];
    }
  }
  Writer w;
  w.Raw(kRowsMagic);
  w.Tag(inputs);
  w.U64(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    w.Str(rows[i].first);
    w.U64(joined[i].size());
  }
  w.Raw(kEnd);
  for (const std::string& j : joined) w.Raw(j);
  return WriteFileAtomic(file, w.bytes());
}

std::optional<JsonArrays::Stored> ReadUnitRows(const std::filesystem::path& file, const FileTag& inputs) {
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  std::string head;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    // The index is at the start and small; a file whose index does not
    // fit here is read whole.
    head.resize(static_cast<std::size_t>(std::min<off_t>(st.st_size, 1 << 16)));
    ssize_t n = ::pread(fd, head.data(), head.size(), 0);
    head.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  }
  ::close(fd);
  auto parse = [&](std::string_view bytes) -> std::optional<JsonArrays::Stored> {
    Reader in(bytes);
    if (!in.Expect(kRowsMagic) || in.Tag() != inputs) return std::nullopt;
    JsonArrays::Stored stored;
    stored.file = file;
    std::uint64_t total = 0;
    for (std::uint64_t n = in.Count(), i = 0; in.ok() && i < n; ++i) {
      JsonArrays::Stored::Piece piece;
      piece.path = in.Str();
      piece.length = in.U64();
      piece.offset = total;  // from the end of the index, for now
      total += piece.length;
      stored.pieces.push_back(std::move(piece));
    }
    if (!in.Expect(kEnd)) return std::nullopt;
    const std::uint64_t index_end = bytes.size() - in.Remaining();
    // A truncated or padded file is not trusted.
    if (static_cast<std::uint64_t>(st.st_size) != index_end + total) return std::nullopt;
    for (auto& piece : stored.pieces) piece.offset += index_end;
    return stored;
  };
  if (auto stored = parse(head)) return stored;
  if (static_cast<std::size_t>(st.st_size) <= head.size()) return std::nullopt;
  auto bytes = ReadFile(file);
  if (!bytes.ok()) return std::nullopt;
  return parse(bytes.value());
}

Status WriteArraysRecord(const std::filesystem::path& file, const ArraysRecord& record) {
  Writer w;
  w.Raw(kArraysMagic);
  w.Tag(record.inputs);
  w.U64(record.paths.size());
  for (const std::string& p : record.paths) w.Str(p);
  w.U64(record.unit_inputs.size());
  for (const FileTag& t : record.unit_inputs) w.Tag(t);
  w.U64(record.sizes.size());
  for (std::uint64_t size : record.sizes) w.U64(size);
  w.U64(record.spans.size());
  for (const auto& spans : record.spans) {
    w.U64(spans.size());
    for (const JsonArrays::Span& s : spans) {
      w.U64(s.named ? s.offset : ~std::uint64_t{0});
      w.U64(s.length);
    }
  }
  w.Raw(kEnd);
  return WriteFileAtomic(file, w.bytes());
}

std::optional<ArraysRecord> ReadArraysRecord(const std::filesystem::path& file) {
  auto bytes = ReadFile(file);
  if (!bytes.ok()) return std::nullopt;
  Reader in(bytes.value());
  if (!in.Expect(kArraysMagic)) return std::nullopt;
  ArraysRecord r;
  r.inputs = in.Tag();
  for (std::uint64_t n = in.Count(), i = 0; in.ok() && i < n; ++i) r.paths.push_back(in.Str());
  for (std::uint64_t n = in.Count(), i = 0; in.ok() && i < n; ++i) r.unit_inputs.push_back(in.Tag());
  for (std::uint64_t n = in.Count(), i = 0; in.ok() && i < n; ++i) r.sizes.push_back(in.U64());
  for (std::uint64_t n = in.Count(), i = 0; in.ok() && i < n; ++i) {
    std::vector<JsonArrays::Span> spans;
    for (std::uint64_t m = in.Count(), k = 0; in.ok() && k < m; ++k) {
      JsonArrays::Span s;
      const std::uint64_t offset = in.U64();
      s.length = in.U64();
      s.named = offset != ~std::uint64_t{0};
      s.offset = s.named ? offset : 0;
      spans.push_back(s);
    }
    r.spans.push_back(std::move(spans));
  }
  if (!in.Expect(kEnd) || !in.AtEnd()) return std::nullopt;
  return r;
}

}  // namespace minhbach
