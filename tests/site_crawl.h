// A link checker for built sites, shared by the fixture-site tests and the
// bundled-site end-to-end test: every relative href/src of every HTML page
// must resolve to a file of the output, and every #fragment to an id in it.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace minhbach::testing {

struct CrawlOptions {
  // Links that start with "/" resolve against this path of the site
  // ("/minhbach/" for https://vidu.example.vn/minhbach/): the 404 page uses them.
  std::string base_path = "/";
};

struct CrawlResult {
  std::size_t pages = 0;  // HTML files read
  std::size_t links = 0;  // internal links checked
  // "from.html: href=\"target\" (why)"; empty when the site is whole.
  std::vector<std::string> broken;
};

CrawlResult CrawlSite(const std::filesystem::path& root, const CrawlOptions& options = {});

// HTML files larger than `limit` bytes: "path (N bytes)".
std::vector<std::string> PagesOver(const std::filesystem::path& root, std::size_t limit);

}  // namespace minhbach::testing
