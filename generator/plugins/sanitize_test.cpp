#include <catch2/catch.hpp>

#include "plugins/sanitize.h"

namespace minhbach {
namespace {

// Nothing that can run code may survive, whatever the spelling.
void RequireHarmless(const std::string& out) {
  INFO(out);
  std::string lower;
  for (char c : out) lower.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  CHECK(lower.find("<script") == std::string::npos);
  CHECK(lower.find("<style") == std::string::npos);
  CHECK(lower.find("<iframe") == std::string::npos);
  CHECK(lower.find("<foreignobject") == std::string::npos);
  CHECK(lower.find("<a ") == std::string::npos);
  CHECK(lower.find("<img") == std::string::npos);
  CHECK(lower.find(" on") == std::string::npos);
  CHECK(lower.find("href") == std::string::npos);
  CHECK(lower.find("javascript:") == std::string::npos);
}

TEST_CASE("sanitize keeps a chart as written", "[plugins]") {
  std::string svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 360 226\" role=\"img\" aria-labelledby=\"a-t a-d\" "
      "class=\"mb-chart\"><title id=\"a-t\">Tỷ lệ</title><desc id=\"a-d\">66% &amp; ≥ 85%</desc>"
      "<g class=\"mb-axis\" font-size=\"10\"><line x1=\"44.0\" y1=\"1\" x2=\"3\" y2=\"4\" stroke=\"#d0d0d0\" "
      "stroke-width=\"1\"/><text x=\"1\" y=\"2\" text-anchor=\"end\">0</text></g>"
      "<path d=\"M1 2L3 4Z\" fill=\"#fff\" stroke-dasharray=\"6 4\"><title>Mục tiêu 2030: ≥ 85%</title></path>"
      "<polyline points=\"1,2 3,4\" fill=\"none\"/><circle cx=\"1\" cy=\"2\" r=\"3\"/></svg>";
  CHECK(SanitizeMarkup(svg) == svg);
  std::string table =
      "<figure><table><caption>Chỉ tiêu</caption><thead><tr><th scope=\"col\">Năm</th></tr></thead>"
      "<tbody><tr><td colspan=\"2\"><strong>66</strong> <em>%</em></td></tr></tbody></table>"
      "<figcaption>Nguồn</figcaption></figure>";
  CHECK(SanitizeMarkup(table) == table);
}

TEST_CASE("sanitize drops scripts, handlers and links in every spelling", "[plugins]") {
  const char* hostile[] = {
      "<svg><script>alert(1)</script></svg>",
      "<svg><SCRIPT >alert(1)</SCRIPT ></svg>",
      "<svg onload=alert(1)><rect/></svg>",
      "<svg/onload=alert(1)>",
      "<svg><rect onmouseover=\"alert(1)\" width=\"1\"/></svg>",
      "<img src=x onerror=alert(1)>",
      "<a href=\"javascript:alert(1)\">x</a>",
      "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
      "<svg><foreignObject><iframe src=\"//evil\"></iframe><p>hi</p></foreignObject></svg>",
      "<style>@import url(//evil)</style><p>x</p>",
      "<scr<script>ipt>alert(1)</script>",
      "<script><script></script>alert(1)</script>",
      "<svg><rect fill=\"&#106;avascript:alert(1)\"/></svg>",
      "<svg><rect fill=\"java&#x09;script:alert(1)\"/></svg>",
      "<svg><rect fill=\"url(https://evil/x.svg#a)\"/></svg>",
      "<svg><rect class=\"a\" style=\"background:url(javascript:x)\"/></svg>",
      "<p title=\"\"><script>alert(1)</script>\"></p>",
      "<!--><script>alert(1)</script>-->",
      "<svg><![CDATA[<script>alert(1)</script>]]></svg>",
      "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
      "<svg><set attributeName=\"onmouseover\" to=\"alert(1)\"/><animate href=\"#x\"/></svg>",
      "<div><object data=\"evil.swf\"></object><embed src=\"evil\"></div>",
      "<p id=\"x\" onclick = 'alert(1)' class=a>ok</p>",
      "<svg><use href=\"data:image/svg+xml,<svg onload=alert(1)>\"/></svg>",
      "<svg><text x=\"1\">a</text><script",
      "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
  };
  for (const char* h : hostile) {
    INFO(h);
    RequireHarmless(SanitizeMarkup(h));
  }
}

TEST_CASE("sanitize escapes text and attribute values", "[plugins]") {
  CHECK(SanitizeMarkup("<text x=\"1\">a < b & \"c\"</text>") == "<text x=\"1\">a &lt; b &amp; &quot;c&quot;</text>");
  CHECK(SanitizeMarkup("<rect class='a\"><script>'/>") == "<rect class=\"a&quot;&gt;&lt;script&gt;\"/>");
  CHECK(SanitizeMarkup("<p>&lt;script&gt;</p>") == "<p>&lt;script&gt;</p>");
  CHECK(SanitizeMarkup("<svg><![CDATA[a<b]]></svg>") == "<svg>a&lt;b</svg>");
  CHECK(SanitizeMarkup("x < y") == "x &lt; y");
}

TEST_CASE("sanitize balances tags and drops unknown ones but keeps their text", "[plugins]") {
  CHECK(SanitizeMarkup("<svg><g><text>a") == "<svg><g><text>a</text></g></svg>");
  CHECK(SanitizeMarkup("<p>a</div>b</p>") == "<p>ab</p>");
  CHECK(SanitizeMarkup("<div><p>a</div>") == "<div><p>a</p></div>");
  CHECK(SanitizeMarkup("<blink>hi</blink>") == "hi");
  CHECK(SanitizeMarkup("<p/>") == "<p></p>");
  CHECK(SanitizeMarkup("<svg><rect/></svg>") == "<svg><rect/></svg>");
  CHECK(SanitizeMarkup("<RECT WIDTH=\"1\" VIEWBOX=\"0 0 1 1\"/>") == "<rect width=\"1\" viewBox=\"0 0 1 1\"/>");
  CHECK(SanitizeMarkup("<rect width=\"1\" width=\"2\"/>") == "<rect width=\"1\"/>");
  CHECK(SanitizeMarkup("<svg xmlns=\"http://evil\"></svg>") == "<svg></svg>");
  CHECK(SanitizeMarkup("<rect fill=\"url(#pattern-a)\"/>") == "<rect fill=\"url(#pattern-a)\"/>");
  CHECK(SanitizeMarkup("<?xml version=\"1.0\"?><!DOCTYPE svg><svg></svg>") == "<svg></svg>");
}

}  // namespace
TEST_CASE("sanitize matches names in any case and writes them as listed", "[plugins]") {
  CHECK(SanitizeMarkup("<SVG VIEWBOX=\"0 0 1 1\" Aria-Label=\"x\"><RECT Width=\"1\" STROKE-WIDTH=\"2\"/></SVG>") ==
        "<svg viewBox=\"0 0 1 1\" aria-label=\"x\"><rect width=\"1\" stroke-width=\"2\"/></svg>");
  // Names longer than any listed one, or of a listed length but unlisted.
  CHECK(SanitizeMarkup("<svg aria-labelledbyaria-labelledby=\"x\" viewbax=\"1\"><noscriptnoscript>t</noscriptnoscript>"
                       "<NoScript>u</NoScript></svg>") == "<svg>t</svg>");
  // Names looked up by a hash that folds case: bytes that fold like a
  // listed name's (control bytes like digits) still do not match.
  CHECK(SanitizeMarkup("<line x\x11=\"5\" Y\x12=\"6\" x1=\"7\"/>") == "<line x1=\"7\"/>");
}

}  // namespace minhbach
