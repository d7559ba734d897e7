// Folded text with a map back to the original: the parsers match keywords on
// "thang 10/2025" (no marks, lower case) but cut labels and qualifiers out of
// the text as the editor wrote it ("Tháng 10/2025").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace minhbach {

struct FoldedText {
  std::string original;             // NFC, spaces collapsed, dashes as '-'
  std::string text;                 // FoldVi(original), byte for byte mapped
  std::vector<std::size_t> offset;  // offset[i]: byte of `original` that text[i] came from;
                                    // offset[text.size()] == original.size()

  // The original text behind folded bytes [begin, end).
  std::string Original(std::size_t begin, std::size_t end) const;
};

// Normalizes `raw` (NFC, LaTeX "$\geq 70\%$" -> "≥ 70%", "–"/"—" -> "-",
// spaces collapsed) and folds it.
FoldedText FoldForParsing(std::string_view raw);

// Number at text[pos..]: digits with an optional decimal part. A decimal
// comma or dot must be followed by a digit ("3,5"); a dot followed by exactly
// three digits is a thousands separator ("12.000"). Returns the end, or pos
// when there is no number.
std::size_t ScanNumber(std::string_view text, std::size_t pos, double* value);

}  // namespace minhbach
