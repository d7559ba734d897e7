// Status and Result<T>: how every fallible operation in minhbach reports failure.
//
// Errors are for editors, not programmers: a Status carries the file and line
// the problem is in (when there is one) and a sentence saying what was expected,
// so the CLI can print "content/dai-son/x.md:12: front matter: expected ...".
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace minhbach {

class Status {
 public:
  Status() = default;  // OK

  static Status Ok() { return Status(); }
  static Status Error(std::string message) { return Status(std::string(), 0, std::move(message)); }
  static Status At(std::string file, int line, std::string message) {
    return Status(std::move(file), line, std::move(message));
  }

  bool ok() const { return !message_.has_value(); }
  const std::string& file() const { return file_; }
  int line() const { return line_; }
  const std::string& message() const { return *message_; }

  // "file:line: message", "file: message" or "message".
  std::string ToString() const;

  // Adds a file (and line) to an error that has none yet, e.g. when a parser
  // that sees only text reports to a caller that knows the path.
  Status WithFile(const std::string& file, int line_offset = 0) const;

 private:
  Status(std::string file, int line, std::string message)
      : file_(std::move(file)), line_(line), message_(std::move(message)) {}
  std::string file_;
  int line_ = 0;
  std::optional<std::string> message_;
};

// Result<T> holds either a value or an error Status.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {}  // NOLINT: must not be ok()

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

#define MB_RETURN_IF_ERROR(expr)            \
  do {                                      \
    ::minhbach::Status mb_status_ = (expr); \
    if (!mb_status_.ok()) return mb_status_; \
  } while (0)

}  // namespace minhbach
