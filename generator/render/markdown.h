// Markdown → HTML with cmark-gfm (tables, strikethrough, autolink, tagfilter).
//
// Safe mode: raw HTML in content is never passed through (it becomes an HTML
// comment) and javascript:/data: links are emptied. Headings get stable
// Vietnamese-slug anchors and feed the table of contents; tables are wrapped
// in a focusable scroll container so wide appendices stay usable at 360 px.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace minhbach {

struct TocEntry {
  int level = 2;       // 2..4
  std::string text;    // plain text
  std::string anchor;  // id attribute
};

struct RenderedMarkdown {
  std::string html;
  std::vector<TocEntry> toc;  // headings of level 2..4, in order
};

// Must run once before any thread renders Markdown: cmark-gfm's extension
// registry is a plain global list (see shared NOTES).
void InitMarkdown();

RenderedMarkdown RenderMarkdown(std::string_view markdown);

// Anchor for a heading text: Slugify, or "muc" when nothing is left;
// `used` dedupes within one page ("muc-tieu", "muc-tieu-2").
std::string HeadingAnchor(std::string_view text, std::vector<std::string>* used);

}  // namespace minhbach
