// UnitRecord: what a build keeps of each unit (commune) for the next build,
// in the state folder beside --out (`units/<unit>.rec`).
//
// A province is rebuilt after each report cycle, when one commune or a few
// have new figures. A unit whose inputs (its content files, and everything
// every page shares: program, theme, plug-ins, site.yaml, --as-of) have the
// fingerprint recorded here is not read, analysed or rendered again: its
// files are carried over from the served tree on their tags, and its part of
// the site-wide pages (summary, plug-in warnings, api/v1 rows) comes from
// the record (and its rows file). Records are written after the unit's files, to a temporary
// file renamed into place; a missing, damaged or foreign record only means
// the unit is built again.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "site/json_arrays.h"
#include "site/site.h"
#include "write/manifest.h"

namespace minhbach {

struct UnitRecord {
  FileTag inputs;                                         // the unit's fingerprint when it was built
  std::vector<std::pair<std::string, FileTag>> files;     // its output files and their tags
  UnitSummary summary;
  std::vector<std::string> warnings;  // the plug-ins' warnings for the unit
};

Status WriteUnitRecord(const std::filesystem::path& file, const UnitRecord& record);
// nullopt when the file is missing, truncated or not a record.
std::optional<UnitRecord> ReadUnitRecord(const std::filesystem::path& file);

// The unit's api/v1 array elements, kept in a file of their own
// (`units/<unit>.rows`): they are most of a record's bytes and are needed
// only when the arrays must be written again, and then only as byte
// ranges to copy (JsonArrays::Stored). `inputs` ties them to the record.
Status WriteUnitRows(const std::filesystem::path& file, const FileTag& inputs, const JsonArrays::Rows& rows);
// nullopt when the file is missing, damaged or of other inputs.
std::optional<JsonArrays::Stored> ReadUnitRows(const std::filesystem::path& file, const FileTag& inputs);

// Which api/v1 array files the last build wrote, from which inputs (the
// fingerprint of every unit's inputs, in order): when they are the same,
// the files are carried over and no unit's rows are read. When some unit
// changed, the others' elements are copied from the served files, in runs,
// at the ranges recorded here (instead of from each unit's rows file).
struct ArraysRecord {
  FileTag inputs;
  std::vector<std::string> paths;
  std::vector<FileTag> unit_inputs;                     // by unit index
  std::vector<std::uint64_t> sizes;                     // by path: the file's size
  std::vector<std::vector<JsonArrays::Span>> spans;     // by path, then unit index
};
Status WriteArraysRecord(const std::filesystem::path& file, const ArraysRecord& record);
std::optional<ArraysRecord> ReadArraysRecord(const std::filesystem::path& file);

}  // namespace minhbach
