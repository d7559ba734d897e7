#include "pipeline/fingerprint.h"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>

using namespace minhbach;
namespace fs = std::filesystem;

TEST_CASE("UnitInputsFingerprint changes with any file of the unit folder, nested or not", "[perf]") {
  const fs::path dir = fs::temp_directory_path() / ("mb-unit-inputs-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "kh-1");
  fs::create_directories(dir / "bao-cao");
  std::ofstream(dir / "kh-1/index.md") << "# Kế hoạch\n";
  std::ofstream(dir / "bao-cao/2026-Q1.csv") << "loai,ma\n";
  auto first = UnitInputsFingerprint(dir);
  REQUIRE(first.ok());
  CHECK(UnitInputsFingerprint(dir).value() == first.value());

  // A nested file that grows.
  std::ofstream(dir / "bao-cao/2026-Q1.csv", std::ios::app) << "chi_tieu,1\n";
  auto grown = UnitInputsFingerprint(dir);
  REQUIRE(grown.ok());
  CHECK(!(grown.value() == first.value()));

  // Same size, new modification time.
  fs::last_write_time(dir / "kh-1/index.md", fs::last_write_time(dir / "kh-1/index.md") + std::chrono::seconds(5));
  auto touched = UnitInputsFingerprint(dir);
  CHECK(!(touched.value() == grown.value()));

  // A new report file in a new folder.
  fs::create_directories(dir / "bao-cao/cu");
  std::ofstream(dir / "bao-cao/cu/2025.csv") << "";
  auto added = UnitInputsFingerprint(dir);
  CHECK(!(added.value() == touched.value()));

  // A file renamed: same bytes, other name.
  fs::rename(dir / "bao-cao/cu/2025.csv", dir / "bao-cao/cu/2024.csv");
  CHECK(!(UnitInputsFingerprint(dir).value() == added.value()));

  fs::remove_all(dir);
  auto missing = UnitInputsFingerprint(dir);
  CHECK(!missing.ok());
}
