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
  for (auto& [file, fd] : sources_) ::close(fd);
}

Status JsonArrays::FlushRun(Array* a) {
  if (a->run.fd < 0) return Status::Ok();
  const Array::Run run = a->run;
  a->run = Array::Run{};
  return Copy(a, run.fd, run.offset, run.length, run.file);
}

Status JsonArrays::Flush(Array* a) {
  if (!a->file) return Status::Ok();
  if (!a->buffer.empty()) {
    if (std::fwrite(a->buffer.data(), 1, a->buffer.size(), a->file) != a->buffer.size()) {
      return Status::Error("cannot write an open-data array: " + std::string(std::strerror(errno)));
    }
    a->flushed += a->buffer.size();
    a->buffer.clear();
  }
  return FlushRun(a);
}

Status JsonArrays::Copy(Array* a, int in, std::uint64_t from_offset, std::uint64_t left,
                        const std::filesystem::path& from) {
  // Through the buffer, a megabyte at a time, not copy_file_range: the
  // output file may be the spare's older copy, overwritten in place
  // (OutputTree::Create), and the kernel's copy writes it in pieces whose
  // ends fall inside pages; each such page not in memory is read from disk
  // first. Whole-megabyte writes leave one such page per megabyte.
  Status st;
  off_t offset = static_cast<off_t>(from_offset);
  while (st.ok() && left > 0) {
    const std::size_t at = a->buffer.size();
    const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(left, kFlushBytes));
    a->buffer.resize(at + want);
    ssize_t n = ::pread(in, a->buffer.data() + at, want, offset);
    if (n < 0 && errno == EINTR) {
      a->buffer.resize(at);
      continue;
    }
    if (n <= 0) {
      a->buffer.resize(at);
      st = Status::Error("cannot read " + from.string() + ": it is shorter than its index; run the build again");
      break;
    }
    a->buffer.resize(at + static_cast<std::size_t>(n));
    offset += n;
    left -= static_cast<std::uint64_t>(n);
    if (a->buffer.size() >= kFlushBytes) st = Flush(a);
  }
  return st;
}

void JsonArrays::Mark(Array* a, std::size_t index, std::uint64_t start, std::uint64_t end) {
  if (a->spans.size() <= index) a->spans.resize(index + 1);
  Span& s = a->spans[index];
  // A unit may give one path in more than one group: its elements are
  // still one range (nothing else is appended to this array in between).
  if (s.named && s.length > 0) {
    s.length = end - s.offset;
  } else {
    s.offset = start;
    s.length = end - start;
  }
  s.named = true;
}

Result<int> JsonArrays::Source(const std::filesystem::path& file) {
  auto it = sources_.find(file);
  if (it != sources_.end()) return it->second;
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::Error("cannot read " + file.string() + ": " + std::strerror(errno));
  sources_.emplace(file, fd);
  return fd;
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

Status JsonArrays::Append(std::size_t index, Rows rows) {
  for (auto& [path, elements] : rows) {
    auto got = ArrayFor(path);
    if (!got.ok()) return got.status();
    Array* a = got.value();
    if (a->discard) continue;
    MB_RETURN_IF_ERROR(FlushRun(a));
    std::uint64_t start = 0;
    for (std::size_t k = 0; k < elements.size(); ++k) {
      a->writer.Add(&a->buffer, elements[k]);
      if (k == 0) start = Emitted(*a) - elements[k].size();
    }
    Mark(a, index, elements.empty() ? Emitted(*a) : start, Emitted(*a));
    if (a->buffer.size() >= kFlushBytes) MB_RETURN_IF_ERROR(Flush(a));
  }
  return Status::Ok();
}

Status JsonArrays::Append(std::size_t index, const Stored& stored) {
  int rows_fd = -1;  // stored.file, opened when a piece is in it
  Status st;
  for (const Stored::Piece& piece : stored.pieces) {
    auto got = ArrayFor(piece.path);
    if (!got.ok()) {
      st = got.status();
      break;
    }
    Array* a = got.value();
    if (a->discard) continue;
    if (piece.length == 0) {
      Mark(a, index, Emitted(*a), Emitted(*a));
      continue;
    }
    // A served file stays open for the build and its pieces may join a run;
    // a rows file is read for this unit only.
    const bool served = !piece.file.empty();
    const std::filesystem::path& from = served ? piece.file : stored.file;
    int in = rows_fd;
    if (served) {
      auto source = Source(piece.file);
      if (!source.ok()) {
        st = source.status();
        break;
      }
      in = source.value();
    } else if (rows_fd < 0) {
      in = rows_fd = ::open(stored.file.c_str(), O_RDONLY | O_CLOEXEC);
      if (rows_fd < 0) {
        st = Status::Error("cannot read " + stored.file.string() + ": " + std::strerror(errno));
        break;
      }
    }
    // In the served file this unit's elements follow the previous unit's,
    // after the same ",\n" the writer would put: extend the run.
    if (served && a->run.fd == in && piece.offset == a->run.offset + a->run.length + 2) {
      const std::uint64_t start = Emitted(*a) + 2;
      a->run.length = piece.offset + piece.length - a->run.offset;
      Mark(a, index, start, Emitted(*a));
      continue;
    }
    st = FlushRun(a);
    if (!st.ok()) break;
    a->writer.Add(&a->buffer, "");  // the separator: the piece holds the elements
    const std::uint64_t start = Emitted(*a);
    if (served && a->file) {
      a->run = Array::Run{in, piece.offset, piece.length, piece.file};
    } else {
      st = Copy(a, in, piece.offset, piece.length, from);
      if (!st.ok()) break;
    }
    Mark(a, index, start, Emitted(*a));
  }
  if (rows_fd >= 0) ::close(rows_fd);
  return st;
}

Status JsonArrays::Append(std::size_t index, Part part) {
  if (auto* rows = std::get_if<Rows>(&part)) return Append(index, std::move(*rows));
  return Append(index, std::get<Stored>(part));
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
  error_ = Append(index, std::move(part));
  ++next_;
  for (auto it = waiting_.find(next_); error_.ok() && it != waiting_.end(); it = waiting_.find(next_)) {
    error_ = Append(next_, std::move(it->second));
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
    MB_RETURN_IF_ERROR(FlushRun(&a));
    a.writer.End(&a.buffer);
    File f;
    f.path = path;
    a.spans.resize(next_);
    f.spans = std::move(a.spans);
    f.size = Emitted(a);
    if (a.file) {
      MB_RETURN_IF_ERROR(Flush(&a));
      // The file may have held a longer array before (OutputTree::Create).
      bool ok = std::fflush(a.file) == 0 && ::ftruncate(::fileno(a.file), static_cast<off_t>(f.size)) == 0;
      ok = std::fclose(a.file) == 0 && ok;
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
                               std::vector<Page>* pages, std::vector<File>* written) {
  std::set<std::string> skip;
  for (const Page& p : taken) skip.insert(p.path);
  auto files = Finish();
  if (!files.ok()) return files.status();
  for (File& f : files.value()) {
    if (f.written) {
      api_json->insert(f.path);
      if (written) written->push_back(std::move(f));
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
