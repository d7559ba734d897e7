// How a line of an extracted plan looks: the numbering marker it starts
// with ("II.", "1.1.", "(3)", "- "), whether it is in capitals, whether it
// ends a sentence. The block builder (plan_text.h) and the appendix reader
// (appendix.h) decide structure from these facts only, so the rules are
// listed in one place and tested one by one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace minhbach::importer {

enum class Marker {
  kNone,      // plain text
  kRoman,     // "I. MỤC ĐÍCH", "II- NHIỆM VỤ"
  kNumbered,  // "1. ", "1.1. ", "2.3.1. " (the trailing dot is required)
  kParen,     // "(1) "
  kList,      // "- ", "+ ", "• "
  kAppendix,  // "PHỤ LỤC ..." in capitals
};

struct LineMarker {
  Marker kind = Marker::kNone;
  std::string number;  // "II", "1.1", "3" (no trailing dot); "" for kNone/kList/kAppendix
  std::string rest;    // the text after the marker
};

// Classifies `text` (trimmed, without Markdown '#' or '**' wrappers).
LineMarker ParseMarker(std::string_view text);

// 1..39 for a Roman numeral written in capitals ("IV" -> 4), else 0.
int RomanValue(std::string_view s);
// The number of an appendix as written after "PHỤ LỤC": Roman or Arabic
// ("PHỤ LỤC II: ..." -> 2, "PHỤ LỤC 3" -> 3), 0 when it has none.
int AppendixNumber(std::string_view title);

// Depth of a dotted number: "1" -> 1, "1.1" -> 2.
int NumberDepth(std::string_view number);

// Code points in s.
std::size_t CodePointCount(std::string_view s);

// At least two letters and none in lower case ("CHỦ TỊCH**", "ĐẢNG ỦY XÃ").
bool IsAllCaps(std::string_view s);
// The first character is a lower-case letter ("nghệ, đổi mới ...").
bool StartsLowercase(std::string_view s);
// The sentence is complete: the text ends with . ; : ! ? or … (possibly
// followed by closing quotes, brackets or emphasis markers).
bool EndsSentence(std::string_view s);
// Two to five capitalised words and nothing else: "Đào Văn Soái" (a signer).
bool LooksLikePersonName(std::string_view s);

// Bodies that issue plans ("Ủy ban nhân dân", "Ban Chỉ đạo", ...) and the
// verbs of the sentence that enacts one ("... xây dựng Kế hoạch ...").
const std::vector<std::string>& IssuerHeads();
const std::vector<std::string>& EnactingVerbs();
// "Ủy ban nhân dân xã Phú Thái xây dựng Kế hoạch ...": the line starts with
// an issuing body and says it builds or issues the plan.
bool IsEnactingLine(std::string_view s);

// The first letter in capitals: "nghị quyết" -> "Nghị quyết", "đồng" -> "Đồng".
std::string CapitalizeFirst(std::string_view s);

// Removes Markdown emphasis markers "**" and a leading run of '#' (with its
// space): "## **II. NHIỆM VỤ**" -> "II. NHIỆM VỤ".
std::string StripHeadingMarkup(std::string_view s);

}  // namespace minhbach::importer
