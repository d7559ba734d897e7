#include "data/agencies.h"

#include <algorithm>
#include <array>

#include "base/text.h"
#include "data/folded.h"

namespace minhbach {

namespace {

// Words that start an agency's name. Case matters: "Ban Xây dựng Đảng"
// starts one, the "ban" of "Các phòng, ban, ngành" does not.
constexpr std::array<std::string_view, 40> kHeadWords = {
    "Phòng",    "Trung tâm", "Văn phòng", "Công an",  "Sở",        "Ban",      "Ủy ban",   "Uỷ ban",
    "UBND",     "HĐND",      "Đoàn",      "Hội",      "Trạm",      "Mặt trận", "MTTQ",     "Các",
    "các",      "Trường",    "Bộ",        "Đảng ủy",  "Đảng uỷ",   "Chi cục",  "Chi bộ",   "Kho bạc",
    "Bảo hiểm", "Ngân hàng", "Bưu điện",  "Viettel",  "VNPT",      "Tổ",       "Đội",      "Hợp tác xã",
    "Cơ quan",  "Thôn",      "Ban Chỉ",   "Quân sự",  "Ban chỉ",   "Cục",      "Chi nhánh", "Doanh nghiệp",
};

bool StartsWithHeadWord(std::string_view s) {
  for (std::string_view w : kHeadWords) {
    if (!StartsWith(s, w)) continue;
    if (s.size() == w.size()) return true;
    char next = s[w.size()];
    if (next == ' ' || next == ',' || next == '.' || next == '(') return true;
  }
  return false;
}

std::string CleanName(std::string s) {
  s = CollapseSpace(s);
  while (!s.empty() && (s.back() == '.' || s.back() == ',' || s.back() == ' ')) s.pop_back();
  while (StartsWith(s, "- ") || StartsWith(s, "+ ")) s = Trim(s.substr(2));
  return s;
}

bool IsLetter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80; }

// Old-style tone placement ("hoá", "thuỷ") -> modern ("hóa", "thủy"), at the end of a syllable.
struct ToneMove {
  char32_t first, toned_second, toned_first, plain_second;
};
constexpr std::array<ToneMove, 15> kToneMoves = {{
    {U'o', U'à', U'ò', U'a'}, {U'o', U'á', U'ó', U'a'}, {U'o', U'ả', U'ỏ', U'a'}, {U'o', U'ã', U'õ', U'a'},
    {U'o', U'ạ', U'ọ', U'a'}, {U'o', U'è', U'ò', U'e'}, {U'o', U'é', U'ó', U'e'}, {U'o', U'ẻ', U'ỏ', U'e'},
    {U'o', U'ẽ', U'õ', U'e'}, {U'o', U'ẹ', U'ọ', U'e'}, {U'u', U'ỳ', U'ù', U'y'}, {U'u', U'ý', U'ú', U'y'},
    {U'u', U'ỷ', U'ủ', U'y'}, {U'u', U'ỹ', U'ũ', U'y'}, {U'u', U'ỵ', U'ụ', U'y'},
}};

std::string ModernTones(std::string_view lower) {
  std::u32string s = DecodeUtf8(lower);
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (i + 2 < s.size() && IsLetter(s[i + 2])) continue;
    if (s[i] == U'u' && i > 0 && s[i - 1] == U'q') continue;  // "quý" is written so in both styles
    for (const ToneMove& m : kToneMoves) {
      if (s[i] == m.first && s[i + 1] == m.toned_second) {
        s[i] = m.toned_first;
        s[i + 1] = m.plain_second;
        break;
      }
    }
  }
  return EncodeUtf8(s);
}

}  // namespace

std::vector<std::string> SplitAgencyCell(std::string_view cell) {
  std::vector<std::string> out;
  for (const std::string& part : Split(CollapseSpace(NfcIfNeeded(cell)), ';')) {
    std::string current;
    for (const std::string& piece : Split(part, ',')) {
      std::string frag = Trim(piece);
      if (!current.empty() && StartsWithHeadWord(frag)) {
        if (std::string name = CleanName(current); !name.empty()) out.push_back(name);
        current = frag;
      } else {
        current += current.empty() ? frag : ", " + frag;
      }
    }
    if (std::string name = CleanName(current); !name.empty()) out.push_back(name);
  }
  return out;
}

