#include "base/csv.h"

#include "base/fs.h"
#include "base/text.h"

namespace minhbach {

int CsvTable::Column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return static_cast<int>(i);
  }
  return -1;
}

const std::string& CsvTable::Cell(const CsvRow& row, std::string_view column) const {
  static const std::string kEmpty;
  int i = Column(column);
  if (i < 0 || static_cast<std::size_t>(i) >= row.cells.size()) return kEmpty;
  return row.cells[static_cast<std::size_t>(i)];
}

Status CsvTable::RequireColumns(const std::vector<std::string>& required) const {
  for (const auto& c : required) {
    if (Column(c) < 0) {
      std::string all;
      for (const auto& r : required) all += (all.empty() ? "" : ", ") + r;
      return Status::At(file, 1, "missing column '" + c + "' in the header row; expected columns: " + all);
    }
  }
  return Status::Ok();
}

Result<CsvTable> ParseCsv(std::string_view text, const std::string& file) {
  CsvTable table;
  table.file = file;
  std::vector<std::string> fields;
  std::string field;
  bool in_quotes = false, field_was_quoted = false;
  int line = 1, row_line = 1, quote_line = 0;
  bool have_header = false;

  auto end_row = [&]() {
    fields.push_back(field_was_quoted ? field : Trim(field));
    field.clear();
    field_was_quoted = false;
    bool blank = true;
    for (const auto& f : fields) {
      if (!f.empty()) blank = false;
    }
    if (!blank) {
      if (!have_header) {
        for (auto& f : fields) table.header.push_back(Trim(f));
        have_header = true;
      } else {
        table.rows.push_back(CsvRow{row_line, fields});
      }
    }
    fields.clear();
  };

  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
      continue;
    }
    if (c == '"' && Trim(field).empty()) {
      in_quotes = true;
      field_was_quoted = true;
      field.clear();
      quote_line = line;
    } else if (c == ',') {
      fields.push_back(field_was_quoted ? field : Trim(field));
      field.clear();
      field_was_quoted = false;
    } else if (c == '\n') {
      end_row();
      ++line;
      row_line = line;
    } else if (c == '\r') {
      // tolerated: "\r\n" endings
    } else {
      field.push_back(c);
    }
  }
  if (in_quotes) {
    return Status::At(file, quote_line, "a quoted field is never closed: add the missing '\"'");
  }
  if (!field.empty() || field_was_quoted || !fields.empty()) end_row();
  if (!have_header) return Status::At(file, 1, "the file is empty: expected a header row");
  return table;
}

Result<CsvTable> ReadCsvFile(const std::string& path) {
  Result<std::string> text = ReadTextFile(path);
  if (!text.ok()) return text.status();
  return ParseCsv(text.value(), path);
}

std::string CsvEscape(std::string_view f) {
  bool quote = f.find_first_of(",\"\n\r") != std::string_view::npos ||
               (!f.empty() && (f.front() == ' ' || f.back() == ' '));
  if (!quote) return std::string(f);
  std::string out = "\"";
  for (char c : f) {
    if (c == '"') out += "\"\"";
    else out.push_back(c);
  }
  out += "\"";
  return out;
}

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out.push_back(',');
    out += CsvEscape(fields[i]);
  }
  out.push_back('\n');
  return out;
}

}  // namespace minhbach
