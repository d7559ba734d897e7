#include "pipeline/fingerprint.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <vector>

#include <cmark-gfm.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "base/fs.h"
#include "site/page.h"

namespace minhbach {

namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kK0 = 0xa0761d6478bd642full, kK1 = 0xe7037ed1a0b428dbull;
constexpr std::uint64_t kK2 = 0x8ebc6af09c88c6e3ull, kK3 = 0x589965cc75374cc3ull;
constexpr std::uint64_t kK4 = 0x1d8e4e27c47d124full;

// 64x64 -> 128 multiply, folded: the mixing step of wyhash and XXH3.
inline std::uint64_t Mum(std::uint64_t x, std::uint64_t y) {
  unsigned __int128 m = static_cast<unsigned __int128>(x) * y;
  return static_cast<std::uint64_t>(m) ^ static_cast<std::uint64_t>(m >> 64);
}

inline std::uint64_t Load64(const unsigned char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

}  // namespace

void Hasher::Stripe(const unsigned char* p) {
  a_ = Mum(Load64(p) ^ kK0, Load64(p + 8) ^ a_);
  b_ = Mum(Load64(p + 16) ^ kK2, Load64(p + 24) ^ b_);
}

void Hasher::Update(const void* data, std::size_t size) {
  const auto* p = static_cast<const unsigned char*>(data);
  total_ += size;
  if (used_) {
    std::size_t take = std::min(size, sizeof buf_ - used_);
    std::memcpy(buf_ + used_, p, take);
    used_ += take;
    p += take;
    size -= take;
    if (used_ < sizeof buf_) return;
    Stripe(buf_);
    used_ = 0;
  }
  for (; size >= sizeof buf_; p += sizeof buf_, size -= sizeof buf_) Stripe(p);
  std::memcpy(buf_, p, size);
  used_ = size;
}

FileTag Hasher::Finish() const {
  Hasher h = *this;
  std::memset(h.buf_ + h.used_, 0, sizeof h.buf_ - h.used_);
  h.Stripe(h.buf_);
  std::uint64_t a = Mum(h.a_ ^ kK1, h.total_ ^ kK3);
  std::uint64_t b = Mum(h.b_ ^ kK4, h.total_ ^ kK0);
  FileTag t;
  t.hi = Mum(a ^ kK2, b ^ kK1) ^ a;
  t.lo = Mum(b ^ kK3, a ^ kK4) ^ b;
  if (t.empty()) t.lo = 1;  // an all-zero tag means "no tag"
  return t;
}

void Hasher::Add(const Value& v) {
  switch (v.type()) {
    case Value::Type::kNull:
      U64(0);
      break;
    case Value::Type::kBool:
      U64(v.as_bool() ? 2 : 1);
      break;
    case Value::Type::kNumber: {
      double d = v.as_number();
      std::uint64_t bits;
      std::memcpy(&bits, &d, sizeof bits);
      U64(3);
      U64(bits);
      break;
    }
    case Value::Type::kString:
      U64(4);
      Str(v.as_string());
      break;
    case Value::Type::kArray:
      U64(5);
      U64(v.as_array().size());
      for (const Value& item : v.as_array()) Add(item);
      break;
    case Value::Type::kObject:
      U64(6);
      U64(v.as_object().size());
      for (const auto& [key, item] : v.as_object()) {
        Str(key);
        Add(item);
      }
      break;
  }
}

FileTag HashBytes(std::string_view bytes) {
  Hasher h;
  h.Update(bytes);
  return h.Finish();
}

Result<FileTag> RendererFingerprint() {
  auto self = ReadFile("/proc/self/exe");
  if (!self.ok()) return self.status();
  Hasher h;
  h.Str("minhbach renderer");
  h.Str(self.value());
  h.Str(cmark_version_string());
  return h.Finish();
}

Result<FileTag> FilesFingerprint(std::string_view label, const fs::path& site_root, const std::vector<fs::path>& dirs) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const fs::path& dir : dirs) {
    if (!fs::is_directory(dir, ec)) continue;
    for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::follow_directory_symlink, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file(ec)) files.push_back(it->path());
    }
    if (ec) return Status::Error("cannot list " + dir.string() + ": " + ec.message());
  }
  std::sort(files.begin(), files.end());
  Hasher h;
  h.Str(label);
  for (const fs::path& f : files) {
    auto bytes = ReadFile(f);
    if (!bytes.ok()) return bytes.status();
    h.Str(fs::relative(f, site_root, ec).generic_string());
    h.Str(bytes.value());
  }
  return h.Finish();
}

Result<FileTag> ThemeFingerprint(const fs::path& site_root, const std::string& theme_name) {
  return FilesFingerprint("minhbach theme " + theme_name, site_root,
                          {site_root / "themes" / theme_name, site_root / "layouts", site_root / "partials"});
}

namespace {

struct InputEntry {
  std::string path;  // relative to the unit folder, '/'-separated
  std::uint64_t size;
  std::int64_t mtime_ns;
};

// Lists the regular files under the open folder `fd` (closed here). Names
// are looked up relative to the folder (fstatat), not from the root: a build
// stats every input file of every unit, 12,000 at N = 1000. Symbolic links
// to files count as files; links to folders are not followed.
bool ListInputs(int fd, const std::string& prefix, std::vector<InputEntry>* out) {
  DIR* dir = ::fdopendir(fd);
  if (!dir) {
    ::close(fd);
    return false;
  }
  bool ok = true;
  while (struct dirent* e = ::readdir(dir)) {
    const char* name = e->d_name;
    if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0))) continue;
    if (e->d_type == DT_DIR) {
      int sub = ::openat(::dirfd(dir), name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (sub < 0 || !ListInputs(sub, prefix + name + "/", out)) ok = false;
      continue;
    }
    struct stat st {};
    if (::fstatat(::dirfd(dir), name, &st, 0) != 0) continue;
    if (S_ISDIR(st.st_mode) && e->d_type == DT_UNKNOWN) {
      int sub = ::openat(::dirfd(dir), name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      if (sub < 0 || !ListInputs(sub, prefix + name + "/", out)) ok = false;
      continue;
    }
    if (!S_ISREG(st.st_mode)) continue;
    out->push_back({prefix + name, static_cast<std::uint64_t>(st.st_size),
                    static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec});
  }
  ::closedir(dir);
  return ok;
}

}  // namespace

Result<FileTag> UnitInputsFingerprint(const fs::path& unit_dir) {
  std::vector<InputEntry> entries;
  int fd = ::open(unit_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0 || !ListInputs(fd, "", &entries)) {
    return Status::Error("cannot list " + unit_dir.string() + ": " + std::strerror(errno));
  }
  std::sort(entries.begin(), entries.end(), [](const InputEntry& a, const InputEntry& b) { return a.path < b.path; });
  Hasher h;
  h.Str("minhbach unit inputs");
  for (const InputEntry& e : entries) {
    h.Str(e.path);
    h.U64(e.size);
    h.U64(static_cast<std::uint64_t>(e.mtime_ns));
  }
  return h.Finish();
}

FileTag PageFingerprint(const Page& page, const FileTag& shared) {
  Hasher h;
  if (page.layout.empty()) {
    h.U64(1);
    h.Str(page.bytes);
    return h.Finish();
  }
  h.U64(2);
  h.Tag(shared);
  h.Str(page.layout);
  h.Add(page.data);
  h.Str(page.markdown);
  h.U64(page.shortcodes.size());
  for (const auto& [token, html] : page.shortcodes) {
    h.Str(token);
    h.Str(html);
  }
  return h.Finish();
}

}  // namespace minhbach
