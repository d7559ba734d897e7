// Inline clean-up of text extracted from signed plans (PDF/Word exports):
// LaTeX math that the converter emitted for symbols ("$\geq 70\%$"), HTML
// tags it used for bold table cells ("<b>I</b>"), and irregular spacing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace minhbach::importer {

// Turns LaTeX math into the characters it stands for: "$\geq 70\%$" ->
// "≥ 70%", "\leq" -> "≤", "\%" -> "%". A "$...$" pair is unwrapped only when
// its content is math (a backslash command, or digits and operators), so a
// lone "$" stays. Commands this function does not know are kept as written
// and appended to `unknown` (when given) so the importer can report them.
std::string CleanLatex(std::string_view s, std::vector<std::string>* unknown = nullptr);

// Removes HTML tags and keeps their text: "<b>II</b>" -> "II". Block tags
// (<p>, <br>, <div>, <td>, ...) become a space so words do not run together.
// A "<" that does not open a tag ("< 50%") is kept.
std::string StripTags(std::string_view s);

// One table cell or line of prose as the importer stores it: tags stripped,
// LaTeX cleaned, NFC, white space collapsed and trimmed.
std::string CleanText(std::string_view s, std::vector<std::string>* unknown = nullptr);

}  // namespace minhbach::importer
