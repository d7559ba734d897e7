#include "write/manifest.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <deque>

#include "base/fs.h"

namespace minhbach {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kManifestHead = "minhbach output manifest 1\n";
constexpr std::string_view kSpareHead = "minhbach spare tree 1\n";

// Paths are written one per line; the two characters that could break that
// are escaped (output paths never hold them in practice, but plug-ins choose
// paths).
void AppendPath(std::string* out, std::string_view path) {
  // Two memchr scans: find_first_of tests each character against the set
  // one by one, and a manifest has 200,000 paths at N = 1000.
  if (std::memchr(path.data(), '\\', path.size()) == nullptr &&
      std::memchr(path.data(), '\n', path.size()) == nullptr) {
    out->append(path);
    out->push_back('\n');
    return;
  }
  for (char c : path) {
    if (c == '\\') out->append("\\\\");
    else if (c == '\n') out->append("\\n");
    else out->push_back(c);
  }
  out->push_back('\n');
}

std::optional<std::string> UnescapePath(std::string_view s) {
  if (s.find('\\') == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\') {
      out.push_back(s[i]);
      continue;
    }
    if (++i == s.size()) return std::nullopt;
    if (s[i] == '\\') out.push_back('\\');
    else if (s[i] == 'n') out.push_back('\n');
    else return std::nullopt;
  }
  return out;
}

std::string IdLine(const char* key, const TreeId& id) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "%s %" PRIu64 " %" PRIu64 " %" PRId64 " %" PRIu32 "\n", key, id.dev, id.ino,
                id.btime_sec, id.btime_nsec);
  return buf;
}

// Reads "key dev ino sec nsec" from the start of `*rest` and advances it.
bool ParseIdLine(std::string_view* rest, const char* key, TreeId* id) {
  std::size_t end = rest->find('\n');
  if (end == std::string_view::npos) return false;
  std::string line(rest->substr(0, end));
  char k[16];
  if (std::sscanf(line.c_str(), "%15s %" SCNu64 " %" SCNu64 " %" SCNd64 " %" SCNu32, k, &id->dev, &id->ino,
                  &id->btime_sec, &id->btime_nsec) != 5 ||
      std::string_view(k) != key) {
    return false;
  }
  rest->remove_prefix(end + 1);
  return true;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

bool ParseHex64(std::string_view s, std::uint64_t* out) {
  std::uint64_t v = 0;
  for (char c : s) {
    int d = HexDigit(c);
    if (d < 0) return false;
    v = (v << 4) | static_cast<std::uint64_t>(d);
  }
  *out = v;
  return true;
}

void AppendHex64(std::string* out, std::uint64_t v) {
  static const char kDigits[] = "0123456789abcdef";
  char digits[16];
  for (int i = 15; i >= 0; --i, v >>= 4) digits[i] = kDigits[v & 15];
  out->append(digits, sizeof digits);
}

}  // namespace

std::optional<TreeId> TreeId::Of(const fs::path& dir) {
  struct statx stx {};
  if (::statx(AT_FDCWD, dir.c_str(), 0, STATX_TYPE | STATX_INO | STATX_BTIME, &stx) != 0) return std::nullopt;
  if (!S_ISDIR(stx.stx_mode)) return std::nullopt;
  TreeId id;
  id.dev = (static_cast<std::uint64_t>(stx.stx_dev_major) << 32) | stx.stx_dev_minor;
  id.ino = stx.stx_ino;
  // Without a birth time (some file systems) the inode alone identifies the
  // directory; a reused inode is then the one case the check cannot see.
  if (stx.stx_mask & STATX_BTIME) {
    id.btime_sec = stx.stx_btime.tv_sec;
    id.btime_nsec = stx.stx_btime.tv_nsec;
  }
  return id;
}

namespace {

// A hash of a path for the index: 8 bytes at a time (paths are long and
// share prefixes, so every byte must count).
std::uint64_t PathHash(std::string_view s) {
  constexpr std::uint64_t kMul = 0x9e3779b97f4a7c15ull;
  std::uint64_t h = s.size() * kMul;
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = (h ^ w) * kMul;
    h ^= h >> 29;
  }
  std::uint64_t w = 0;
  std::memcpy(&w, s.data() + i, s.size() - i);
  h = (h ^ w) * kMul;
  h ^= h >> 32;
  return h;
}

}  // namespace

void Manifest::Add(std::string_view path, const FileTag& tag) {
  entries_.push_back(Entry{text_.size(), static_cast<std::uint32_t>(path.size()), tag});
  text_.append(path);
  slots_.clear();
}

void Manifest::Reserve(std::size_t files, std::size_t path_bytes) {
  entries_.reserve(files);
  text_.reserve(path_bytes);
}

