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
  // byte range of a file holding the elements already joined (",\n"
  // between them; length 0: the path with no elements). Copied file to
  // file, never read into memory. The file is the piece's own `file` when
  // set (the served array file itself), else `file`, the unit's rows file.
  struct Stored {
    struct Piece {
      std::string path;
      std::uint64_t offset = 0, length = 0;
      std::filesystem::path file;
    };
    std::filesystem::path file;
    std::vector<Piece> pieces;
  };
  // Where one unit's elements are in an array file as written.
  struct Span {
    std::uint64_t offset = 0, length = 0;
    bool named = false;  // the unit gave this path (maybe with no elements)
  };

  // Opens the file for an output path, for writing from its start; nullptr:
  // leave this path out (another file of the site already has it). Older
  // bytes past the new array's end are truncated when it is finished.
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
    std::uint64_t size = 0;   // bytes
    std::vector<Span> spans;  // by unit index
  };
  // After every unit was Put: the files, by path.
  Result<std::vector<File>> Finish();
  // Finish(), as pages for the files kept in memory, leaving out the paths
  // a page of `taken` already writes (a plug-in's own file wins).
  // `api_json` gets the path of every file; `written`, when given, the
  // files written through the opener (path, size, spans).
  Status FinishPages(const std::vector<Page>& taken, std::set<std::string>* api_json, std::vector<Page>* pages,
                     std::vector<File>* written = nullptr);

 private:
  struct Array {
    JsonRowsWriter writer;
    std::string buffer;        // in memory, or pending bytes for `file`
    std::FILE* file = nullptr;
    bool discard = false;  // the opener declined the path
    std::uint64_t flushed = 0;  // bytes already in `file`
    // A range of a source file to copy after `buffer`, grown while the
    // next units' pieces follow it in that file (a served array file):
    // units that did not change are copied in one run.
    struct Run {
      int fd = -1;
      std::uint64_t offset = 0, length = 0;
      std::filesystem::path file;  // for messages
    } run;
    std::vector<Span> spans;
  };
  using Part = std::variant<Rows, Stored>;
  Status PutPart(std::size_t index, Part part);
  Status Append(std::size_t index, Part part);  // under mu_, in unit order
  Status Append(std::size_t index, Rows rows);
  Status Append(std::size_t index, const Stored& stored);
  // The array of `path`, opened on first use.
  Result<Array*> ArrayFor(const std::string& path);
  Status Flush(Array* a);      // buffer, then run, to the file
  Status FlushRun(Array* a);
  // Copies `length` bytes of `in` at `offset` after what `a` holds.
  Status Copy(Array* a, int in, std::uint64_t offset, std::uint64_t length, const std::filesystem::path& from);
  static std::uint64_t Emitted(const Array& a) { return a.flushed + a.buffer.size() + a.run.length; }
  static void Mark(Array* a, std::size_t index, std::uint64_t start, std::uint64_t end);
  // A served file, opened once per build.
  Result<int> Source(const std::filesystem::path& file);

  Opener open_;
  std::mutex mu_;
  std::size_t next_ = 0;                   // the next unit to append
  std::map<std::size_t, Part> waiting_;    // units that finished early
  std::map<std::string, Array> arrays_;
  std::map<std::filesystem::path, int> sources_;
  Status error_;
};

}  // namespace minhbach
