#include "base/status.h"

namespace minhbach {

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out;
  if (!file_.empty()) {
    out += file_;
    if (line_ > 0) out += ":" + std::to_string(line_);
    out += ": ";
  }
  out += *message_;
  return out;
}

Status Status::WithFile(const std::string& file, int line_offset) const {
  if (ok() || !file_.empty()) return *this;
  return Status(file, line_ > 0 ? line_ + line_offset : 0, *message_);
}

}  // namespace minhbach
