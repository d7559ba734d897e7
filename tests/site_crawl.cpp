#include "tests/site_crawl.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace minhbach::testing {

namespace fs = std::filesystem;

namespace {

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Attribute values as written, with the five entities the escaper writes
// turned back into characters (an href "a?x=1&amp;y=2" means "a?x=1&y=2").
std::string Unescape(std::string s) {
  static const std::pair<const char*, const char*> kEntities[] = {
      {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&#x27;", "'"}};
  for (const auto& [from, to] : kEntities) {
    std::string out;
    std::size_t pos = 0, hit;
    while ((hit = s.find(from, pos)) != std::string::npos) {
      out.append(s, pos, hit - pos);
      out += to;
      pos = hit + std::string(from).size();
    }
    out.append(s, pos, std::string::npos);
    s = std::move(out);
  }
  return s;
}

std::string PercentDecode(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// Values of the attributes `names` (written name="value", after white
// space), in document order: (name, value).
std::vector<std::pair<std::string, std::string>> Attributes(const std::string& html,
                                                            std::initializer_list<const char*> names) {
  std::vector<std::pair<std::size_t, std::pair<std::string, std::string>>> found;
  for (const char* name : names) {
    const std::string needle = std::string(name) + "=\"";
    for (std::size_t pos = html.find(needle); pos != std::string::npos; pos = html.find(needle, pos + 1)) {
      if (pos == 0 || !std::isspace(static_cast<unsigned char>(html[pos - 1]))) continue;
      std::size_t start = pos + needle.size();
      std::size_t end = html.find('"', start);
      if (end == std::string::npos) break;
      found.push_back({pos, {name, html.substr(start, end - start)}});
    }
  }
  std::sort(found.begin(), found.end());
  std::vector<std::pair<std::string, std::string>> out;
  for (auto& f : found) out.push_back(std::move(f.second));
  return out;
}

bool HasScheme(const std::string& link) {
  // RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"
  if (link.empty() || !std::isalpha(static_cast<unsigned char>(link[0]))) return false;
  for (char c : link) {
    if (c == ':') return true;
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return false;
  }
  return false;
}

}  // namespace

CrawlResult CrawlSite(const fs::path& root_in, const CrawlOptions& options) {
  CrawlResult result;
  const fs::path root = fs::weakly_canonical(root_in);
  std::vector<fs::path> pages;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file() && e.path().extension() == ".html") pages.push_back(e.path());
  }
  std::sort(pages.begin(), pages.end());

  std::map<fs::path, std::set<std::string>> ids_of;  // target page -> its ids
  auto ids = [&](const fs::path& page) -> const std::set<std::string>& {
    auto it = ids_of.find(page);
    if (it != ids_of.end()) return it->second;
    std::set<std::string> found;
    for (auto& [name, value] : Attributes(Slurp(page), {"id", "name"})) found.insert(Unescape(value));
    return ids_of.emplace(page, std::move(found)).first->second;
  };

  for (const fs::path& page : pages) {
    ++result.pages;
    const std::string html = Slurp(page);
    const std::string shown = fs::relative(page, root).generic_string();
    for (const auto& [attr, raw] : Attributes(html, {"href", "src"})) {
      std::string link = Unescape(raw);
      auto report = [&, &attr = attr, &raw = raw](const std::string& why) {
        result.broken.push_back(shown + ": " + attr + "=\"" + raw + "\" (" + why + ")");
      };
      if (link.empty()) {
        report("empty link");
        continue;
      }
      if (HasScheme(link)) {
        std::string scheme = link.substr(0, link.find(':'));
        for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (scheme != "http" && scheme != "https" && scheme != "mailto" && scheme != "tel") {
          report("scheme " + scheme + " is not allowed");
        }
        continue;  // external: not checked here
      }
      if (link.rfind("//", 0) == 0) continue;  // protocol-relative: external
      ++result.links;
      std::string fragment;
      if (auto hash = link.find('#'); hash != std::string::npos) {
        fragment = link.substr(hash + 1);
        link.resize(hash);
      }
      if (auto q = link.find('?'); q != std::string::npos) link.resize(q);
      link = PercentDecode(link);

      fs::path target;
      if (link.empty()) {
        target = page;  // "#x": this page
      } else if (link[0] == '/') {
        if (link.rfind(options.base_path, 0) != 0) {
          report("absolute link outside the base path " + options.base_path);
          continue;
        }
        target = root / link.substr(options.base_path.size());
      } else {
        target = page.parent_path() / link;
      }
      // "dai-son/" is served as dai-son/index.html.
      if (link.empty() ? false : link.back() == '/') target /= "index.html";
      target = fs::weakly_canonical(target);
      std::string rel = fs::relative(target, root).generic_string();
      if (rel == ".." || rel.rfind("../", 0) == 0) {
        report("leaves the site");
        continue;
      }
      if (fs::is_directory(target)) target /= "index.html";
      if (!fs::is_regular_file(target)) {
        report("no such file: " + fs::relative(target, root).generic_string());
        continue;
      }
      if (!fragment.empty() && target.extension() == ".html" && !ids(target).count(PercentDecode(fragment))) {
        report("no id \"" + fragment + "\" in " + fs::relative(target, root).generic_string());
      }
    }
  }
  return result;
}

std::vector<std::string> PagesOver(const fs::path& root, std::size_t limit) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file() || e.path().extension() != ".html") continue;
    if (e.file_size() > limit) {
      out.push_back(fs::relative(e.path(), root).generic_string() + " (" + std::to_string(e.file_size()) +
                    " bytes)");
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace minhbach::testing