void Manifest::BuildIndex() {
  std::size_t n = 16;
  while (n < entries_.size() * 2) n <<= 1;
  slots_.assign(n, 0);
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    std::size_t at = PathHash(path(i)) & (n - 1);
    while (slots_[at] != 0) at = (at + 1) & (n - 1);
    slots_[at] = static_cast<std::uint32_t>(i + 1);
  }
}

std::size_t Manifest::IndexOf(std::string_view p) const {
  if (!slots_.empty()) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t at = PathHash(p) & mask; slots_[at] != 0; at = (at + 1) & mask) {
      const std::size_t i = slots_[at] - 1;
      if (path(i) == p) return i;
    }
    return npos;
  }
  std::size_t lo = 0, hi = entries_.size();
  while (lo < hi) {
    std::size_t mid = lo + (hi - lo) / 2;
    if (path(mid) < p) lo = mid + 1;
    else hi = mid;
  }
  return lo < entries_.size() && path(lo) == p ? lo : npos;
}

std::optional<Manifest> ReadManifest(const fs::path& file) {
  auto bytes = ReadFile(file);
  if (!bytes.ok()) return std::nullopt;
  Manifest m;
  m.text_ = std::move(bytes.value());
  std::string_view rest = m.text_;
  if (rest.substr(0, kManifestHead.size()) != kManifestHead) return std::nullopt;
  rest.remove_prefix(kManifestHead.size());
  if (!ParseIdLine(&rest, "tree", &m.tree)) return std::nullopt;
  // "<16 hex><16 hex> <path>\n" per file, sorted. The entries point into
  // the file's bytes; the few escaped paths are unescaped after them.
  m.entries_.reserve(rest.size() / 64);
  std::deque<std::string> unescaped;
  std::vector<std::size_t> unescaped_at;  // their entries
  std::string_view previous;
  while (!rest.empty()) {
    std::size_t end = rest.find('\n');
    if (end == std::string_view::npos || end < 34 || rest[32] != ' ') return std::nullopt;
    FileTag tag;
    if (!ParseHex64(rest.substr(0, 16), &tag.hi) || !ParseHex64(rest.substr(16, 16), &tag.lo)) return std::nullopt;
    std::string_view raw = rest.substr(33, end - 33);
    std::string_view path = raw;
    if (raw.find('\\') != std::string_view::npos) {
      auto plain = UnescapePath(raw);
      if (!plain) return std::nullopt;
      unescaped.push_back(std::move(*plain));
      unescaped_at.push_back(m.entries_.size());
      path = unescaped.back();
    }
    if (!m.entries_.empty() && !(previous < path)) return std::nullopt;
    m.entries_.push_back(Manifest::Entry{static_cast<std::uint64_t>(raw.data() - m.text_.data()),
                                         static_cast<std::uint32_t>(path.size()), tag});
    previous = path;
    rest.remove_prefix(end + 1);
  }
  for (std::size_t k = 0; k < unescaped.size(); ++k) {
    m.entries_[unescaped_at[k]].offset = m.text_.size();
    m.text_.append(unescaped[k]);
  }
  m.BuildIndex();
  return m;
}

Status WriteManifest(const fs::path& file, const Manifest& m) {
  std::string out(kManifestHead);
  out += IdLine("tree", m.tree);
  std::size_t bytes = out.size();
  for (std::size_t i = 0; i < m.size(); ++i) bytes += 34 + m.path(i).size();
  out.reserve(bytes);
  for (std::size_t i = 0; i < m.size(); ++i) {
    AppendHex64(&out, m.tag(i).hi);
    AppendHex64(&out, m.tag(i).lo);
    out.push_back(' ');
    AppendPath(&out, m.path(i));
  }
  return WriteFileAtomic(file, out);
}

std::optional<SpareState> ReadSpareState(const fs::path& file) {
  auto bytes = ReadFile(file);
  if (!bytes.ok()) return std::nullopt;
  std::string_view rest = bytes.value();
  if (rest.substr(0, kSpareHead.size()) != kSpareHead) return std::nullopt;
  rest.remove_prefix(kSpareHead.size());
  SpareState s;
  if (!ParseIdLine(&rest, "spare", &s.spare) || !ParseIdLine(&rest, "served", &s.served)) return std::nullopt;
  while (!rest.empty()) {
    std::size_t end = rest.find('\n');
    if (end == std::string_view::npos) return std::nullopt;
    auto path = UnescapePath(rest.substr(0, end));
    if (!path) return std::nullopt;
    s.delta.push_back(std::move(*path));
    rest.remove_prefix(end + 1);
  }
  return s;
}

Status WriteSpareState(const fs::path& file, const SpareState& s) {
  std::string out(kSpareHead);
  out += IdLine("spare", s.spare);
  out += IdLine("served", s.served);
  for (const std::string& p : s.delta) AppendPath(&out, p);
  return WriteFileAtomic(file, out);
}

}  // namespace minhbach
