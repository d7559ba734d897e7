#include "write/output_tree.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "base/fs.h"
#include "base/text.h"

namespace minhbach {

namespace fs = std::filesystem;

namespace {

constexpr const char* kManifestFile = "manifest";
constexpr const char* kSpareStateFile = "spare.state";
constexpr const char* kSpareDir = "spare";
constexpr const char* kTmpPrefix = "tmp-";

bool IsInside(const fs::path& child, const fs::path& parent) {
  auto c = child.begin();
  for (auto p = parent.begin(); p != parent.end(); ++p, ++c) {
    if (p->empty()) continue;
    if (c == child.end() || *c != *p) return false;
  }
  return true;
}

// Whether `file` holds exactly `bytes`: a size check first, then the
// content in chunks, so a large file (the published database) never needs a
// second copy in memory.
bool SameBytes(const fs::path& file, std::string_view bytes) {
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st {};
  bool same = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) == bytes.size();
  char buf[1 << 16];
  std::size_t done = 0;
  while (same && done < bytes.size()) {
    ssize_t n = ::read(fd, buf, std::min(sizeof buf, bytes.size() - done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0 || std::memcmp(buf, bytes.data() + done, static_cast<std::size_t>(n)) != 0) same = false;
    else done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  return same;
}

// Whether two files hold the same bytes, compared in chunks.
bool SameFiles(const fs::path& a, const fs::path& b) {
  int fa = ::open(a.c_str(), O_RDONLY | O_CLOEXEC);
  if (fa < 0) return false;
  int fb = ::open(b.c_str(), O_RDONLY | O_CLOEXEC);
  if (fb < 0) {
    ::close(fa);
    return false;
  }
  struct stat sa {}, sb {};
  bool same = ::fstat(fa, &sa) == 0 && ::fstat(fb, &sb) == 0 && S_ISREG(sa.st_mode) && S_ISREG(sb.st_mode) &&
              sa.st_size == sb.st_size;
  if (same && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino) {  // one file, two names
    ::close(fa);
    ::close(fb);
    return true;
  }
  std::vector<char> ba(1 << 16), bb(1 << 16);
  while (same) {
    ssize_t n = ::read(fa, ba.data(), ba.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      same = n == 0;
      break;
    }
    std::size_t got = 0;
    while (got < static_cast<std::size_t>(n)) {
      ssize_t m = ::read(fb, bb.data() + got, static_cast<std::size_t>(n) - got);
      if (m < 0 && errno == EINTR) continue;
      if (m <= 0) break;
      got += static_cast<std::size_t>(m);
    }
    same = got == static_cast<std::size_t>(n) && std::memcmp(ba.data(), bb.data(), got) == 0;
  }
  ::close(fa);
  ::close(fb);
  return same;
}

// Removes the folders above `relative` inside `root` that the removal of
// `relative` left empty (rmdir fails on the first one that is not).
void RemoveEmptyParents(const fs::path& root, const std::string& relative) {
  std::string dir = relative;
  for (;;) {
    std::size_t slash = dir.rfind('/');
    if (slash == std::string::npos) return;
    dir.resize(slash);
    if (::rmdir((root / dir).c_str()) != 0) return;
  }
}

}  // namespace

fs::path OutputTree::StateDirFor(const fs::path& out) {
  fs::path abs = fs::weakly_canonical(fs::absolute(out));
  return abs.parent_path() / ("." + abs.filename().string() + "-state");
}

std::vector<fs::path> OutputTree::StateFilesFor(const fs::path& out) {
  const fs::path state = StateDirFor(out);
  return {state / kManifestFile, state / kSpareStateFile};
}

Result<std::unique_ptr<OutputTree>> OutputTree::Begin(const fs::path& out, const fs::path& site_root) {
  std::unique_ptr<OutputTree> tree(new OutputTree());
  MB_RETURN_IF_ERROR(tree->Open(out, site_root));
  return tree;
}

Status OutputTree::Open(const fs::path& out, const fs::path& site_root) {
  out_ = fs::weakly_canonical(fs::absolute(out));
  fs::path root = fs::weakly_canonical(fs::absolute(site_root));
  std::string shown = out.string();
  if (IsInside(root, out_)) {
    return Status::Error("--out " + shown + " is the site folder or contains it; the build replaces --out "
                         "entirely, so choose a folder of its own (default: public)");
  }
  std::error_code ec;
  if (fs::exists(out_, ec)) {
    if (!fs::is_directory(out_, ec)) {
      return Status::Error("--out " + shown + " exists and is not a folder");
    }
    for (const char* marker : {"site.yaml", ".git", "content", "generator"}) {
      if (fs::exists(out_ / marker, ec)) {
        return Status::Error("--out " + shown + " holds " + marker +
                             ": it looks like a source folder, not a built site; refusing to replace it");
      }
    }
  }
  // The state folder sits beside --out so that the final rename stays on
  // one file system (and so stays atomic).
  state_ = StateDirFor(out_);
  spare_ = state_ / kSpareDir;
  fs::create_directories(state_, ec);
  if (ec) return Status::Error("cannot create " + state_.string() + ": " + ec.message());
  lock_fd_ = ::open((state_ / "lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd_ < 0) return Status::Error("cannot open " + (state_ / "lock").string() + ": " + std::strerror(errno));
  // Two builds into one --out would update the same spare: the second waits.
  while (::flock(lock_fd_, LOCK_EX) != 0) {
    if (errno != EINTR) return Status::Error("cannot lock " + (state_ / "lock").string() + ": " + std::strerror(errno));
  }
  // Trees of builds that crashed (under the lock, no other build is running).
  for (const auto& e : fs::directory_iterator(state_, ec)) {
    if (e.path().filename().string().rfind(kTmpPrefix, 0) == 0) fs::remove_all(e.path(), ec);
  }

  std::optional<TreeId> served = TreeId::Of(out_);
  out_exists_ = served.has_value();
  if (served) {
    std::optional<Manifest> m = ReadManifest(state_ / kManifestFile);
    if (m && m->tree == *served) previous_ = std::move(m);
  }
  tmp_ = state_ / (kTmpPrefix + std::to_string(::getpid()));
  if (previous_) {
    std::optional<SpareState> ss = ReadSpareState(state_ / kSpareStateFile);
    std::optional<TreeId> spare_id = TreeId::Of(spare_);
    // Renaming the spare away first is what marks it as being changed: a
    // crash from here on leaves no tree at `spare`, so no build trusts it.
    if (ss && spare_id && ss->spare == *spare_id && ss->served == *served && ::rename(spare_.c_str(), tmp_.c_str()) == 0) {
      spare_mode_ = true;
      previous_delta_ = std::move(ss->delta);
    }
  }
  fs::remove(state_ / kSpareStateFile, ec);
  if (previous_) {
    const std::size_t n = previous_->size();
    state_of_.reset(new std::atomic<std::uint8_t>[n]);
    tag_of_.reset(new FileTag[n]);
    for (std::size_t i = 0; i < n; ++i) state_of_[i].store(0, std::memory_order_relaxed);
    for (const std::string& p : previous_delta_) {
      std::size_t i = previous_->IndexOf(p);
      if (i == Manifest::npos) delta_.insert(p);
      else state_of_[i].store(kInDelta, std::memory_order_relaxed);
    }
  }
  if (!spare_mode_) {
    if (fs::exists(spare_, ec)) fs::remove_all(spare_, ec);  // a spare no record vouches for
    fs::create_directories(tmp_, ec);
    if (ec) return Status::Error("cannot create " + tmp_.string() + ": " + ec.message());
  }
  tmp_fd_ = ::open(tmp_.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (tmp_fd_ < 0) return Status::Error("cannot open " + tmp_.string() + ": " + std::strerror(errno));
  return Status::Ok();
}

OutputTree::~OutputTree() {
  std::error_code ec;
  if (!committed_ && !tmp_.empty() && fs::exists(tmp_, ec)) {
    bool kept = false;
    if (spare_mode_ && !spare_damaged_ && ::rename(tmp_.c_str(), spare_.c_str()) == 0) {
      // The spare stays usable: it differs from the served tree at most
      // where it did before and where this build touched it.
      SpareState ss;
      std::optional<TreeId> spare_id = TreeId::Of(spare_), served = TreeId::Of(out_);
      if (spare_id && served) {
        ss.spare = *spare_id;
        ss.served = *served;
        ss.delta = previous_delta_;
        ss.delta.insert(ss.delta.end(), touched_.begin(), touched_.end());
        std::sort(ss.delta.begin(), ss.delta.end());
        ss.delta.erase(std::unique(ss.delta.begin(), ss.delta.end()), ss.delta.end());
        kept = WriteSpareState(state_ / kSpareStateFile, ss).ok();
      }
      if (!kept) fs::remove_all(spare_, ec);
    }
    if (!kept) fs::remove_all(tmp_, ec);
  }
  if (tmp_fd_ >= 0) ::close(tmp_fd_);
  if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the flock
}

Status OutputTree::CheckPath(std::string_view relative) const {
  if (!IsSafeRelativePath(relative)) {
    return Status::Error("refusing to write '" + std::string(relative) +
                         "': output paths must stay inside the output folder");
  }
  return Status::Ok();
}

namespace {

Status Duplicate(std::string_view relative) {
  return Status::Error("two pages want the same output file '" + std::string(relative) + "'");
}

}  // namespace

Status OutputTree::Claim(std::string_view relative, const FileTag& tag, bool written, std::size_t* index) {
  *index = previous_ ? previous_->IndexOf(relative) : Manifest::npos;
  if (*index != Manifest::npos) {
    std::uint8_t before = state_of_[*index].fetch_or(written ? kClaimed | kWritten : kClaimed);
    if (before & kClaimed) return Duplicate(relative);
    tag_of_[*index] = tag;
    return Status::Ok();
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (!claimed_.emplace(std::string(relative), Entry{tag, written}).second) return Duplicate(relative);
  return Status::Ok();
}

void OutputTree::MarkWritten(const std::string& relative, std::size_t index) {
  if (index != Manifest::npos) {
    state_of_[index].fetch_or(kWritten);
    return;
  }
  std::lock_guard<std::mutex> lock(mu_);
  claimed_[relative].written = true;
}

void OutputTree::Touch(const std::string& relative) {
  if (!spare_mode_) return;
  std::lock_guard<std::mutex> lock(mu_);
  touched_.push_back(relative);
}

bool OutputTree::MakeParents(const fs::path& target) {
  // Nearly always the folder is new and its parent exists (a page's own
  // folder): one mkdir, where create_directories stats both first.
  if (::mkdir(target.parent_path().c_str(), 0777) == 0) return true;
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (!ec || !spare_mode_) return !ec;
  // In the spare, a file the new site no longer has may stand where a
  // folder is now wanted ("a/b" then, "a/b/index.html" now).
  fs::path p = tmp_;
  for (const auto& part : fs::relative(target.parent_path(), tmp_)) {
    p /= part;
    if (fs::is_regular_file(fs::symlink_status(p, ec))) {
      fs::remove(p, ec);
      spare_damaged_ = true;
    }
  }
  fs::create_directories(target.parent_path(), ec);
  return !ec;
}

bool OutputTree::CarryOver(const std::string& relative, std::size_t index) {
  if (spare_mode_) {
    // The spare already holds the served tree's bytes, except on the paths
    // where the two may differ.
    bool in_delta = index != Manifest::npos ? (state_of_[index].load() & kInDelta) != 0 : delta_.count(relative) > 0;
    if (!in_delta) return true;
    Touch(relative);
    ::unlink((tmp_ / relative).c_str());
  } else if (!out_exists_) {
    return false;
  }
  fs::path source = out_ / relative, target = tmp_ / relative;
  if (::link(source.c_str(), target.c_str()) == 0) return true;
  if (errno != ENOENT || !MakeParents(target)) return false;
  return ::link(source.c_str(), target.c_str()) == 0;
}

Result<int> OutputTree::OpenTarget(const std::string& relative) {
  // Paths are resolved from the tree's own folder (tmp_fd_): the kernel
  // walks "unit/chi-tieu/x/index.html", not the folders above the tree too.
  constexpr int kFlags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC;
  constexpr std::string_view kPage = "/index.html";
  if (spare_mode_) {
    // Never write through: the spare's file may be a hard link to the
    // served one.
    Touch(relative);
    if (::unlinkat(tmp_fd_, relative.c_str(), 0) != 0 && errno == EISDIR) {
      std::error_code ec;
      fs::remove_all(tmp_ / relative, ec);
      spare_damaged_ = true;
    }
  } else if (relative.size() > kPage.size() && EndsWith(relative, kPage)) {
    // A page of a fresh tree has a folder of its own, nearly always not
    // made yet: making it first spares the open that would fail without it
    // (12,851 of 116,000 system calls at N = 100). EEXIST and ENOENT are
    // left to the open.
    ::mkdirat(tmp_fd_, relative.substr(0, relative.size() - kPage.size()).c_str(), 0777);
  }
  int fd = ::openat(tmp_fd_, relative.c_str(), kFlags, 0644);
  if (fd < 0 && errno == ENOENT && MakeParents(tmp_ / relative)) fd = ::openat(tmp_fd_, relative.c_str(), kFlags, 0644);
  if (fd < 0) return Status::Error("cannot write " + (tmp_ / relative).string() + ": " + std::strerror(errno));
  return fd;
}

Status OutputTree::WriteBytes(const std::string& relative, std::string_view bytes) {
  auto fd = OpenTarget(relative);
  if (!fd.ok()) return fd.status();
  const fs::path target = tmp_ / relative;
  if (!WriteAll(fd.value(), bytes.data(), bytes.size())) {
    int err = errno;
    ::close(fd.value());
    return Status::Error("cannot write " + target.string() + ": " + std::strerror(err));
  }
  if (::close(fd.value()) != 0) return Status::Error("cannot write " + target.string() + ": " + std::strerror(errno));
  return Status::Ok();
}

namespace {

bool ReadFull(int fd, char* buf, std::size_t size, off_t offset, std::size_t* got) {
  *got = 0;
  while (*got < size) {
    ssize_t n = ::pread(fd, buf + *got, size - *got, offset + static_cast<off_t>(*got));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) break;
    *got += static_cast<std::size_t>(n);
  }
  return true;
}

// Makes `fd` hold the bytes of `in` by writing only the 64 KiB blocks that
// differ. Both are read (from the page cache, typically); what is written
// is what changed.
bool PatchFile(int in, int fd) {
  constexpr std::size_t kChunk = 1 << 20, kBlock = 1 << 16;
  std::vector<char> a(kChunk), b(kChunk);
  off_t offset = 0;
  for (;;) {
    std::size_t n = 0, m = 0;
    if (!ReadFull(in, a.data(), kChunk, offset, &n) || !ReadFull(fd, b.data(), kChunk, offset, &m)) return false;
    if (n == 0) break;
    for (std::size_t at = 0; at < n; at += kBlock) {
      const std::size_t len = std::min(kBlock, n - at);
      if (at + len <= m && std::memcmp(a.data() + at, b.data() + at, len) == 0) continue;
      for (std::size_t done = 0; done < len;) {
        ssize_t w = ::pwrite(fd, a.data() + at + done, len - done, offset + static_cast<off_t>(at + done));
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return false;
        done += static_cast<std::size_t>(w);
      }
    }
    offset += static_cast<off_t>(n);
    if (n < kChunk) break;
  }
  return ::ftruncate(fd, offset) == 0;
}

}  // namespace

Status OutputTree::CopyBytes(const std::string& relative, const fs::path& source, bool may_link) {
  const fs::path target = tmp_ / relative;
  if (may_link) {
    if (spare_mode_) {
      Touch(relative);
      ::unlink(target.c_str());
    }
    if (::link(source.c_str(), target.c_str()) == 0 ||
        (errno == ENOENT && MakeParents(target) && ::link(source.c_str(), target.c_str()) == 0)) {
      return Status::Ok();
    }
    // Another file system, or links refused: copy.
  }
  int in = ::open(source.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) return Status::Error("cannot read " + source.string() + ": " + std::strerror(errno));
  if (spare_mode_) {
    // The spare's copy (two builds old) is patched where it differs, unless
    // it is shared with the served tree (a hard link) or anything else.
    int fd = ::open(target.c_str(), O_RDWR | O_CLOEXEC | O_NOFOLLOW);
    struct stat st {};
    if (fd >= 0 && ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_nlink == 1) {
      Touch(relative);
      bool ok = PatchFile(in, fd);
      int err = errno;
      ok = ::close(fd) == 0 && ok;
      ::close(in);
      if (!ok) return Status::Error("cannot write " + target.string() + ": " + std::strerror(err));
      return Status::Ok();
    }
    if (fd >= 0) ::close(fd);
  }
  auto fd = OpenTarget(relative);
  if (!fd.ok()) {
    ::close(in);
    return fd.status();
  }
  Status st;
  if (!CopyAll(in, fd.value())) st = Status::Error("cannot copy " + source.string() + " to " + target.string() + ": " + std::strerror(errno));
  ::close(in);
  if (::close(fd.value()) != 0 && st.ok()) {
    st = Status::Error("cannot write " + target.string() + ": " + std::strerror(errno));
  }
  return st;
}

bool OutputTree::Reusable(std::string_view relative, const FileTag& tag) const {
  if (!previous_ || tag.empty()) return false;
  const FileTag* before = previous_->Find(relative);
  return before && *before == tag;
}

Result<bool> OutputTree::Reuse(std::string_view relative, const FileTag& tag) {
  MB_RETURN_IF_ERROR(CheckPath(relative));
  if (!previous_ || tag.empty()) return false;
  const std::size_t i = previous_->IndexOf(relative);
  if (i == Manifest::npos || previous_->tag(i) != tag) return false;
  if (state_of_[i].fetch_or(kClaimed) & kClaimed) return Duplicate(relative);
  if (!CarryOver(std::string(relative), i)) {
    state_of_[i].fetch_and(static_cast<std::uint8_t>(~kClaimed));
    return false;
  }
  tag_of_[i] = tag;
  ++unchanged_;
  ++reused_;
  return true;
}

Status OutputTree::Write(std::string_view relative, std::string_view bytes, const FileTag& tag) {
  MB_RETURN_IF_ERROR(CheckPath(relative));
  std::size_t index;
  MB_RETURN_IF_ERROR(Claim(relative, tag, false, &index));
  std::string rel(relative);
  if (out_exists_ && SameBytes(out_ / rel, bytes) && CarryOver(rel, index)) {
    ++unchanged_;
    return Status::Ok();
  }
  MB_RETURN_IF_ERROR(WriteBytes(rel, bytes));
  MarkWritten(rel, index);
  ++written_;
  return Status::Ok();
}

Result<int> OutputTree::Create(std::string_view relative, const FileTag& tag) {
  MB_RETURN_IF_ERROR(CheckPath(relative));
  std::size_t index;
  MB_RETURN_IF_ERROR(Claim(relative, tag, true, &index));
  std::string rel(relative);
  if (spare_mode_) {
    // A file only the spare links to is the spare's own: overwriting it
    // cannot reach the served tree.
    int fd = ::open((tmp_ / rel).c_str(), O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st {};
    if (fd >= 0 && ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_nlink == 1) {
      Touch(rel);
      ++written_;
      return fd;
    }
    if (fd >= 0) ::close(fd);
  }
  auto fd = OpenTarget(rel);
  if (fd.ok()) ++written_;
  return fd;
}

Status OutputTree::CopyFrom(std::string_view relative, const fs::path& source, const FileTag& tag, bool may_link) {
  MB_RETURN_IF_ERROR(CheckPath(relative));
  std::size_t index;
  MB_RETURN_IF_ERROR(Claim(relative, tag, false, &index));
  std::string rel(relative);
  if (out_exists_ && SameFiles(out_ / rel, source) && CarryOver(rel, index)) {
    ++unchanged_;
    return Status::Ok();
  }
  MB_RETURN_IF_ERROR(CopyBytes(rel, source, may_link));
  MarkWritten(rel, index);
  ++written_;
  return Status::Ok();
}

Status OutputTree::Commit() {
  std::error_code ec;
  // What the new site no longer has: in the spare, the served tree's files
  // and the files only the spare had.
  std::vector<std::string> gone;  // files of the served tree not in the new one
  const std::size_t before = previous_ ? previous_->size() : 0;
  for (std::size_t i = 0; i < before; ++i) {
    if (!(state_of_[i].load() & kClaimed)) gone.emplace_back(previous_->path(i));
  }
  removed_ = gone.size();
  if (spare_mode_) {
    std::vector<std::string> stale = gone;
    for (const std::string& p : delta_) {
      if (!claimed_.count(p)) stale.push_back(p);
    }
    for (const std::string& p : stale) {
      Touch(p);
      if (::unlink((tmp_ / p).c_str()) == 0) RemoveEmptyParents(tmp_, p);
    }
  }

  if (out_exists_) {
    if (::renameat2(AT_FDCWD, tmp_.c_str(), AT_FDCWD, out_.c_str(), RENAME_EXCHANGE) != 0) {
      return Status::Error("cannot swap the new site into " + out_.string() + ": " + std::strerror(errno));
    }
  } else {
    fs::create_directories(out_.parent_path(), ec);
    fs::rename(tmp_, out_, ec);
    if (ec) return Status::Error("cannot move the new site into " + out_.string() + ": " + ec.message());
  }
  committed_ = true;

  // From here on the new site is published; what follows only decides how
  // much the next build can reuse, so failures just make it do more.
  std::optional<TreeId> served = TreeId::Of(out_);
  // The new manifest: the previous tree's files this build claimed (in
  // order already) merged with the new paths (sorted here; few).
  Manifest next;
  if (served) next.tree = *served;
  std::vector<std::string> written;
  std::vector<std::pair<std::string, FileTag>> added;
  added.reserve(claimed_.size());
  for (auto& [path, entry] : claimed_) {
    if (entry.written) written.push_back(path);
    added.emplace_back(path, entry.tag);
  }
  claimed_.clear();
  auto by_path = [](const auto& a, const auto& b) { return a.first < b.first; };
  std::sort(added.begin(), added.end(), by_path);
  std::size_t path_bytes = 0;
  for (const auto& a : added) path_bytes += a.first.size();
  for (std::size_t i = 0; i < before; ++i) path_bytes += previous_->path(i).size();
  next.Reserve(before + added.size(), path_bytes);
  auto fresh = added.begin();
  for (std::size_t i = 0; i < before; ++i) {
    const std::uint8_t st = state_of_[i].load();
    if (!(st & kClaimed)) continue;
    const std::string_view path = previous_->path(i);
    for (; fresh != added.end() && fresh->first < path; ++fresh) next.Add(fresh->first, fresh->second);
    if (st & kWritten) written.emplace_back(path);
    next.Add(path, tag_of_[i]);
  }
  for (; fresh != added.end(); ++fresh) next.Add(fresh->first, fresh->second);
  if (out_exists_) {
    // tmp_ now holds the replaced tree. When the manifest said exactly
    // what it holds, it becomes the spare; otherwise it goes.
    bool kept = false;
    if (previous_ && served && ::rename(tmp_.c_str(), spare_.c_str()) == 0) {
      SpareState ss;
      std::optional<TreeId> spare_id = TreeId::Of(spare_);
      if (spare_id) {
        ss.spare = *spare_id;
        ss.served = *served;
        ss.delta = std::move(written);
        ss.delta.insert(ss.delta.end(), gone.begin(), gone.end());
        std::sort(ss.delta.begin(), ss.delta.end());
        ss.delta.erase(std::unique(ss.delta.begin(), ss.delta.end()), ss.delta.end());
        kept = WriteSpareState(state_ / kSpareStateFile, ss).ok();
      }
      if (!kept) fs::remove_all(spare_, ec);
    }
    if (!kept) fs::remove_all(tmp_, ec);
  }
  if (served) WriteManifest(state_ / kManifestFile, next);
  return Status::Ok();
}

}  // namespace minhbach
