// Page: one output file and the data that makes it. The site stage decides
// which pages exist and fills their data; the render stage turns them into
// bytes. Pages carry only plain Values, so rendering threads share nothing.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/value.h"

namespace minhbach {

struct Page {
  std::string path;      // output file relative to --out, e.g. "dai-son/index.html"
  std::string layout;    // theme layout; empty: `bytes` are written as they are
  Value data;            // the page's data (an object)
  std::string markdown;  // when set, rendered by the worker into data.content_html and data.toc
  std::string bytes;     // raw output (JSON, XML, text) when layout is empty
  std::filesystem::path copy_from;  // when set (and no layout): the output is a copy of this file
  bool may_link = false;            // copy_from is replaced by rename, never changed in place: the
                                    // output may be a hard link to it (OutputTree::CopyFrom)
  bool in_sitemap = true;
  std::string markdown_file;  // content file the markdown came from (for shortcode errors)
  int markdown_line = 1;      // line of the markdown's first line in that file
  // Shortcodes already expanded (by the pipeline, on one thread): the
  // markdown holds `token` as a paragraph of its own; the worker swaps the
  // rendered <p>token</p> for the sanitized markup.
  std::vector<std::pair<std::string, std::string>> shortcodes;
};

// "dai-son/index.html" -> "dai-son/"; "404.html" -> "404.html".
std::string UrlPathOf(const std::string& output_path);
// The same, as a view into `output_path` (for links made by the thousand).
std::string_view UrlPathView(std::string_view output_path);
// Relative prefix from a page to the site root: "dai-son/x/index.html" -> "../../".
std::string RootPrefixOf(const std::string& output_path);

}  // namespace minhbach
