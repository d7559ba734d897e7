// `minhbach import --db FILE`: loads one plan folder into a database without
// a site (the importer's check that what it wrote is loadable).
#pragma once

#include <filesystem>
#include <string>

#include "base/status.h"

namespace minhbach {

// Loads content/<unit>/<plan>/ (index.md, indicators.csv, tasks.csv) into the
// database at `db_path`, creating the file and schema when missing, in one
// transaction: on error the database is unchanged. The unit is identified by
// its name ("Đại Sơn" -> id "dai-son") and created when absent; a plan already
// there (same unit, same folder name) is replaced with its reports dropped.
// Agencies already known for the unit keep their ids and names.
Status ImportPlanDirectory(const std::string& db_path, const std::string& unit_name,
                           const std::filesystem::path& plan_dir);

}  // namespace minhbach
