// Text utilities for Vietnamese UTF-8: normalization, folding, slugs, escaping.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace minhbach {

// --- UTF-8 ---
// Decodes s into code points; invalid bytes become U+FFFD.
std::u32string DecodeUtf8(std::string_view s);
std::string EncodeUtf8(std::u32string_view s);
void AppendUtf8(std::string* out, char32_t c);
bool IsValidUtf8(std::string_view s);
// The offset of the first byte at or after `from` that is not ASCII
// (s.size() when none): validators skip ASCII runs 8 bytes at a time.
std::size_t SkipAscii(std::string_view s, std::size_t from);

// --- Vietnamese ---
// Unicode NFC for Latin script (every Vietnamese letter); other characters
// pass through unchanged. Text from editors may arrive decomposed (macOS,
// some Word exports); everything stored or published is NFC.
std::string Nfc(std::string_view s);

// Lower-cases Latin letters including the Vietnamese ones ("Đ" -> "đ",
// "Ạ" -> "ạ"); result is NFC.
std::string LowerVi(std::string_view s);

// Drops every tone and vowel mark, folds "đ" to "d" and lower-cases:
// "Đại Sơn" -> "dai son". For search keys and slugs.
std::string FoldVi(std::string_view s);

// URL slug: FoldVi, then runs of anything but [a-z0-9] become one "-",
// trimmed: "Đại Sơn" -> "dai-son", "Phụ lục II" -> "phu-luc-ii".
std::string Slugify(std::string_view s);

// --- HTML / XML ---
// Escapes & < > " ' for text and attribute values alike.
std::string HtmlEscape(std::string_view s);
// The same, appended to *out.
void AppendHtmlEscaped(std::string* out, std::string_view s);

// Offset of the first byte at or after `from` that is one of `any` or
// below `below` (as an unsigned byte), or s.size(). Escaping scans with it
// 16 bytes at a time where the processor allows (SSE2).
std::size_t FindEscapable(std::string_view s, std::size_t from, const char (&any)[5], unsigned char below = 0);

// --- plain strings ---
std::string Trim(std::string_view s);  // also trims U+00A0 and U+FEFF
std::vector<std::string> Split(std::string_view s, char sep);
bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);
std::string ReplaceAll(std::string s, std::string_view from, std::string_view to);
// Collapses runs of white space (incl. U+00A0) into one ASCII space and trims.
std::string CollapseSpace(std::string_view s);

// --- numbers for citizens ---
// Vietnamese number format: decimal comma, "." as thousands separator,
// at most `decimals` decimals, no trailing zeros: 3.5 -> "3,5", 12000 -> "12.000".
std::string FormatNumberVi(double v, int decimals = 2);

}  // namespace minhbach
