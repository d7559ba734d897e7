// Fingerprints of what a page is made from, for incremental builds.
//
// A page's output is a pure function of its model (layout, data, Markdown,
// shortcode markup or raw bytes), the theme's template files and the
// renderer (this binary and the cmark library). The pipeline hashes exactly
// those; a page whose fingerprint equals the one the previous build recorded
// for the same output file is not rendered again, its file is carried over.
// Hashing the resolved model rather than declaring what each page reads
// means no dependency list can go stale: whatever the site stage puts into a
// page is in its fingerprint.
//
// The hash is 128 bits, non-cryptographic (a multiply-fold over 32-byte
// stripes, in the family of wyhash and XXH3): the inputs are the site's own
// files, not an adversary's, and an accidental collision between two
// versions of one page is about 2^-100 likely.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "base/value.h"
#include "write/manifest.h"

namespace minhbach {

struct Page;

class Hasher {
 public:
  Hasher() = default;
  void Update(const void* data, std::size_t size);
  void Update(std::string_view s) { Update(s.data(), s.size()); }
  void U64(std::uint64_t v) { Update(&v, sizeof v); }
  // A length-prefixed string, so that ("ab","c") and ("a","bc") differ.
  void Str(std::string_view s) {
    U64(s.size());
    Update(s);
  }
  void Tag(const FileTag& t) {
    U64(t.hi);
    U64(t.lo);
  }
  // Type-tagged and length-prefixed: two different Values never feed the
  // same byte sequence.
  void Add(const Value& v);
  FileTag Finish() const;

 private:
  void Stripe(const unsigned char* p);

  std::uint64_t a_ = 0x243f6a8885a308d3ull, b_ = 0x13198a2e03707344ull;
  std::uint64_t total_ = 0;
  unsigned char buf_[32] = {};
  std::size_t used_ = 0;
};

FileTag HashBytes(std::string_view bytes);

// What every rendered page shares: this program's own bytes (a rebuilt
// binary may render differently even at the same version) and the cmark
// library's version. Read once per build.
Result<FileTag> RendererFingerprint();

// Every file under themes/<theme>/ (templates, partials, assets, plug-ins)
// and the site's layouts/ and partials/ overrides: names and bytes. Any
// change re-renders every page; templates change rarely, and a finer rule
// would have to know which partial each layout inlines.
Result<FileTag> ThemeFingerprint(const std::filesystem::path& site_root, const std::string& theme_name);

// Every file under `dirs` (names relative to `site_root`, and bytes), after
// `label`: the plug-in folders' fingerprint, for instance.
Result<FileTag> FilesFingerprint(std::string_view label, const std::filesystem::path& site_root,
                                 const std::vector<std::filesystem::path>& dirs);

// What one unit's pages are made from that is the unit's own: every file
// under content/<unit>/ (plans, indicator and task tables, report cycles),
// by name, size and modification time -- a stat per file, so that a build
// of a province can tell in milliseconds which communes changed. The
// database is made from these same files.
Result<FileTag> UnitInputsFingerprint(const std::filesystem::path& unit_dir);

// The fingerprint of one page's output: `shared` (renderer + theme) for
// pages with a layout, plus the page model. Raw-bytes pages hash their bytes
// only.
FileTag PageFingerprint(const Page& page, const FileTag& shared);

}  // namespace minhbach
