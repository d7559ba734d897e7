#include "render/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cstdlib>
#include <mutex>

#include "base/text.h"

namespace minhbach {

void InitMarkdown() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

std::string HeadingAnchor(std::string_view text, std::vector<std::string>* used) {
  std::string base = Slugify(text);
  if (base.empty()) base = "muc";
  std::string anchor = base;
  for (int n = 2; std::find(used->begin(), used->end(), anchor) != used->end(); ++n) {
    anchor = base + "-" + std::to_string(n);
  }
  used->push_back(anchor);
  return anchor;
}

namespace {

std::string PlainText(cmark_node* node) {
  std::string out;
  cmark_iter* iter = cmark_iter_new(node);
  cmark_event_type ev;
  while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
    cmark_node* cur = cmark_iter_get_node(iter);
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node_type t = cmark_node_get_type(cur);
    if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) {
      if (const char* lit = cmark_node_get_literal(cur)) out += lit;
    } else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) {
      out += ' ';
    }
  }
  cmark_iter_free(iter);
  return CollapseSpace(out);
}

// Adds id="anchor" to the n-th <hN> in document order. cmark renders headings
// in AST order and safe mode omits raw HTML, so every "<h2>" in the output is
// one of ours (code spans and blocks escape '<').
std::string AddHeadingIds(const std::string& html, const std::vector<std::pair<int, std::string>>& ids) {
  std::string out;
  out.reserve(html.size() + ids.size() * 24);
  std::size_t pos = 0, k = 0;
  while (k < ids.size()) {
    std::string open = "<h" + std::to_string(ids[k].first) + ">";
    std::size_t at = html.find(open, pos);
    if (at == std::string::npos) break;
    out.append(html, pos, at - pos);
    out += "<h" + std::to_string(ids[k].first) + " id=\"" + ids[k].second + "\">";
    pos = at + open.size();
    ++k;
  }
  out.append(html, pos, std::string::npos);
  return out;
}

}  // namespace

RenderedMarkdown RenderMarkdown(std::string_view markdown) {
  InitMarkdown();
  const int options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_FOOTNOTES;
  cmark_parser* parser = cmark_parser_new(options);
  for (const char* name : {"table", "strikethrough", "autolink", "tagfilter"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser, ext);
    }
  }
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  cmark_node* doc = cmark_parser_finish(parser);

  RenderedMarkdown result;
  std::vector<std::string> used;
  std::vector<std::pair<int, std::string>> ids;
  // Each table is named by the nearest heading above it (GFM tables have no
  // caption syntax; plan appendices always sit under their "PHỤ LỤC" heading).
  std::vector<std::pair<std::string, std::string>> table_labels;  // (heading id, heading text)
  std::pair<std::string, std::string> last_heading;
  cmark_iter* iter = cmark_iter_new(doc);
  cmark_event_type ev;
  while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(iter);
    if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_HEADING) {
      int level = cmark_node_get_heading_level(node);
      std::string text = PlainText(node);
      std::string anchor = HeadingAnchor(text, &used);
      ids.emplace_back(level, anchor);
      if (level >= 2 && level <= 4) result.toc.push_back(TocEntry{level, text, anchor});
      last_heading = {anchor, text};
    } else if (ev == CMARK_EVENT_ENTER && std::string_view(cmark_node_get_type_string(node)) == "table") {
      table_labels.push_back(last_heading);
    }
  }
  cmark_iter_free(iter);

  char* html = cmark_render_html(doc, options, cmark_parser_get_syntax_extensions(parser));
  std::string out = AddHeadingIds(html, ids);
  std::free(html);
  cmark_node_free(doc);
  cmark_parser_free(parser);

  // Wide tables scroll inside a focusable, labelled region (WCAG: keyboard
  // users must be able to scroll it) instead of widening the page. cmark
  // renders tables in AST order, so the n-th "<table>" is table_labels[n].
  std::string wrapped;
  wrapped.reserve(out.size() + table_labels.size() * 160);
  std::size_t pos = 0;
  for (const auto& [id, text] : table_labels) {
    std::size_t at = out.find("<table>", pos);
    if (at == std::string::npos) break;
    wrapped.append(out, pos, at - pos);
    std::string name = text.empty() ? std::string("Bảng") : "Bảng: " + text;
    wrapped += "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"" + HtmlEscape(name) + "\">";
    wrapped += id.empty() ? std::string("<table aria-label=\"Bảng\">") : "<table aria-labelledby=\"" + id + "\">";
    pos = at + 7;
  }
  wrapped.append(out, pos, std::string::npos);
  result.html = ReplaceAll(std::move(wrapped), "</table>", "</table></div>");
  return result;
}

}  // namespace minhbach
