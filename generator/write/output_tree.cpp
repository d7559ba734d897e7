#include "write/output_tree.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "base/fs.h"

namespace minhbach {

namespace fs = std::filesystem;

namespace {

bool IsInside(const fs::path& child, const fs::path& parent) {
  auto c = child.begin();
  for (auto p = parent.begin(); p != parent.end(); ++p, ++c) {
    if (p->empty()) continue;
    if (c == child.end() || *c != *p) return false;
  }
  return true;
}

bool SameBytes(const fs::path& file, std::string_view bytes) {
  std::error_code ec;
  auto size = fs::file_size(file, ec);
  if (ec || size != bytes.size()) return false;
  std::ifstream in(file, std::ios::binary);
  std::string buf(bytes.size(), '\0');
  in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
  return in.gcount() == static_cast<std::streamsize>(bytes.size()) && buf == bytes;
}

}  // namespace

Result<std::unique_ptr<OutputTree>> OutputTree::Begin(const fs::path& out, const fs::path& site_root) {
  std::unique_ptr<OutputTree> tree(new OutputTree());
  tree->out_ = fs::weakly_canonical(fs::absolute(out));
  fs::path root = fs::weakly_canonical(fs::absolute(site_root));
  std::string shown = out.string();
  if (IsInside(root, tree->out_)) {
    return Status::Error("--out " + shown + " is the site folder or contains it; the build replaces --out "
                         "entirely, so choose a folder of its own (default: public)");
  }
  std::error_code ec;
  if (fs::exists(tree->out_, ec)) {
    if (!fs::is_directory(tree->out_, ec)) {
      return Status::Error("--out " + shown + " exists and is not a folder");
    }
    for (const char* marker : {"site.yaml", ".git", "content", "generator"}) {
      if (fs::exists(tree->out_ / marker, ec)) {
        return Status::Error("--out " + shown + " holds " + marker +
                             ": it looks like a source folder, not a built site; refusing to replace it");
      }
    }
  }
  // The temporary tree sits beside --out so the final rename stays on one
  // file system (and so stays atomic).
  tree->tmp_ = tree->out_.parent_path() / ("." + tree->out_.filename().string() + ".tmp-" + std::to_string(::getpid()));
  fs::remove_all(tree->tmp_, ec);
  fs::create_directories(tree->tmp_, ec);
  if (ec) return Status::Error("cannot create " + tree->tmp_.string() + ": " + ec.message());
  return tree;
}

OutputTree::~OutputTree() {
  if (!committed_ && !tmp_.empty()) {
    std::error_code ec;
    fs::remove_all(tmp_, ec);
  }
}

Status OutputTree::Claim(std::string_view relative) {
  if (!IsSafeRelativePath(relative)) {
    return Status::Error("refusing to write '" + std::string(relative) + "': output paths must stay inside the output folder");
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (!claimed_.insert(std::string(relative)).second) {
    return Status::Error("two pages want the same output file '" + std::string(relative) + "'");
  }
  return Status::Ok();
}

Status OutputTree::Write(std::string_view relative, std::string_view bytes) {
  MB_RETURN_IF_ERROR(Claim(relative));
  fs::path target = tmp_ / relative;
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  fs::path previous = out_ / relative;
  if (SameBytes(previous, bytes) && ::link(previous.c_str(), target.c_str()) == 0) {
    ++unchanged_;
    return Status::Ok();
  }
  int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::Error("cannot write " + target.string() + ": " + std::strerror(errno));
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      return Status::Error("cannot write " + target.string() + ": " + std::strerror(errno));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) return Status::Error("cannot write " + target.string() + ": " + std::strerror(errno));
  ++written_;
  return Status::Ok();
}

Status OutputTree::CopyFrom(std::string_view relative, const fs::path& source) {
  auto bytes = ReadFile(source);
  if (!bytes.ok()) return bytes.status();
  return Write(relative, bytes.value());
}

Status OutputTree::Commit() {
  std::error_code ec;
  if (fs::exists(out_, ec)) {
    if (::renameat2(AT_FDCWD, tmp_.c_str(), AT_FDCWD, out_.c_str(), RENAME_EXCHANGE) != 0) {
      return Status::Error("cannot swap the new site into " + out_.string() + ": " + std::strerror(errno));
    }
    committed_ = true;
    fs::remove_all(tmp_, ec);  // now holds the previous site
  } else {
    fs::create_directories(out_.parent_path(), ec);
    fs::rename(tmp_, out_, ec);
    if (ec) return Status::Error("cannot move the new site into " + out_.string() + ": " + ec.message());
    committed_ = true;
  }
  return Status::Ok();
}

}  // namespace minhbach
