// Calendar dates (proleptic Gregorian, no time zone): deadlines, report cycles,
// the build's --as-of date. Everything time-dependent takes a Date argument;
// nothing reads the clock except Today().
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace minhbach {

struct Date {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31

  // Days since 1970-01-01 (negative before).
  long DayNumber() const;
  static Date FromDayNumber(long days);

  std::string ToIso() const;  // "2026-11-23"
  std::string ToVi() const;   // "23/11/2026"

  // Fractional year at the end of this day: 2026-12-31 -> ~2027.0. Used to
  // place report cycles on a time axis for trend fitting.
  double FractionalYear() const;

  auto operator<=>(const Date&) const = default;
};

bool IsLeapYear(int year);
int DaysInMonth(int year, int month);
Date EndOfMonth(int year, int month);
Date EndOfQuarter(int year, int quarter);  // quarter 1..4
// Days from a to b (b - a).
long DaysBetween(const Date& a, const Date& b);

// Strict "YYYY-MM-DD" with a real calendar date.
std::optional<Date> ParseIsoDate(std::string_view s);

// Today's date in UTC (the default for --as-of).
Date Today();

}  // namespace minhbach
