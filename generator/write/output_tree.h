// The output tree. A build writes every file into a tree beside --out and
// swaps it in (renameat2 RENAME_EXCHANGE) only when the whole site is
// complete, so a failed or interrupted build leaves the previous site
// exactly as it was.
//
// A file whose bytes equal the previous build's is never rewritten: it
// keeps its inode and modification time (rsync and `make`-style deploys
// move only real changes).
//
// Incremental builds. The tree a build replaces is not deleted: it becomes
// the *spare*, and the next build updates the spare in place -- only the
// files that differ between the served tree, the spare and the new build --
// and swaps it in. The cost of a build's write stage is then proportional
// to what changed, not to the size of the site, and the swap stays atomic.
// A file whose inputs have the same fingerprint (FileTag) as when the
// previous build wrote it is carried over by Reuse() without being rendered,
// read or written. What the previous build wrote and what the spare holds
// are recorded in a manifest beside --out (manifest.h); whenever that record
// does not match the directories on disk, the build falls back to a fresh
// tree where every unchanged file is a hard link to the served one.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/status.h"
#include "write/manifest.h"

namespace minhbach {

class OutputTree {
 public:
  // `site_root` guards against an --out that would swallow the site itself.
  // Waits while another build holds the same --out (flock).
  static Result<std::unique_ptr<OutputTree>> Begin(const std::filesystem::path& out,
                                                   const std::filesystem::path& site_root);
  // Without Commit(): the served tree is untouched; a spare being updated
  // is kept with the paths it touched marked, a fresh tree is removed.
  ~OutputTree();

  OutputTree(const OutputTree&) = delete;
  OutputTree& operator=(const OutputTree&) = delete;

  // Thread-safe. Carries `relative` over from the previous build when that
  // build wrote it from inputs with the same non-empty `tag`: true, and the
  // file is part of the new tree untouched. False: nothing was claimed;
  // render the file and Write() it.
  Result<bool> Reuse(std::string_view relative, const FileTag& tag);

  // Whether Reuse(relative, tag) would carry the file over (the served
  // tree has it from the same non-empty tag); claims nothing. Thread-safe.
  bool Reusable(std::string_view relative, const FileTag& tag) const;

  // Thread-safe. `relative` must stay inside the tree (no "..", no leading
  // "/"); writing the same path twice is an error naming both. `tag` is
  // recorded for the next build's Reuse() (empty: never reused).
  Status Write(std::string_view relative, std::string_view bytes, const FileTag& tag = {});
  // The same with the bytes of `source`, copied in chunks (the published
  // database is the biggest file of a site: it is never read into memory).
  // With `may_link` the caller promises that `source` is replaced by
  // rename and never changed in place: the file is then a hard link to it
  // where the file system allows, and nothing is copied.
  Status CopyFrom(std::string_view relative, const std::filesystem::path& source, const FileTag& tag = {},
                  bool may_link = false);

  // A new file the caller writes itself, in pieces, on the returned
  // descriptor (and closes): for files too big to hold in memory, like the
  // api/v1 arrays. Claimed with `tag` and counted as written (never compared
  // with the previous bytes). Thread-safe. The descriptor may be the
  // spare's own older copy of the file, to be overwritten in place (its
  // blocks and cached pages are used again instead of freed and allocated
  // anew): write from offset 0 and truncate to your length before closing.
  Result<int> Create(std::string_view relative, const FileTag& tag);

  // Swaps the new tree in, keeps the replaced one as the spare and records
  // the manifest.
  Status Commit();

  std::size_t files_written() const { return written_; }      // bytes changed or new
  std::size_t files_unchanged() const { return unchanged_; }  // kept (reused or same bytes)
  std::size_t files_reused() const { return reused_; }        // carried over on their tag
  std::size_t files_removed() const { return removed_; }      // in the previous tree, not in this one
  // True when this build updates the spare in place (O(changes)) rather
  // than a fresh tree (O(files)).
  bool incremental() const { return spare_mode_; }
  const std::filesystem::path& temp_dir() const { return tmp_; }
  // Where the served tree has `relative` (to read, never to write).
  std::filesystem::path ServedPath(std::string_view relative) const { return out_ / relative; }
  // `.<out name>-state/`, beside --out.
  const std::filesystem::path& state_dir() const { return state_; }
  static std::filesystem::path StateDirFor(const std::filesystem::path& out);
  // The files of that folder a build reads first (the manifest).
  static std::vector<std::filesystem::path> StateFilesFor(const std::filesystem::path& out);

 private:
  struct Entry {
    FileTag tag;
    bool written = false;
  };
  // Claim states of a file the previous tree has (by manifest index).
  static constexpr std::uint8_t kClaimed = 1, kWritten = 2, kInDelta = 4;

  OutputTree() = default;
  // Claims `relative` for this build; `*index` gets its manifest index
  // (Manifest::npos for a path the previous tree does not have).
  Status Claim(std::string_view relative, const FileTag& tag, bool written, std::size_t* index);
  void MarkWritten(const std::string& relative, std::size_t index);
  Status CheckPath(std::string_view relative) const;
  // Puts the served tree's file at `relative` into the new tree. False when
  // the served file is missing.
  bool CarryOver(const std::string& relative, std::size_t index);
  Result<int> OpenTarget(const std::string& relative);  // an fd for a new file in the tree
  Status WriteBytes(const std::string& relative, std::string_view bytes);
  Status CopyBytes(const std::string& relative, const std::filesystem::path& source, bool may_link);
  bool MakeParents(const std::filesystem::path& target);
  void Touch(const std::string& relative);
  Status Open(const std::filesystem::path& out, const std::filesystem::path& site_root);

  std::filesystem::path out_, tmp_, state_, spare_;
  int lock_fd_ = -1;
  int tmp_fd_ = -1;  // tmp_, opened O_PATH: new files are made relative to it
  bool committed_ = false;
  bool out_exists_ = false;
  bool spare_mode_ = false;
  // The spare was changed in ways not recorded (a file or folder removed to
  // make room): never keep it on abort. Set by any writer thread.
  std::atomic<bool> spare_damaged_{false};
  std::optional<Manifest> previous_;           // valid for the served tree, else empty
  // Most of a province's files are files the previous tree had: they are
  // claimed without a lock, by index into *previous_ (k* bits, and the
  // tag they were claimed with, which only the claiming thread writes).
  std::unique_ptr<std::atomic<std::uint8_t>[]> state_of_;
  std::unique_ptr<FileTag[]> tag_of_;
  std::unordered_set<std::string> delta_;      // spare mode: paths the previous tree lacks where the spare may differ
  std::vector<std::string> previous_delta_;    // where the spare may differ, as read (for the abort record)

  std::mutex mu_;
  std::unordered_map<std::string, Entry> claimed_;  // guarded by mu_; paths the previous tree lacks
  std::vector<std::string> touched_;                // guarded by mu_; spare mode
  std::atomic<std::size_t> written_{0}, unchanged_{0}, reused_{0}, removed_{0};
};

}  // namespace minhbach
