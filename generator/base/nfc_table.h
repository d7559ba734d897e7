// Data tables for Nfc() in text.cc. Generated; see nfc_table.cpp.
#pragma once
#include <cstddef>
#include <cstdint>

namespace minhbach {

struct CompositionPair {
  char32_t base;
  char32_t mark;
  char32_t composed;
};
struct CombiningClass {
  char32_t mark;
  std::uint8_t ccc;
};

extern const CompositionPair kCompositionPairs[];
extern const std::size_t kCompositionPairCount;
extern const CombiningClass kCombiningClasses[];
extern const std::size_t kCombiningClassCount;

}  // namespace minhbach
