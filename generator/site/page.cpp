#include "site/page.h"

#include "base/text.h"

namespace minhbach {

std::string UrlPathOf(const std::string& path) {
  if (path == "index.html") return "";
  if (EndsWith(path, "/index.html")) return path.substr(0, path.size() - 10);
  return path;
}

std::string RootPrefixOf(const std::string& path) {
  std::string prefix;
  for (char c : path) {
    if (c == '/') prefix += "../";
  }
  return prefix;
}

}  // namespace minhbach
