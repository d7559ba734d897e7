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

TEST_CASE("Theme: templates read the page data as Mustache specifies", "[render]") {
  // Sections over objects and lists, lookups that fall back to outer
  // frames, dotted names, falsy values, numbers, and the base layout seeing
  // the page data plus content.
  TempSite s;
  s.Write("themes/t/layouts/base.mustache", "{{title}}|{{{content}}}|{{unit.name}}");
  s.Write("themes/t/layouts/page.mustache",
          "{{#unit}}[{{name}}/{{title}}]{{/unit}}"
          "{{#rows}}<{{name}}:{{value}}:{{unit.name}}>{{/rows}}"
          "{{^empty}}no rows{{/empty}}{{#empty}}never{{/empty}}"
          "{{#missing}}never{{/missing}}{{^missing}}none{{/missing}}"
          "{{#off}}never{{/off}}{{#nothing}}never{{/nothing}}{{^nothing}}null{{/nothing}}"
          "{{#flag}}on{{/flag}}{{#word}}({{.}}){{/word}}"
          "{{#grid}}[{{#.}}{{.}},{{/.}}]{{/grid}}"
          "{{#blank}}empty object is shown{{/blank}}{{^unit}}never{{/unit}}{{#unit}}<{{.}}>{{/unit}}"
          "{{#rows}}{{^.}}never{{/.}}{{/rows}}"
          "{{#note}}Ghi chú: {{note}}{{/note}}{{^note}}-{{/note}}[{{note}}]");
  auto theme = Theme::Load(s.root, "t");
  REQUIRE(theme.ok());
  Value unit = Value::MakeObject();
  unit.Set("name", "Đại Sơn");
  Value row1 = Value::MakeObject();
  row1.Set("name", "a");
  row1.Set("value", 2);
  Value row2 = Value::MakeObject();
  row2.Set("name", "b");
  row2.Set("value", 0.25);
  Value data = Value::MakeObject();
  data.Set("title", "T");
  data.Set("unit", unit);
  data.Set("rows", Value(Value::Array{row1, row2}));
  data.Set("empty", Value::MakeArray());
  data.Set("off", false);
  data.Set("nothing", nullptr);
  data.Set("flag", true);
  data.Set("word", "x<y");
  data.Set("grid", Value(Value::Array{Value(Value::Array{1, 2}), Value(Value::Array{3})}));
  data.Set("blank", Value::MakeObject());
  data.Set("note", "");  // empty text counts as false
  data.Set("content", "the page's own content field is replaced by the body");
  auto html = theme->RenderPage("page", data);
  REQUIRE(html.ok());
  CHECK(html.value() ==
        "T|[Đại Sơn/T]<a:2:Đại Sơn><b:0.25:Đại Sơn>no rowsnonenullon(x&lt;y)[1,2,][3,]"
        "empty object is shown<>-[]|Đại Sơn");
  // A layout alone sees the data as it is.
  auto alone = theme->RenderLayout("base", data);
  REQUIRE(alone.ok());
  CHECK(alone.value() == "T|the page's own content field is replaced by the body|Đại Sơn");
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

namespace {

// The same data as kainjow values (strings, booleans, lists of strings).
kainjow::mustache::data ToKainjow(const Value& v) {
  using kainjow::mustache::data;
  if (v.is_bool()) return data(v.as_bool());
  if (v.is_string()) return data(v.as_string());
  if (v.is_array()) {
    data list(data::type::list);
    for (const Value& item : v.as_array()) list.push_back(ToKainjow(item));
    return list;
  }
  data obj(data::type::object);
  for (const auto& [k, item] : v.as_object()) obj[k] = ToKainjow(item);
  return obj;
}

// What kainjow renders for base whole, with `content` = the page's body.
std::string WholeBase(const std::string& base, const std::string& page, const Value& v) {
  kainjow::mustache::mustache body_tmpl(page), base_tmpl(base);
  kainjow::mustache::data d = ToKainjow(v);
  d["content"] = kainjow::mustache::data(body_tmpl.render(d));
  return base_tmpl.render(d);
}

}  // namespace

TEST_CASE("Theme: base with content on its own line, inside or outside a section", "[render]") {
  // A base whose {{{content}}} stands alone on a line, outside any section,
  // renders in two parts around the body; one whose content sits inside a
  // section renders whole. Either way the page is what kainjow renders for
  // base whole (blank-line rules included), for every shape of the data.
  const std::string pages[] = {"{{#rows}}\n<li>{{.}}</li>\n{{/rows}}\n\n<b>{{title}}</b>\n", "{{#rows}}{{.}}{{/rows}}"};
  const std::string bases[] = {
      "<head>\n{{#feed}}\n<link href=\"{{feed}}\">\n{{/feed}}\n</head>\n<main>\n{{{content}}}\n</main>\n"
      "{{#scripts}}<script src=\"{{.}}\"></script>\n{{/scripts}}<p>{{title}}</p>\n",
      "{{#feed}}\n<div>\n{{{content}}}\n</div>\n{{/feed}}\n{{^feed}}\nno\n{{/feed}}\n",
      "{{{content}}}\n{{title}}",
      "<p>\n{{#feed}}{{/feed}}{{{content}}}\n</p>\n",  // not alone: an empty body drops the line
  };
  for (const std::string& base : bases) {
    for (const std::string& page : pages) {
      TempSite s;
      s.Write("themes/t/layouts/base.mustache", base);
      s.Write("themes/t/layouts/page.mustache", page);
      auto theme = Theme::Load(s.root, "t");
      REQUIRE(theme.ok());
      for (int shape = 0; shape < 4; ++shape) {
        Value data = Value::MakeObject();
        data.Set("title", "T&<");
        data.Set("feed", shape & 1 ? Value("f.xml") : Value(false));
        data.Set("rows", shape & 2 ? Value(Value::Array{"a", "b"}) : Value::MakeArray());
        data.Set("scripts", Value(Value::Array{"x.js"}));
        auto html = theme->RenderPage("page", data);
        REQUIRE(html.ok());
        CAPTURE(base, page, shape);
        CHECK(html.value() == WholeBase(base, page, data));
        const bool shown = page == pages[0] && (base != bases[1] || (shape & 1));
        CHECK((html.value().find("<b>T&amp;&lt;</b>") != std::string::npos) == shown);
      }
    }
  }
}

TEST_CASE("Theme: a page renders the same whatever pages came before it", "[render]") {
  // A worker's Theme keeps what renders convert for the next page: the same
  // field can be a string on one page, a list, an object or missing on the
  // next, with lists that shrink and grow.
  TempSite s;
  s.Write("themes/t/layouts/base.mustache", "<title>{{title}}</title>\n{{{content}}}\n<p>{{#x}}[{{.}}]{{/x}}</p>");
  s.Write("themes/t/layouts/page.mustache",
          "{{x}}|{{#x}}<{{.}}{{name}}{{#y}}({{.}}){{/y}}>{{/x}}|{{^x}}none{{/x}}|{{#x.name}}{{x.name}}{{/x.name}}");
  auto loaded = Theme::Load(s.root, "t");
  REQUIRE(loaded.ok());
  auto object = [](std::vector<std::pair<std::string, Value>> members) {
    Value v = Value::MakeObject();
    for (auto& [k, m] : members) v.Set(k, m);
    return v;
  };
  auto list = [](std::vector<Value> items) {
    Value v = Value::MakeArray();
    for (auto& i : items) v.Push(i);
    return v;
  };
  std::vector<Value> pages = {
      object({{"title", "một"}, {"x", "chuỗi <dài> hơn mười sáu byte"}}),
      object({{"title", "hai"}, {"x", list({"a", "b", "c", object({{"name", "n"}, {"y", list({1, 2})}})})}}),
      object({{"title", "ba"}, {"x", list({"d"})}}),
      object({{"title", "bốn"}, {"x", object({{"name", "Tên"}, {"y", true}})}}),
      object({{"title", "năm"}, {"x", false}}),
      object({{"title", "sáu"}}),
      object({{"title", "bảy"}, {"x", 2.5}}),
      object({{"title", "tám"}, {"x", list({list({"e", "f"}), "g", "h", "i", "j"})}}),
      object({{"title", "chín"}, {"x", "ngắn"}}),
  };
  Theme reused = loaded.value();
  for (std::size_t i = 0; i < pages.size(); ++i) {
    Theme fresh = loaded.value();
    auto want = fresh.RenderPage("page", pages[i]);
    auto got = reused.RenderPage("page", pages[i]);
    REQUIRE(want.ok());
    REQUIRE(got.ok());
    INFO("page " << i);
    CHECK(got.value() == want.value());
  }
  // And what one of them renders to, so that the comparison above is not
  // between two equally wrong renders.
  Theme fresh = loaded.value();
  CHECK(fresh.RenderPage("page", pages[1]).value() ==
        "<title>hai</title>\n|<a><b><c><n(1)(2)>||\n<p>[a][b][c][]</p>");
}
