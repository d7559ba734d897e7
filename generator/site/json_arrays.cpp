#include "site/json_arrays.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace minhbach {

namespace {
// Spool files are written in pieces of about this size.
constexpr std::size_t kFlushBytes = 1 << 20;
}  // namespace

JsonArrays::JsonArrays(Opener open) : open_(std::move(open)) {}

JsonArrays::~JsonArrays() {
  for (auto& [path, a] : arrays_) {
    if (a.file) std::fclose(a.file);
  }
}

Status JsonArrays::Flush(Array* a) {
  if (!a->file || a->buffer.empty()) return Status::Ok();
  if (std::fwrite(a->buffer.data(), 1, a->buffer.size(), a->file) != a->buffer.size()) {
    return Status::Error("cannot write an open-data array: " + std::string(std::strerror(errno)));
  }
  a->buffer.clear();
  return Status::Ok();
}

Result<JsonArrays::Array*> JsonArrays::ArrayFor(const std::string& path) {
  auto [it, fresh] = arrays_.try_emplace(path);
  Array& a = it->second;
  if (fresh) {
    if (open_) {
      auto file = open_(path);
      if (!file.ok()) return file.status();
      a.file = file.value();
      a.discard = a.file == nullptr;
    }
    a.writer.Begin(&a.buffer);
  }
  return &a;
}

Status JsonArrays::Append(Rows rows) {
  for (auto& [path, elements] : rows) {
    auto a = ArrayFor(path);
    if (!a.ok()) return a.status();
    if (a.value()->discard) continue;
    for (const std::string& e : elements) a.value()->writer.Add(&a.value()->buffer, e);
    if (a.value()->buffer.size() >= kFlushBytes) MB_RETURN_IF_ERROR(Flush(a.value()));
  }
  return Status::Ok();
}

Status JsonArrays::Append(const Stored& stored) {
  int in = ::open(stored.file.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) return Status::Error("cannot read " + stored.file.string() + ": " + std::strerror(errno));
  Status st;
  for (const Stored::Piece& piece : stored.pieces) {
    auto got = ArrayFor(piece.path);
    if (!got.ok()) {
      st = got.status();
      break;
    }
    Array& a = *got.value();
    if (a.discard || piece.length == 0) continue;
    a.writer.Add(&a.buffer, "");  // the separator: the piece holds the elements
    off_t offset = static_cast<off_t>(piece.offset);
    std::uint64_t left = piece.length;
    if (a.file) {
      // Straight from file to file, in the kernel.
      st = Flush(&a);
      if (st.ok() && std::fflush(a.file) != 0) st = Status::Error("cannot write an open-data array: " + std::string(std::strerror(errno)));
      while (st.ok() && left > 0) {
        ssize_t n = ::copy_file_range(in, &offset, ::fileno(a.file), nullptr, left, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;  // refused (another file system, say): by hand below
        left -= static_cast<std::uint64_t>(n);
      }
    }
    while (st.ok() && left > 0) {
      const std::size_t at = a.buffer.size();
      const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(left, kFlushBytes));
      a.buffer.resize(at + want);
      ssize_t n = ::pread(in, a.buffer.data() + at, want, offset);
      if (n < 0 && errno == EINTR) {
        a.buffer.resize(at);
        continue;
      }
      if (n <= 0) {
        a.buffer.resize(at);
        st = Status::Error("cannot read " + stored.file.string() + ": it is shorter than its index; run the build again");
        break;
      }
      a.buffer.resize(at + static_cast<std::size_t>(n));
      offset += n;
      left -= static_cast<std::uint64_t>(n);
      if (a.buffer.size() >= kFlushBytes) st = Flush(&a);
    }
    if (!st.ok()) break;
  }
  ::close(in);
  return st;
}

Status JsonArrays::Append(Part part) {
  if (auto* rows = std::get_if<Rows>(&part)) return Append(std::move(*rows));
  return Append(std::get<Stored>(part));
}

Status JsonArrays::Put(std::size_t index, Rows rows) { return PutPart(index, Part(std::move(rows))); }
Status JsonArrays::PutStored(std::size_t index, Stored stored) { return PutPart(index, Part(std::move(stored))); }

Status JsonArrays::PutPart(std::size_t index, Part part) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!error_.ok()) return error_;
  if (index != next_) {
    waiting_.emplace(index, std::move(part));
    return Status::Ok();
  }
  error_ = Append(std::move(part));
  ++next_;
  for (auto it = waiting_.find(next_); error_.ok() && it != waiting_.end(); it = waiting_.find(next_)) {
    error_ = Append(std::move(it->second));
    waiting_.erase(it);
    ++next_;
  }
  return error_;
}

Result<std::vector<JsonArrays::File>> JsonArrays::Finish() {
  std::lock_guard<std::mutex> lock(mu_);
  if (!error_.ok()) return error_;
  if (!waiting_.empty()) {
    return Status::Error("internal error: unit " + std::to_string(next_) + " never gave its open-data rows");
  }
  std::vector<File> out;
  for (auto& [path, a] : arrays_) {
    if (a.discard) continue;
    a.writer.End(&a.buffer);
    File f;
    f.path = path;
    if (a.file) {
      MB_RETURN_IF_ERROR(Flush(&a));
      const bool ok = std::fclose(a.file) == 0;
      a.file = nullptr;
      if (!ok) return Status::Error("cannot write " + path + ": " + std::strerror(errno));
      f.written = true;
    } else {
      f.bytes = std::move(a.buffer);
    }
    out.push_back(std::move(f));
  }
  arrays_.clear();
  return out;
}

Status JsonArrays::FinishPages(const std::vector<Page>& taken, std::set<std::string>* api_json,
                               std::vector<Page>* pages) {
  std::set<std::string> skip;
  for (const Page& p : taken) skip.insert(p.path);
  auto files = Finish();
  if (!files.ok()) return files.status();
  for (File& f : files.value()) {
    if (f.written) {
      api_json->insert(f.path);
      continue;
    }
    if (skip.count(f.path)) continue;
    api_json->insert(f.path);
    Page page;
    page.path = std::move(f.path);
    page.bytes = std::move(f.bytes);
    pages->push_back(std::move(page));
  }
  return Status::Ok();
}

}  // namespace minhbach
