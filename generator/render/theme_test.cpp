#include "render/theme.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace minhbach;
namespace fs = std::filesystem;

namespace {

// A throwaway site folder with a theme made of the given files.
struct TempSite {
  fs::path root;
  TempSite() {
    root = fs::temp_directory_path() / ("mb-theme-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(root);
    fs::create_directories(root / "themes/t/layouts");
    fs::create_directories(root / "themes/t/partials");
  }
  ~TempSite() { fs::remove_all(root); }
  void Write(const std::string& rel, const std::string& text) {
    fs::create_directories((root / rel).parent_path());
    std::ofstream(root / rel) << text;
  }
  static inline int counter = 0;
};

}  // namespace

TEST_CASE("Theme escapes data and wraps pages in base with partials inlined", "[render]") {
  TempSite s;
  s.Write("themes/t/layouts/base.mustache", "<html>{{> header}}<main>{{{content}}}</main></html>");
  s.Write("themes/t/partials/header.mustache", "<h1>{{title}}</h1>");
  s.Write("themes/t/layouts/page.mustache", "<p>{{body}}</p>{{#items}}<li>{{.}}</li>{{/items}}{{{body_html}}}");
  auto theme = Theme::Load(s.root, "t");
  REQUIRE(theme.ok());
  Value data = Value::MakeObject();
  data.Set("title", "Đại Sơn <b>");
  data.Set("body", "<script>alert(1)</script>");
  data.Set("items", Value(Value::Array{"a&b", 3.5}));
  data.Set("body_html", "<em>ok</em>");
  auto html = theme->RenderPage("page", data);
  REQUIRE(html.ok());
  CHECK(html.value() ==
        "<html><h1>Đại Sơn &lt;b&gt;</h1><main><p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
        "<li>a&amp;b</li><li>3.5</li><em>ok</em></main></html>");
}

TEST_CASE("Theme: a site overrides a template by name", "[render]") {
  TempSite s;
  s.Write("themes/t/layouts/base.mustache", "{{{content}}}");
  s.Write("themes/t/layouts/page.mustache", "theme");
  s.Write("layouts/page.mustache", "site");
  auto theme = Theme::Load(s.root, "t");
  REQUIRE(theme.ok());
  CHECK(theme->RenderPage("page", Value::MakeObject()).value() == "site");
}

TEST_CASE("Theme: syntax errors name the template file and line", "[render]") {
  TempSite s;
  s.Write("themes/t/layouts/base.mustache", "{{{content}}}");
  s.Write("themes/t/layouts/page.mustache", "line 1\nline 2\n{{#items}}\nunclosed\n");
  auto theme = Theme::Load(s.root, "t");
  REQUIRE_FALSE(theme.ok());
  CHECK(theme.status().file() == "themes/t/layouts/page.mustache");
  CHECK(theme.status().line() == 3);
  CHECK(theme.status().message().find("Unclosed section \"items\"") != std::string::npos);
}

TEST_CASE("Theme: unescaped output of untrusted fields is refused", "[render]") {
  TempSite s;
  s.Write("themes/t/layouts/base.mustache", "{{{content}}}");
  s.Write("themes/t/layouts/page.mustache", "ok\n{{{title}}}");
  auto theme = Theme::Load(s.root, "t");
  REQUIRE_FALSE(theme.ok());
  CHECK(theme.status().ToString().find("themes/t/layouts/page.mustache:2: {{{title}}} would print") == 0);
}

TEST_CASE("Theme: unknown partial and unknown layout", "[render]") {
  TempSite s;
  s.Write("themes/t/layouts/base.mustache", "{{> nav}}{{{content}}}");
  auto theme = Theme::Load(s.root, "t");
  REQUIRE_FALSE(theme.ok());
  CHECK(theme.status().message().find("unknown partial 'nav'") != std::string::npos);

  TempSite s2;
  s2.Write("themes/t/layouts/base.mustache", "{{{content}}}");
  auto t2 = Theme::Load(s2.root, "t");
  REQUIRE(t2.ok());
  CHECK_FALSE(t2->RenderPage("missing", Value::MakeObject()).ok());
}
