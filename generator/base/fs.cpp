#include "base/fs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

#include "base/text.h"

namespace minhbach {

namespace fs = std::filesystem;

Result<std::string> ReadFile(const fs::path& path) {
  // One read into a string sized from fstat: a rebuild reads a manifest of
  // 16 MB and a thousand records, and a stream would grow and copy each.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::At(path.string(), 0, std::string("cannot read file: ") + std::strerror(errno));
  struct stat st {};
  std::string out;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) out.resize(static_cast<std::size_t>(st.st_size));
  std::size_t got = 0;
  char more[4096];  // past the size fstat gave (a file that grew, a pipe)
  for (;;) {
    const bool inside = got < out.size();
    ssize_t n = inside ? ::read(fd, out.data() + got, out.size() - got) : ::read(fd, more, sizeof more);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      return Status::At(path.string(), 0, std::string("cannot read file: ") + std::strerror(err));
    }
    if (n == 0) break;
    if (!inside) out.append(more, static_cast<std::size_t>(n));
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  out.resize(got);
  return out;
}

Prefetch::Prefetch(std::vector<fs::path> files)
    : thread_([files = std::move(files)] {
        for (const fs::path& f : files) {
          int fd = ::open(f.c_str(), O_RDONLY | O_CLOEXEC);
          if (fd < 0) continue;
          ::posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED);
          ::close(fd);
        }
      }) {}

Prefetch::~Prefetch() {
  if (thread_.joinable()) thread_.join();
}

Result<std::string> ReadTextFile(const fs::path& path) {
  Result<std::string> raw = ReadFile(path);
  if (!raw.ok()) return raw.status();
  std::string& s = raw.value();
  if (StartsWith(s, "\xEF\xBB\xBF")) s.erase(0, 3);
  if (!IsValidUtf8(s)) {
    // Name the first bad line so an editor can find it.
    int line = 1;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
      if (i == s.size() || s[i] == '\n') {
        if (!IsValidUtf8(std::string_view(s).substr(start, i - start))) break;
        ++line;
        start = i + 1;
      }
    }
    return Status::At(path.string(), line,
                      "the file is not valid UTF-8: save it as UTF-8 (Unicode) and try again");
  }
  s = ReplaceAll(std::move(s), "\r\n", "\n");
  return Nfc(s);
}

Status WriteFileAtomic(const fs::path& path, std::string_view bytes) {
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  fs::path tmp = path;
  tmp += ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      return Status::At(path.string(), 0, std::string("cannot write file: ") + std::strerror(errno));
    }
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return Status::At(path.string(), 0, "write failed (disk full?)");
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return Status::At(path.string(), 0, "cannot replace file: " + ec.message());
  }
  return Status::Ok();
}

bool WriteAll(int fd, const char* data, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    ssize_t n = ::write(fd, data + done, size - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

bool CopyAll(int in, int out) {
  for (;;) {
    ssize_t n = ::copy_file_range(in, nullptr, out, nullptr, 1 << 30, 0);
    if (n > 0) continue;
    if (n == 0) return true;
    if (errno == EINTR) continue;
    if (errno != EXDEV && errno != ENOSYS && errno != EINVAL && errno != EOPNOTSUPP) return false;
    break;
  }
  // Nothing was copied yet when copy_file_range is refused outright.
  std::vector<char> buf(1 << 20);
  for (;;) {
    ssize_t n = ::read(in, buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) return true;
    if (!WriteAll(out, buf.data(), static_cast<std::size_t>(n))) return false;
  }
}

bool IsSafeRelativePath(std::string_view relative) {
  if (relative.empty() || relative.front() == '/' || relative.find('\\') != std::string_view::npos ||
      relative.find('\0') != std::string_view::npos)
    return false;
  // Every "/"-separated part, without allocating (called for every file).
  for (std::size_t start = 0;;) {
    const std::size_t slash = relative.find('/', start);
    const std::string_view part = relative.substr(start, slash == std::string_view::npos ? slash : slash - start);
    if (part.empty() || part == "." || part == "..") return false;
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

}  // namespace minhbach
