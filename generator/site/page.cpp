#include "site/page.h"

#include "base/text.h"

namespace minhbach {

std::string_view UrlPathView(std::string_view path) {
  if (path == "index.html") return {};
  if (EndsWith(path, "/index.html")) path.remove_suffix(10);  // keep the folder's slash
  return path;
}

std::string UrlPathOf(const std::string& path) { return std::string(UrlPathView(path)); }

std::string RootPrefixOf(const std::string& path) {
  std::string prefix;
  for (char c : path) {
    if (c == '/') prefix += "../";
  }
  return prefix;
}

}  // namespace minhbach
