#include "data/agencies.h"

#include <catch2/catch.hpp>

namespace minhbach {
namespace {

using Names = std::vector<std::string>;

TEST_CASE("agency cells split on semicolons and before a new agency's head word", "[data]") {
  CHECK(SplitAgencyCell("Phòng Văn hoá - Xã hội, Trung tâm Dịch vụ sự nghiệp công") ==
        Names{"Phòng Văn hoá - Xã hội", "Trung tâm Dịch vụ sự nghiệp công"});
  CHECK(SplitAgencyCell("Sở Khoa học và Công nghệ; Các cơ quan chuyên môn, đơn vị liên quan.") ==
        Names{"Sở Khoa học và Công nghệ", "Các cơ quan chuyên môn, đơn vị liên quan"});
  CHECK(SplitAgencyCell("Các phòng, ban, ngành, đơn vị thuộc xã") == Names{"Các phòng, ban, ngành, đơn vị thuộc xã"});
  CHECK(SplitAgencyCell("Các cơ quan chuyên môn, đơn vị liên quan") == Names{"Các cơ quan chuyên môn, đơn vị liên quan"});
  CHECK(SplitAgencyCell("Các cơ quan chuyên môn, đơn vị thuộc xã; Công an xã") ==
        Names{"Các cơ quan chuyên môn, đơn vị thuộc xã", "Công an xã"});
  CHECK(SplitAgencyCell("Phòng Văn hoá - Xã hội, Công an xã") == Names{"Phòng Văn hoá - Xã hội", "Công an xã"});
  CHECK(SplitAgencyCell("Sở Khoa học và Công nghệ, các đơn vị liên quan") ==
        Names{"Sở Khoa học và Công nghệ", "các đơn vị liên quan"});
  CHECK(SplitAgencyCell("Các phòng chuyên môn, Trung tâm Phục vụ hành chính công xã") ==
        Names{"Các phòng chuyên môn", "Trung tâm Phục vụ hành chính công xã"});
  CHECK(SplitAgencyCell("Ủy ban MTTQ Việt Nam xã; các cơ quan, đơn vị liên quan") ==
        Names{"Ủy ban MTTQ Việt Nam xã", "các cơ quan, đơn vị liên quan"});
  CHECK(SplitAgencyCell("Các phòng, ban, ngành, đơn vị thuộc xã, đơn vị liên quan") ==
        Names{"Các phòng, ban, ngành, đơn vị thuộc xã, đơn vị liên quan"});
  CHECK(SplitAgencyCell("Các trường MN, TH, THCS; Trạm y tế") == Names{"Các trường MN, TH, THCS", "Trạm y tế"});
  CHECK(SplitAgencyCell("  ").empty());
}

TEST_CASE("'(phối hợp X)' in a lead cell makes X a partner", "[data]") {
  LeadAndPartners a = SplitLeadAndPartners("Trung tâm Phục vụ hành chính công (phối hợp Văn phòng HĐND và UBND)", "");
  CHECK(a.lead == Names{"Trung tâm Phục vụ hành chính công"});
  CHECK(a.partners == Names{"Văn phòng HĐND và UBND"});

  LeadAndPartners b = SplitLeadAndPartners(
      "Phòng Văn hóa – Xã hội (phối hợp các trường, Đoàn Thanh niên, Hội Phụ nữ)", "Các đơn vị liên quan");
  CHECK(b.lead == Names{"Phòng Văn hóa – Xã hội"});
  CHECK(b.partners == Names{"Các đơn vị liên quan", "các trường", "Đoàn Thanh niên", "Hội Phụ nữ"});

  LeadAndPartners c = SplitLeadAndPartners("Các trường MN, TH, THCS; Trạm y tế (phối hợp Phòng VH-XH)", "");
  CHECK(c.lead == Names{"Các trường MN, TH, THCS", "Trạm y tế"});
  CHECK(c.partners == Names{"Phòng VH-XH"});

  LeadAndPartners d = SplitLeadAndPartners("Phòng Kinh tế", "Sở Khoa học và Công nghệ");
  CHECK(d.lead == Names{"Phòng Kinh tế"});
  CHECK(d.partners == Names{"Sở Khoa học và Công nghệ"});
}

TEST_CASE("agency keys join the spellings of one agency", "[data]") {
  CHECK(AgencyKey("Phòng Văn hoá - Xã hội") == AgencyKey("Phòng Văn hóa – Xã hội"));
  CHECK(AgencyKey("Phòng Văn hóa - Xã hội xã") == AgencyKey("Phòng Văn hóa-Xã hội"));
  CHECK(AgencyKey("Phòng Văn hóa - Xã hội") == "phòng văn hóa - xã hội");
  CHECK(AgencyKey("Văn phòng HĐND&UBND") == AgencyKey("Văn phòng HĐND & UBND"));
  CHECK(AgencyKey("Văn phòng HĐND&UBND") == AgencyKey("Văn phòng HĐND và UBND"));
  CHECK(AgencyKey("Văn phòng HĐND và UBND xã") == "văn phòng hđnd và ubnd");
  CHECK(AgencyKey("Uỷ ban MTTQ Việt Nam xã") == AgencyKey("Ủy ban MTTQ Việt Nam"));
  CHECK(AgencyKey("Phòng Kinh tế.") == AgencyKey("Phòng Kinh tế xã"));
  CHECK(AgencyKey("Phòng Kinh tế") != AgencyKey("Phòng Văn hóa - Xã hội"));
  // Common abbreviations are the long form.
  CHECK(AgencyKey("Phòng VH-XH") == AgencyKey("Phòng Văn hóa – Xã hội"));
  CHECK(AgencyKey("Ủy ban MTTQ Việt Nam xã") == AgencyKey("Ủy ban Mặt trận Tổ quốc Việt Nam xã"));
  CHECK(AgencyKey("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã") == AgencyKey("Văn phòng HĐND&UBND"));
  CHECK(AgencyKey("Sở Khoa học - Công nghệ") == AgencyKey("Sở Khoa học và Công nghệ"));
  CHECK(AgencyKey("Sở KH&CN") == AgencyKey("Sở Khoa học và Công nghệ"));
  // Decomposed text (macOS, some Word exports) gives the same key.
  CHECK(AgencyKey("Pho\u0300ng Va\u0306n hoa\u0301 - Xa\u0303 ho\u0302\u0323i") == "phòng văn hóa - xã hội");
  // Tone placement moves only at a syllable's end: "hoàn" stays.
  CHECK(AgencyKey("Ban hoàn thiện") == "ban hoàn thiện");
}

TEST_CASE("the canonical agency name is the most frequent spelling", "[data]") {
  AgencyIndex index("dai-son");
  index.Add("Phòng Văn hoá - Xã hội");
  index.Add("Phòng Văn hóa - Xã hội");
  index.Add("Phòng Văn hóa - Xã hội");
  index.Add("Phòng Văn hóa – Xã hội xã");
  index.Add("Văn phòng HĐND&UBND");
  index.Add("Văn phòng HĐND và UBND");
  const auto& agencies = index.Build();
  REQUIRE(agencies.size() == 2);
  CHECK(agencies[0].id == "dai-son/phong-van-hoa-xa-hoi");
  CHECK(agencies[0].name == "Phòng Văn hóa - Xã hội");
  CHECK(agencies[0].variants.size() == 3);
  CHECK(agencies[1].name == "Văn phòng HĐND&UBND");  // tie: the first met
  CHECK(agencies[1].id == "dai-son/van-phong-hdnd-va-ubnd");
  CHECK(index.IdOf("Phòng Văn hóa – Xã hội xã") == "dai-son/phong-van-hoa-xa-hoi");
  CHECK(index.IdOf("Văn phòng HĐND và UBND") == "dai-son/van-phong-hdnd-va-ubnd");
  CHECK(index.IdOf("Công an xã").empty());
}

TEST_CASE("agencies already in the database keep their id and name", "[data]") {
  AgencyIndex index("dai-son");
  index.AddExisting("dai-son/phong-kinh-te", "Phòng Kinh tế", "Phòng Kinh tế");
  index.Add("Phòng Kinh tế xã");
  index.Add("Phòng Kinh tế xã");
  index.Add("Công an xã");
  const auto& agencies = index.Build();
  REQUIRE(agencies.size() == 2);
  CHECK(agencies[0].existing);
  CHECK(agencies[0].name == "Phòng Kinh tế");
  CHECK(index.IdOf("Phòng Kinh tế xã") == "dai-son/phong-kinh-te");
  CHECK(agencies[1].id == "dai-son/cong-an");
}

}  // namespace
}  // namespace minhbach
