#include <catch2/catch.hpp>

#include "plugins/shortcode.h"

namespace minhbach {
namespace {

using Args = std::vector<std::pair<std::string, std::string>>;

TEST_CASE("shortcodes: name, arguments, offsets and lines", "[plugins]") {
  std::string md = "# Kế hoạch\n\nTiến độ: {{< chart indicator=\"dai-son/nq11-pl2-22\" >}} và\n"
                   "{{<chart unit=\"dai-son\">}}\n";
  auto uses = FindShortcodes(md);
  REQUIRE(uses.size() == 2);
  CHECK(uses[0].name == "chart");
  CHECK(uses[0].args == Args{{"indicator", "dai-son/nq11-pl2-22"}});
  CHECK(uses[0].line == 3);
  CHECK(uses[0].error.empty());
  CHECK(md.substr(uses[0].begin, uses[0].end - uses[0].begin) ==
        "{{< chart indicator=\"dai-son/nq11-pl2-22\" >}}");
  CHECK(uses[1].line == 4);
  CHECK(uses[1].args == Args{{"unit", "dai-son"}});
  CHECK(md.substr(uses[1].end) == "\n");
}

TEST_CASE("shortcodes: escapes, several arguments, spanning lines", "[plugins]") {
  std::string md = "a\n{{< note title=\"Nói \\\"rõ\\\"\" path=\"C:\\\\x\"\n   level=\"2\" >}}\nb {{< x >}}";
  auto uses = FindShortcodes(md);
  REQUIRE(uses.size() == 2);
  CHECK(uses[0].args == Args{{"title", "Nói \"rõ\""}, {"path", "C:\\x"}, {"level", "2"}});
  CHECK(uses[0].line == 2);
  CHECK(uses[1].name == "x");
  CHECK(uses[1].line == 4);
  CHECK(uses[1].args.empty());
}

TEST_CASE("shortcodes: fenced code is text", "[plugins]") {
  std::string md = "```\n{{< chart unit=\"a\" >}}\n```\n~~~~md\n{{< x >}}\n~~~~\n{{< y >}}\n";
  auto uses = FindShortcodes(md);
  REQUIRE(uses.size() == 1);
  CHECK(uses[0].name == "y");
  CHECK(uses[0].line == 7);
}

TEST_CASE("shortcodes: malformed uses are reported with their line", "[plugins]") {
  auto uses = FindShortcodes("x\n{{< chart unit=\"a >}}\n{{< >}}\n{{< chart unit=a >}}\n{{< ok >}}");
  REQUIRE(uses.size() == 4);
  CHECK(uses[0].line == 2);
  CHECK(uses[0].error.find("no closing quote") != std::string::npos);
  CHECK(uses[1].line == 3);
  CHECK(uses[1].error.find("expected a name") != std::string::npos);
  CHECK(uses[2].line == 4);
  CHECK(uses[2].error.find("double quotes") != std::string::npos);
  CHECK(uses[3].name == "ok");
  CHECK(uses[3].error.empty());
  CHECK(uses[3].line == 5);
  CHECK(FindShortcodes("no shortcodes {{ here }} {< >}").empty());
}

}  // namespace
}  // namespace minhbach
