// Themes: Mustache templates compiled once, rendered by many threads.
//
// A theme is themes/<name>/layouts/*.mustache (one per page type, plus
// "base", the HTML shell every page is wrapped in) and partials/*.mustache.
// A site overrides any of them with files of the same name in <site>/layouts/
// or <site>/partials/.
//
// kainjow's mustache is not thread-safe and re-parses a partial on every use,
// so partials are inlined into each template at load time and every worker
// thread renders with its own copy of a Theme (copying is cheap relative to a
// build; parsing happens once).
//
// Sections: null, false, "" and [] do not open {{#x}} (and open {{^x}}); an
// object opens it once with its fields in scope, a list once per item.
//
// Escaping rule, checked at load: {{x}} escapes; {{{x}}} / {{&x}} are allowed
// only for fields named "content" or ending in "_html", which the pipeline
// fills exclusively from trusted renderers (cmark in safe mode, the plug-in
// markup sanitizer).
#pragma once

#include <kainjow/mustache.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/value.h"

namespace minhbach {

class Theme {
 public:
  static Result<Theme> Load(const std::filesystem::path& site_root, const std::string& theme_name);

  bool HasLayout(const std::string& name) const { return layouts_.count(name) > 0; }
  const std::filesystem::path& assets_dir() const { return assets_dir_; }

  // Renders layout `name` with `data`, then "base" with the same data plus
  // `content` = the layout's output. Not const: kainjow records render errors
  // in the template object.
  Result<std::string> RenderPage(const std::string& layout, const Value& data);
  // Renders one layout alone (for non-HTML outputs such as sitemap.xml).
  Result<std::string> RenderLayout(const std::string& layout, const Value& data);

 private:
  class ValueContext;
  template <typename K, typename V>
  class PointerMap;
  struct Scratch;
  // Owns a Scratch, made on first use; a copy of a Theme (one per worker
  // thread) starts without one.
  class ScratchHolder {
   public:
    ScratchHolder();
    ~ScratchHolder();
    ScratchHolder(const ScratchHolder&);
    ScratchHolder& operator=(const ScratchHolder&);
    Scratch* get();

   private:
    std::unique_ptr<Scratch> scratch;
  };
  struct Compiled {
    std::string file;  // for messages
    kainjow::mustache::mustache tmpl;
  };
  Result<std::string> RenderWith(const std::string& layout, ValueContext* ctx);
  // Appends `c` rendered in `ctx` to *out.
  Status AppendRender(Compiled* c, ValueContext* ctx, std::string* out);
  static std::vector<Compiled> SplitAtContent(const std::string& file, const std::string& text);

  std::map<std::string, Compiled> layouts_;
  // "base" cut at its one {{{content}}}, when that cut leaves two valid
  // templates: a page is then head + body + tail, and the body (most of a
  // page's bytes) is not copied through kainjow's line buffer twice. Empty
  // when base cannot be cut (then base renders with `content` as data).
  std::vector<Compiled> base_parts_;
  std::filesystem::path assets_dir_;
  // What renders convert, kept for the next page (see theme.cpp).
  ScratchHolder body_scratch_, base_scratch_;
};

}  // namespace minhbach
