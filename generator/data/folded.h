// Folded text with a map back to the original: the parsers match keywords on
// "thang 10/2025" (no marks, lower case) but cut labels and qualifiers out of
// the text as the editor wrote it ("Tháng 10/2025").
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

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

// Nfc(s), skipping the work when `s` holds no combining mark: text from our
// CSV readers is NFC already, and normalizing it again per cell dominated
// builds of thousands of communes. (Precomposed text without combining marks
// is NFC, apart from a few compatibility singletons such as U+212B that do not
// occur in Vietnamese.)
std::string NfcIfNeeded(std::string_view s);

// Reads a UTF-8 text file as ReadTextFile does (BOM dropped, "\r\n" -> "\n",
// NFC), normalizing only when needed.
Result<std::string> ReadNfcFile(const std::filesystem::path& path);

// Number at text[pos..]: digits with an optional decimal part. A decimal
// comma or dot must be followed by a digit ("3,5"); a dot followed by exactly
// three digits is a thousands separator ("12.000"). Returns the end, or pos
// when there is no number.
std::size_t ScanNumber(std::string_view text, std::size_t pos, double* value);

}  // namespace minhbach
