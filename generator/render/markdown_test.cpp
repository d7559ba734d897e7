#include "render/markdown.h"

#include <catch2/catch.hpp>

using namespace minhbach;

TEST_CASE("Markdown: raw HTML never reaches the page", "[render]") {
  auto r = RenderMarkdown("Xin chào <script>alert(1)</script>\n\n<iframe src=x></iframe>\n\n"
                          "[bấm](javascript:alert(1)) <img src=x onerror=alert(1)>\n");
  CHECK(r.html.find("<script") == std::string::npos);
  CHECK(r.html.find("<iframe") == std::string::npos);
  CHECK(r.html.find("onerror") == std::string::npos);
  CHECK(r.html.find("javascript:") == std::string::npos);
  CHECK(r.html.find("raw HTML omitted") != std::string::npos);
}

TEST_CASE("Markdown: GFM tables render and scroll on phones", "[render]") {
  auto r = RenderMarkdown("| TT | Chỉ tiêu | 2030 |\n| --- | --- | --- |\n| 1.1 | Tỷ lệ | ≥ 80% |\n");
  CHECK(r.html.find("<th>Chỉ tiêu</th>") != std::string::npos);
  CHECK(r.html.find("<td>≥ 80%</td>") != std::string::npos);
  CHECK(r.html.find("class=\"table-scroll\" tabindex=\"0\"") != std::string::npos);
  CHECK(r.html.find("<table aria-label=\"Bảng\">") != std::string::npos);
}

TEST_CASE("Markdown: each table is named by the heading above it", "[render]") {
  auto r = RenderMarkdown("## PHỤ LỤC I: CÁC CHỈ TIÊU\n\n(kèm theo)\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n"
                          "## PHỤ LỤC II\n\n| c |\n| - |\n| 3 |\n\n| d |\n| - |\n| 4 |\n");
  CHECK(r.html.find("aria-label=\"Bảng: PHỤ LỤC I: CÁC CHỈ TIÊU\"><table aria-labelledby=\"phu-luc-i-cac-chi-tieu\">") !=
        std::string::npos);
  CHECK(r.html.find("<table aria-labelledby=\"phu-luc-ii\">") != std::string::npos);
  // Two tables under one heading both point at it.
  std::size_t first = r.html.find("<table aria-labelledby=\"phu-luc-ii\">");
  CHECK(r.html.find("<table aria-labelledby=\"phu-luc-ii\">", first + 1) != std::string::npos);
  CHECK(r.html.find("<table>") == std::string::npos);
}

TEST_CASE("Markdown: headings get Vietnamese-slug anchors and a TOC", "[render]") {
  auto r = RenderMarkdown("## I. MỤC ĐÍCH, YÊU CẦU\n\n### 1. Mục đích\n\ntext\n\n### 1. Mục đích\n\n#### 1.1. Hạ tầng số\n");
  REQUIRE(r.toc.size() == 4);
  CHECK(r.toc[0].anchor == "i-muc-dich-yeu-cau");
  CHECK(r.toc[0].text == "I. MỤC ĐÍCH, YÊU CẦU");
  CHECK(r.toc[1].anchor == "1-muc-dich");
  CHECK(r.toc[2].anchor == "1-muc-dich-2");
  CHECK(r.toc[3].level == 4);
  CHECK(r.html.find("<h2 id=\"i-muc-dich-yeu-cau\">I. MỤC ĐÍCH, YÊU CẦU</h2>") != std::string::npos);
  CHECK(r.html.find("<h4 id=\"1-1-ha-tang-so\">") != std::string::npos);
}

TEST_CASE("Markdown: strikethrough and autolinks", "[render]") {
  auto r = RenderMarkdown("~~cũ~~ xem https://dichvucong.gov.vn\n");
  CHECK(r.html.find("<del>cũ</del>") != std::string::npos);
  CHECK(r.html.find("<a href=\"https://dichvucong.gov.vn\">") != std::string::npos);
}
