// Page: one output file and the data that makes it. The site stage decides
// which pages exist and fills their data; the render stage turns them into
// bytes. Pages carry only plain Values, so rendering threads share nothing.
#pragma once

#include <string>

#include "base/value.h"

namespace minhbach {

struct Page {
  std::string path;      // output file relative to --out, e.g. "dai-son/index.html"
  std::string layout;    // theme layout; empty: `bytes` are written as they are
  Value data;            // the page's data (an object)
  std::string markdown;  // when set, rendered by the worker into data.content_html and data.toc
  std::string bytes;     // raw output (JSON, XML, text) when layout is empty
  bool in_sitemap = true;
};

// "dai-son/index.html" -> "dai-son/"; "404.html" -> "404.html".
std::string UrlPathOf(const std::string& output_path);
// Relative prefix from a page to the site root: "dai-son/x/index.html" -> "../../".
std::string RootPrefixOf(const std::string& output_path);

}  // namespace minhbach
