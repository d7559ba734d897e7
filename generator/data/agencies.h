// Agencies named in lead ("chủ trì") and partner ("phối hợp") cells.
//
// A cell names one or more agencies: "Phòng Văn hoá - Xã hội, Trung tâm Dịch
// vụ sự nghiệp công". The same agency is spelt several ways across plans
// ("Văn phòng HĐND&UBND", "Văn phòng HĐND và UBND xã"); AgencyKey() gives the
// spellings of one agency the same key, and AgencyIndex picks the name shown.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace minhbach {

// Splits a cell into agency names as written (trimmed, trailing '.' dropped).
// Splits on ';' always, and on ',' only when the next part starts a new
// agency ("Trung tâm ...", "Công an xã", "các đơn vị liên quan"), so that
// "Các phòng, ban, ngành, đơn vị thuộc xã" stays one.
std::vector<std::string> SplitAgencyCell(std::string_view cell);

struct LeadAndPartners {
  std::vector<std::string> lead;
  std::vector<std::string> partners;
};
// A lead cell may carry its partners in parentheses: "Trung tâm Phục vụ
// hành chính công (phối hợp Văn phòng HĐND và UBND)". Those join the
// partners cell's agencies (after them, without duplicates).
LeadAndPartners SplitLeadAndPartners(std::string_view lead_cell, std::string_view partners_cell);

// Normalization key: NFC, lower case, modern tone placement ("hoá" -> "hóa",
// "uỷ" -> "ủy"), dashes and spacing around '-', '&' as "và", trailing
// " xã"/" phường" and '.' dropped.
std::string AgencyKey(std::string_view name);

// The agencies of one unit. Count every mention with Add(); then Build()
// groups variants by key and names each group by its most frequent variant
// (ties: the first met). Agencies already in a database are passed to
// AddExisting() first and keep their id and name.
class AgencyIndex {
 public:
  struct Agency {
    std::string id;    // "<unit>/<slug>"
    std::string slug;  // Slugify(key)
    std::string name;  // canonical display name
    std::vector<std::pair<std::string, std::string>> variants;  // (as written, key), first met first
    bool existing = false;
  };

  explicit AgencyIndex(std::string unit_id) : unit_id_(std::move(unit_id)) {}

  void AddExisting(const std::string& id, const std::string& name, const std::string& variant);
  void Add(std::string_view variant);
  // Groups the mentions; call once, after the last Add().
  const std::vector<Agency>& Build();
  // Agency id of a variant (after Build), or "" when it was never added.
  const std::string& IdOf(std::string_view variant) const;

 private:
  struct Group {
    std::string existing_id, existing_name;
    std::vector<std::string> variants;        // first met first
    std::map<std::string, int> count;         // variant -> mentions
  };
  std::string unit_id_;
  std::vector<std::string> order_;            // group slugs, first met first
  std::map<std::string, Group> groups_;       // slug -> group
  std::map<std::string, std::string> id_of_;  // variant -> agency id
  std::map<std::string, std::string> slug_of_;  // variant -> group slug (keys are costly)
  std::vector<Agency> agencies_;
};

}  // namespace minhbach
