#include "site/json_arrays.h"

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

Status JsonArrays::Append(Rows rows) {
  for (auto& [path, elements] : rows) {
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
    if (a.discard) continue;
    for (const std::string& e : elements) a.writer.Add(&a.buffer, e);
    if (a.buffer.size() >= kFlushBytes) MB_RETURN_IF_ERROR(Flush(&a));
  }
  return Status::Ok();
}

Status JsonArrays::Put(std::size_t index, Rows rows) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!error_.ok()) return error_;
  if (index != next_) {
    waiting_.emplace(index, std::move(rows));
    return Status::Ok();
  }
  error_ = Append(std::move(rows));
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
