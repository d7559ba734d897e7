// JsonArrays: the api/v1 JSON array files (open-data exports, plug-in rows)
// written unit by unit, in site order, whatever order the units finish in.
//
// At a province's scale these files are hundreds of megabytes: no thread
// may hold one whole. Workers hand each unit's elements over as the unit
// finishes; they are appended in unit order (a unit that finishes early
// waits in memory only until the units before it are in) straight to the
// files, opened by the caller's `Opener` (the output tree), or to strings
// when there is none (small sites, tests).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "base/status.h"
#include "plugins/json_rows.h"
#include "site/page.h"

namespace minhbach {

class JsonArrays {
 public:
  // (path, elements formatted by JsonRowElement), as one unit gives them.
  using Rows = std::vector<std::pair<std::string, std::vector<std::string>>>;
  // A unit's elements as an earlier build stored them: for each path, a
  // byte range of `file` holding the elements already joined (",\n"
  // between them; length 0: the path with no elements). Copied file to
  // file, never read into memory.
  struct Stored {
    struct Piece {
      std::string path;
      std::uint64_t offset = 0, length = 0;
    };
    std::filesystem::path file;
    std::vector<Piece> pieces;
  };

  // Opens the file for an output path, for writing; nullptr: leave this
  // path out (another file of the site already has it).
  using Opener = std::function<Result<std::FILE*>(const std::string& path)>;
  // Without an opener the files are kept in memory.
  explicit JsonArrays(Opener open = {});
  ~JsonArrays();
  JsonArrays(const JsonArrays&) = delete;
  JsonArrays& operator=(const JsonArrays&) = delete;

  // The rows of unit `index` (0, 1, 2, ... each exactly once). A path
  // appears as a file from the first unit that names it, even with no
  // elements ("[]"). Thread-safe.
  Status Put(std::size_t index, Rows rows);
  Status PutStored(std::size_t index, Stored stored);

  struct File {
    std::string path;      // output path, e.g. "api/v1/tasks.json"
    std::string bytes;     // in memory, or
    bool written = false;  // written and closed through the opener
  };
  // After every unit was Put: the files, by path.
  Result<std::vector<File>> Finish();
  // Finish(), as pages for the files kept in memory, leaving out the paths
  // a page of `taken` already writes (a plug-in's own file wins).
  // `api_json` gets the path of every file.
  Status FinishPages(const std::vector<Page>& taken, std::set<std::string>* api_json, std::vector<Page>* pages);

 private:
  struct Array {
    JsonRowsWriter writer;
    std::string buffer;        // in memory, or pending bytes for `file`
    std::FILE* file = nullptr;
    bool discard = false;  // the opener declined the path
  };
  using Part = std::variant<Rows, Stored>;
  Status PutPart(std::size_t index, Part part);
  Status Append(Part part);  // under mu_, in unit order
  Status Append(Rows rows);
  Status Append(const Stored& stored);
  // The array of `path`, opened on first use.
  Result<Array*> ArrayFor(const std::string& path);
  Status Flush(Array* a);

  Opener open_;
  std::mutex mu_;
  std::size_t next_ = 0;                   // the next unit to append
  std::map<std::size_t, Part> waiting_;    // units that finished early
  std::map<std::string, Array> arrays_;
  Status error_;
};

}  // namespace minhbach
