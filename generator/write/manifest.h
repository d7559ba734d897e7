// What a build remembers about its output, kept beside --out (never served)
// in the state folder `.<out name>-state/`:
//
//   manifest   every file of the served tree with the tag (input
//              fingerprint) it was made from, and the identity of the tree
//              directory it describes
//   spare      the identity of the spare tree (the previous generation,
//              kept to be updated in place by the next build) and the paths
//              where it may differ from the served tree
//   spare/     that tree;  tmp-<pid>/  a tree being built;  lock  (flock)
//
// Both files name the directories they describe by device, inode and birth
// time, so a manifest never vouches for a tree it was not written for: a
// crash between the swap and the manifest write, an --out replaced by hand
// or by rsync, a spare left half-updated, all make the identities disagree
// and the next build falls back to the safe path (render and compare).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace minhbach {

// The fingerprint of the inputs a file was made from (128 bits). All zero:
// no fingerprint (the file is never carried over on its tag alone).
struct FileTag {
  std::uint64_t hi = 0, lo = 0;
  bool empty() const { return hi == 0 && lo == 0; }
  bool operator==(const FileTag& o) const { return hi == o.hi && lo == o.lo; }
  bool operator!=(const FileTag& o) const { return !(*this == o); }
};

// A directory's identity: device, inode and birth time (statx). Renames keep
// it; deleting and recreating a directory changes it.
struct TreeId {
  std::uint64_t dev = 0, ino = 0;
  std::int64_t btime_sec = 0;
  std::uint32_t btime_nsec = 0;
  bool operator==(const TreeId& o) const {
    return dev == o.dev && ino == o.ino && btime_sec == o.btime_sec && btime_nsec == o.btime_nsec;
  }
  bool operator!=(const TreeId& o) const { return !(*this == o); }
  // nullopt when `dir` is missing or not a directory.
  static std::optional<TreeId> Of(const std::filesystem::path& dir);
};

// Every file of a tree and its tag, sorted by path. A province has hundreds
// of thousands of files and a rebuild reads this whole list before anything
// else, so the paths are kept in one buffer (the file's own bytes, as read)
// and looked up through a hash index, not a string per entry and a binary
// search per lookup.
class Manifest {
 public:
  TreeId tree;

  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  std::size_t size() const { return entries_.size(); }
  std::string_view path(std::size_t i) const {
    return std::string_view(text_.data() + entries_[i].offset, entries_[i].length);
  }
  const FileTag& tag(std::size_t i) const { return entries_[i].tag; }
  // Appends a file; paths must come in strictly increasing order. Drops the
  // hash index (BuildIndex makes it again).
  void Add(std::string_view path, const FileTag& tag);
  void Reserve(std::size_t files, std::size_t path_bytes);
  // Makes lookups O(1). Lookups from many threads at once are safe after it.
  void BuildIndex();
  // The index of `path`, or npos when the tree has no such file.
  std::size_t IndexOf(std::string_view path) const;
  // The tag recorded for `path`, or nullptr when the tree has no such file.
  const FileTag* Find(std::string_view path) const {
    std::size_t i = IndexOf(path);
    return i == npos ? nullptr : &entries_[i].tag;
  }

 private:
  friend std::optional<Manifest> ReadManifest(const std::filesystem::path& file);
  struct Entry {
    std::uint64_t offset;  // of the path in text_
    std::uint32_t length;
    FileTag tag;
  };
  std::string text_;
  std::vector<Entry> entries_;
  std::vector<std::uint32_t> slots_;  // open addressing: entry index + 1, 0 = empty
};

struct SpareState {
  TreeId spare;   // the spare tree
  TreeId served;  // the served tree it was compared with
  std::vector<std::string> delta;  // paths where the two may differ (a superset is fine)
};

// Both return nullopt for a missing, foreign or damaged file: the caller
// then trusts nothing it would have said.
std::optional<Manifest> ReadManifest(const std::filesystem::path& file);
std::optional<SpareState> ReadSpareState(const std::filesystem::path& file);
// Written to a temporary file and renamed into place.
Status WriteManifest(const std::filesystem::path& file, const Manifest& manifest);
Status WriteSpareState(const std::filesystem::path& file, const SpareState& state);

}  // namespace minhbach
