// File helpers. All reads report the path in their error; all writes of
// files people keep (content, CSV, database) go through a temporary file and
// rename, so a crash never leaves half a file.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "base/status.h"

namespace minhbach {

Result<std::string> ReadFile(const std::filesystem::path& path);
// Writes via "<path>.tmp-<pid>" + rename; creates parent directories.
Status WriteFileAtomic(const std::filesystem::path& path, std::string_view bytes);

// write(2) until all of `data` is written (retrying on EINTR); false with
// errno set on failure.
bool WriteAll(int fd, const char* data, std::size_t size);

// Copies the rest of the open file `in` to `out` (from their current
// offsets): in the kernel (copy_file_range) where it can, else through a
// buffer. False with errno set on failure.
bool CopyAll(int in, int out);

// True when `child` (after lexical normalization) stays inside `root`:
// rejects absolute paths, "..", and empty components. For paths that come
// from content or plug-ins and are about to become output files.
bool IsSafeRelativePath(std::string_view relative);

// Asks the kernel to read `files` into memory (posix_fadvise WILLNEED), on
// a thread of its own, and joins it on destruction. For the files a build
// is about to read when the machine may have paged them out: the disk then
// works while the build does other things. Missing files are skipped.
class Prefetch {
 public:
  explicit Prefetch(std::vector<std::filesystem::path> files);
  ~Prefetch();
  Prefetch(const Prefetch&) = delete;
  Prefetch& operator=(const Prefetch&) = delete;

 private:
  std::thread thread_;
};

// Reads a text file, checks UTF-8 and returns it in NFC with "\r\n" -> "\n".
Result<std::string> ReadTextFile(const std::filesystem::path& path);

}  // namespace minhbach
