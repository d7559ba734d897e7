// The floor of a static site build: the time to write a given output tree,
// byte for byte, into a new folder, with nothing rendered. The files are
// read into memory first (not timed); then every folder is created and
// every file written on `threads` threads, as a generator that had all its
// output ready would, with paths resolved from DEST's own folder (openat,
// mkdirat), as minhbach's output tree does. DEST must not exist; it is left
// in place (the caller removes it: see bench/compare-hugo on when).
//
// Usage: floor SOURCE_TREE DEST THREADS
// Prints the wall time and the CPU time (user + system, all threads) of the
// writing, in seconds: "wall cpu user system".
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

struct Cpu {
  double user, system;
};

// This process's CPU time so far, all threads (the reading before the
// clock starts is subtracted by the caller).
static Cpu CpuNow() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  auto secs = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return Cpu{secs(u.ru_utime), secs(u.ru_stime)};
}

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: floor SOURCE_TREE DEST THREADS\n");
    return 2;
  }
  const fs::path src = argv[1], dst = argv[2];
  const unsigned threads = static_cast<unsigned>(std::max(1, std::atoi(argv[3])));

  std::vector<std::string> dirs;
  std::vector<std::pair<std::string, std::string>> files;  // relative path, bytes
  for (const auto& e : fs::recursive_directory_iterator(src)) {
    std::string rel = fs::relative(e.path(), src).string();
    if (e.is_directory()) {
      dirs.push_back(rel);
    } else if (e.is_regular_file()) {
      std::ifstream in(e.path(), std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      files.emplace_back(rel, ss.str());
    }
  }
  std::sort(dirs.begin(), dirs.end());  // parents before children

  if (fs::exists(dst)) {
    std::fprintf(stderr, "floor: %s exists\n", dst.c_str());
    return 2;
  }
  ::sync();  // earlier writes are flushed off the clock
  {
    const Cpu c0 = CpuNow();
    auto t0 = std::chrono::steady_clock::now();
    fs::create_directory(dst);
    const int root = ::open(dst.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (root < 0) {
      std::fprintf(stderr, "floor: cannot open %s\n", dst.c_str());
      return 1;
    }
    for (const std::string& d : dirs) ::mkdirat(root, d.c_str(), 0777);
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    auto worker = [&] {
      for (std::size_t i; (i = next.fetch_add(1)) < files.size();) {
        const auto& [rel, bytes] = files[i];
        int fd = ::openat(root, rel.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0) {
          failed = true;
          return;
        }
        std::size_t done = 0;
        while (done < bytes.size()) {
          ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
          if (n <= 0) {
            failed = true;
            break;
          }
          done += static_cast<std::size_t>(n);
        }
        ::close(fd);
      }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
    for (auto& t : pool) t.join();
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const Cpu c1 = CpuNow();
    if (failed) {
      std::fprintf(stderr, "floor: a write failed\n");
      return 1;
    }
    const double user = c1.user - c0.user, system = c1.system - c0.system;
    std::printf("%.4f %.4f %.4f %.4f\n", s, user + system, user, system);
    std::fflush(stdout);
  }
  return 0;
}
