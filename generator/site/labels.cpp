#include "site/labels.h"

#include <cmath>
#include <cstdlib>
#include <vector>

#include "base/date.h"
#include "base/text.h"

namespace minhbach::site {

namespace {

// Glyphs are chosen from blocks every system font covers (arrows, geometric
// shapes) and without emoji presentation, so a phone draws them as text.
const Label kProgress[] = {
    {"achieved", "Đã đạt", "✓", "good"},
    {"on_track", "Đúng tiến độ", "↗", "good"},
    {"accelerate", "Cần tăng tốc", "→", "warn"},
    {"limited", "Chậm", "↘", "bad"},
    {"regressing", "Đi lùi", "↓", "bad"},
    {"insufficient_data", "Chưa đủ số liệu", "?", "neutral"},
    {"qualitative", "Định tính", "◇", "neutral"},
    {"none", "Chưa đánh giá", "–", "neutral"},
};

const Label kWarnings[] = {
    {"overdue", "Quá hạn", "!", "bad"},
    {"behind_schedule", "Chậm tiến độ", "↘", "bad"},
    {"evidence_rejected", "Minh chứng không đạt", "✗", "bad"},
    {"due_soon", "Sắp đến hạn", "◷", "warn"},
    {"no_report", "Chưa báo cáo", "?", "neutral"},
    {"awaiting_condition", "Chờ điều kiện", "‖", "neutral"},
};

const Label kTaskStatuses[] = {
    {"hoàn thành", "Hoàn thành", "✓", "good"},
    {"chờ hoàn thiện", "Chờ hoàn thiện", "↺", "warn"},
    {"đang thực hiện", "Đang thực hiện", "◐", "neutral"},
    {"chưa triển khai", "Chưa triển khai", "○", "neutral"},
    {"", "Chưa có báo cáo", "–", "neutral"},
};

template <std::size_t N>
const Label& Find(const Label (&table)[N], std::string_view key) {
  for (const Label& l : table) {
    if (key == l.key) return l;
  }
  return table[N - 1];
}

template <std::size_t N>
std::vector<const char*> Keys(const Label (&table)[N]) {
  std::vector<const char*> keys;
  for (const Label& l : table) keys.push_back(l.key);
  return keys;
}

const char* const kRoman[] = {"", "I", "II", "III", "IV"};

}  // namespace

const Label& ProgressLabel(std::string_view status) { return Find(kProgress, status); }
const std::vector<const char*>& ProgressOrder() {
  static const std::vector<const char*> keys = Keys(kProgress);
  return keys;
}

const Label& WarningLabel(std::string_view warning) {
  for (const Label& l : kWarnings) {
    if (warning == l.key) return l;
  }
  // An unknown warning from a newer plug-in still shows, as a neutral word.
  static const Label kOther{"other", "Cảnh báo khác", "!", "neutral"};
  return kOther;
}
const std::vector<const char*>& WarningOrder() {
  static const std::vector<const char*> keys = Keys(kWarnings);
  return keys;
}
bool IsRedWarning(std::string_view w) {
  return w == "overdue" || w == "behind_schedule" || w == "evidence_rejected";
}

const Label& TaskStatusLabel(std::string_view status) { return Find(kTaskStatuses, status); }
const std::vector<const char*>& TaskStatusOrder() {
  static const std::vector<const char*> keys = Keys(kTaskStatuses);
  return keys;
}

Value LabelValue(const Label& label) {
  Value v = Value::MakeObject();
  v.Set("word", label.word);
  v.Set("glyph", label.glyph);
  v.Set("tone", label.tone);
  return v;
}

std::string DeadlineKindWord(std::string_view kind) {
  if (kind == "date") return "Một thời hạn cụ thể";
  if (kind == "window") return "Trong một khoảng thời gian";
  if (kind == "milestones") return "Nhiều mốc";
  if (kind == "yearly") return "Hằng năm";
  if (kind == "ongoing") return "Thường xuyên (không có hạn cuối)";
  if (kind == "conditional") return "Khi có điều kiện (phụ thuộc việc khác)";
  if (kind == "none") return "Văn bản không ghi thời hạn";
  return "Chưa xác định được từ văn bản";
}

std::string ReviewWord(std::string_view review) {
  if (review == "accepted") return "Đạt";
  if (review == "rejected") return "Không đạt";
  if (review == "pending") return "Đang xem xét";
  return "";
}

std::string CycleLabel(std::string_view code, std::string_view kind) {
  std::string c(code);
  std::string year = c.substr(0, 4);
  if (kind == "year" && c.size() == 4) return "Năm " + year;
  if (kind == "quarter" && c.size() == 7 && c[5] == 'Q' && c[6] >= '1' && c[6] <= '4') {
    return std::string("Quý ") + kRoman[c[6] - '0'] + "/" + year;
  }
  if (kind == "half" && EndsWith(c, "-6T")) return "6 tháng đầu năm " + year;
  if (kind == "nine_months" && EndsWith(c, "-9T")) return "9 tháng đầu năm " + year;
  if (kind == "month" && c.size() == 7) {
    int month = std::atoi(c.c_str() + 5);
    if (month >= 1 && month <= 12) return "Tháng " + std::to_string(month) + "/" + year;
  }
  return c;
}

std::string ViDate(std::string_view iso) {
  auto d = ParseIsoDate(iso);
  return d ? d->ToVi() : std::string();
}

std::string FormatMeasured(double value, std::string_view measure) {
  std::string n = FormatNumberVi(value);
  if (measure.empty()) return n;
  if (measure[0] == '%') return n + std::string(measure);
  return n + " " + std::string(measure);
}

std::string FormatSigned(double value) {
  if (value > 0) return "+" + FormatNumberVi(value);
  if (value < 0) return "−" + FormatNumberVi(-value);
  return "0";
}

std::string FormatAnnualChange(double value, std::string_view measure) {
  std::string n = FormatSigned(value);
  if (measure.empty()) return n + "/năm";
  // A change of a percentage is in percentage points.
  if (measure[0] == '%') return n + " điểm %/năm";
  return n + " " + std::string(measure) + "/năm";
}

std::string FormatPercent(double value) { return FormatNumberVi(value, 1) + "%"; }

}  // namespace minhbach::site