LeadAndPartners SplitLeadAndPartners(std::string_view lead_cell, std::string_view partners_cell) {
  LeadAndPartners r;
  std::string lead = CollapseSpace(NfcIfNeeded(lead_cell));
  std::vector<std::string> extra;
  // "(phối hợp X)" / "(phối hợp với X)": X are partners.
  for (;;) {
    std::string lower = LowerVi(lead);  // same byte length for Vietnamese letters
    std::size_t open = lower.find("(phối hợp");
    if (open == std::string::npos || lower.size() != lead.size()) break;
    std::size_t close = lead.find(')', open);
    std::size_t inner = open + std::string_view("(phối hợp").size();
    std::string names = Trim(lead.substr(inner, close == std::string::npos ? std::string::npos : close - inner));
    if (StartsWith(LowerVi(names), "với ")) names = names.substr(std::string_view("với ").size());
    for (std::string& n : SplitAgencyCell(names)) extra.push_back(std::move(n));
    lead = CollapseSpace(lead.substr(0, open) + " " + (close == std::string::npos ? "" : lead.substr(close + 1)));
  }
  r.lead = SplitAgencyCell(lead);
  r.partners = SplitAgencyCell(partners_cell);
  if (!extra.empty()) {
    std::vector<std::string> keys;
    for (const std::string& p : r.partners) keys.push_back(AgencyKey(p));
    for (std::string& n : extra) {
      std::string key = AgencyKey(n);
      if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
      keys.push_back(key);
      r.partners.push_back(std::move(n));
    }
  }
  return r;
}

std::string AgencyKey(std::string_view name) {
  std::string s = LowerVi(CleanName(NfcIfNeeded(name)));
  s = ModernTones(s);
  s = ReplaceAll(std::move(s), "–", "-");
  s = ReplaceAll(std::move(s), "—", "-");
  s = ReplaceAll(std::move(s), "-", " - ");
  s = ReplaceAll(std::move(s), "&", " và ");
  s = CollapseSpace(s);
  // Abbreviations and long forms of the same words, as whole words.
  static const std::pair<std::string_view, std::string_view> kSame[] = {
      {" vh - xh ", " văn hóa - xã hội "},        {" mttq ", " mặt trận tổ quốc "},
      {" ủy ban nhân dân ", " ubnd "},            {" hội đồng nhân dân ", " hđnd "},
      {" khoa học - công nghệ ", " khoa học và công nghệ "}, {" kh và cn ", " khoa học và công nghệ "},
      {" khcn ", " khoa học và công nghệ "},
  };
  s = " " + s + " ";
  for (const auto& [from, to] : kSame) s = ReplaceAll(std::move(s), from, to);
  s = CollapseSpace(s);
  for (std::string_view tail : {std::string_view(" xã"), std::string_view(" phường")}) {
    if (EndsWith(s, tail) && s.size() > tail.size()) s.erase(s.size() - tail.size());
  }
  return s;
}

void AgencyIndex::AddExisting(const std::string& id, const std::string& name, const std::string& variant) {
  std::string slug = Slugify(AgencyKey(variant));
  auto [it, fresh] = groups_.try_emplace(slug);
  if (fresh) order_.push_back(slug);
  Group& g = it->second;
  g.existing_id = id;
  g.existing_name = name;
  if (g.count.emplace(variant, 0).second) g.variants.push_back(variant);
}

void AgencyIndex::Add(std::string_view variant_in) {
  std::string variant = CleanName(NfcIfNeeded(variant_in));
  auto cached = slug_of_.find(variant);
  if (cached == slug_of_.end()) cached = slug_of_.emplace(variant, Slugify(AgencyKey(variant))).first;
  const std::string& slug = cached->second;
  if (slug.empty()) return;
  auto [it, fresh] = groups_.try_emplace(slug);
  if (fresh) order_.push_back(slug);
  Group& g = it->second;
  auto [c, first] = g.count.emplace(variant, 0);
  if (first) g.variants.push_back(variant);
  ++c->second;
}

const std::vector<AgencyIndex::Agency>& AgencyIndex::Build() {
  agencies_.clear();
  id_of_.clear();
  for (const std::string& slug : order_) {
    const Group& g = groups_.at(slug);
    Agency a;
    a.slug = slug;
    a.existing = !g.existing_id.empty();
    a.id = a.existing ? g.existing_id : unit_id_ + "/" + slug;
    if (a.existing) {
      a.name = g.existing_name;
    } else {
      int best = -1;
      for (const std::string& v : g.variants) {
        if (g.count.at(v) > best) {
          best = g.count.at(v);
          a.name = v;
        }
      }
    }
    for (const std::string& v : g.variants) {
      a.variants.emplace_back(v, AgencyKey(v));
      id_of_[v] = a.id;
    }
    agencies_.push_back(std::move(a));
  }
  return agencies_;
}

const std::string& AgencyIndex::IdOf(std::string_view variant) const {
  static const std::string kNone;
  auto it = id_of_.find(CleanName(NfcIfNeeded(variant)));
  return it == id_of_.end() ? kNone : it->second;
}

}  // namespace minhbach
