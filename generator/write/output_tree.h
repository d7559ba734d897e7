// The output tree. A build writes every file into a fresh directory beside
// --out and swaps it in only when the whole site is complete, so a failed or
// interrupted build leaves the previous site exactly as it was.
//
// A file whose bytes equal the previous build's is hard-linked from it: it
// keeps its modification time (rsync and `make`-style deploys move only real
// changes) and costs no write.
#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

#include "base/status.h"

namespace minhbach {

class OutputTree {
 public:
  // `site_root` guards against an --out that would swallow the site itself.
  static Result<std::unique_ptr<OutputTree>> Begin(const std::filesystem::path& out,
                                                   const std::filesystem::path& site_root);
  ~OutputTree();  // aborts (removes the temporary tree) unless committed

  OutputTree(const OutputTree&) = delete;
  OutputTree& operator=(const OutputTree&) = delete;

  // Thread-safe. `relative` must stay inside the tree (no "..", no leading
  // "/"); writing the same path twice is an error naming both.
  Status Write(std::string_view relative, std::string_view bytes);
  Status CopyFrom(std::string_view relative, const std::filesystem::path& source);

  // Swaps the new tree in (renameat2 RENAME_EXCHANGE: atomic on Linux) and
  // removes the old one.
  Status Commit();

  std::size_t files_written() const { return written_; }
  std::size_t files_unchanged() const { return unchanged_; }
  const std::filesystem::path& temp_dir() const { return tmp_; }

 private:
  OutputTree() = default;
  Status Claim(std::string_view relative);

  std::filesystem::path out_, tmp_;
  bool committed_ = false;
  std::mutex mu_;
  std::set<std::string> claimed_;  // guarded by mu_
  std::atomic<std::size_t> written_{0}, unchanged_{0};
};

}  // namespace minhbach
