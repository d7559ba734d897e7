// Helpers for the plug-in tests: a temporary site folder with a database made
// from the real schema, plug-in files, and a host to run them.
#pragma once

#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>

#include "base/date.h"
#include "base/fs.h"
#include "plugins/plugin_host.h"

namespace minhbach {

extern const char* const kSchemaSql;

namespace plugin_test {

// A fresh folder under the system temp directory, removed afterwards.
class TempSite {
 public:
  TempSite() {
    std::string pattern = (std::filesystem::temp_directory_path() / "mb-plugins-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    root_ = pattern;
    std::filesystem::create_directories(root_ / "plugins");
  }
  ~TempSite() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path plugins() const { return root_ / "plugins"; }
  std::filesystem::path database() const { return root_ / "site.sqlite"; }

  void Write(const std::string& relative, const std::string& text) const {
    std::filesystem::path p = root_ / relative;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
  }

  // Creates the database from the schema plus `sql` (INSERTs).
  void CreateDatabase(const std::string& sql = "") const {
    sqlite3* db = nullptr;
    if (sqlite3_open(database().c_str(), &db) != SQLITE_OK) throw std::runtime_error("sqlite3_open failed");
    char* error = nullptr;
    // No fsync: a test database need not survive a power cut, and syncing
    // made each fixture cost half a second.
    std::string all = "PRAGMA synchronous = OFF; PRAGMA journal_mode = MEMORY; BEGIN;\n" + std::string(kSchemaSql) +
                      "\n" + sql + "\nCOMMIT;";
    if (sqlite3_exec(db, all.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      std::string message = error ? error : "?";
      sqlite3_free(error);
      sqlite3_close(db);
      throw std::runtime_error("fixture SQL: " + message);
    }
    sqlite3_close(db);
  }

  PluginConfig Config(const std::string& as_of = "2026-11-23") const {
    PluginConfig c;
    c.plugin_dirs = {plugins()};
    c.database = database();
    c.as_of = *ParseIsoDate(as_of);
    c.site_root = root_;
    c.instruction_limit = 20'000'000;
    c.memory_limit = 32u << 20;
    return c;
  }

 private:
  std::filesystem::path root_;
};

inline std::string ReadAll(const std::filesystem::path& p) {
  Result<std::string> r = ReadFile(p);
  if (!r.ok()) throw std::runtime_error(r.status().ToString());
  return r.value();
}

}  // namespace plugin_test
}  // namespace minhbach
