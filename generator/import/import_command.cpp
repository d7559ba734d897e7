// `minhbach import PLAN.txt --unit NAME`: writes a plan's content folder and
// tells the editor, line by line, what it could not structure.
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "base/fs.h"
#include "base/text.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "data/import_plan.h"
#include "import/plan_import.h"

namespace minhbach {

namespace fs = std::filesystem;

namespace {

const char* KindName(importer::TableKind k) {
  switch (k) {
    case importer::TableKind::kIndicators: return "indicators";
    case importer::TableKind::kTasks: return "tasks";
    case importer::TableKind::kOther: return "not read";
  }
  return "";
}

int Usage(const std::string& message) {
  std::fprintf(stderr, "minhbach import: %s (see `minhbach help import`)\n", message.c_str());
  return 2;
}

}  // namespace

int RunImportCommand(const std::vector<std::string>& argv) {
  Result<Args> parsed = ParseArgs(argv, {"--unit", "--out", "--key", "--slug", "--db"}, {"--force"});
  if (!parsed.ok()) return Usage(parsed.status().ToString());
  const Args& args = parsed.value();
  if (args.positional.size() != 1) return Usage("expected one PLAN.txt file");
  std::string unit = Trim(args.GetOr("--unit", ""));
  if (unit.empty()) return Usage("--unit NAME is required (the commune or ward, e.g. \"Đại Sơn\")");
  const std::string path = args.positional[0];

  Result<std::string> text = ReadTextFile(path);
  if (!text.ok()) {
    std::fprintf(stderr, "minhbach import: %s\n", text.status().ToString().c_str());
    return 1;
  }
  importer::ImportOptions options;
  options.unit = Nfc(unit);
  options.key = Slugify(args.GetOr("--key", ""));
  options.source = fs::path(path).filename().string();
  importer::ImportResult r = importer::ImportPlan(text.value(), options);

  std::string slug = args.Get("--slug") ? Slugify(args.GetOr("--slug", "")) : r.slug;
  if (slug.empty()) return Usage("--slug must contain letters or digits");
  fs::path out = args.Get("--out") ? fs::path(args.GetOr("--out", "")) : fs::path("content") / Slugify(unit) / slug;
  if (fs::exists(out / "index.md") && !args.Has("--force")) {
    std::fprintf(stderr,
                 "minhbach import: %s already exists: an editor may have fixed it by hand. Pass --force to "
                 "replace index.md, indicators.csv and tasks.csv, or choose another --out.\n",
                 (out / "index.md").string().c_str());
    return 1;
  }

  for (const importer::Note& n : r.notes) {
    std::fprintf(stderr, "%s:%d: %s\n", path.c_str(), n.line, n.message.c_str());
  }

  const std::pair<const char*, const std::string*> files[] = {
      {"index.md", &r.index_md}, {"indicators.csv", &r.indicators_csv}, {"tasks.csv", &r.tasks_csv}};
  for (const auto& [name, bytes] : files) {
    Status s = WriteFileAtomic(out / name, *bytes);
    if (!s.ok()) {
      std::fprintf(stderr, "minhbach import: %s\n", s.ToString().c_str());
      return 1;
    }
  }

  std::fprintf(stderr, "\n%s: wrote %s (key %s)\n", path.c_str(), out.string().c_str(), r.key.c_str());
  for (const importer::ImportedTable& t : r.tables) {
    std::fprintf(stderr, "  %-5s lines %d-%d  %-10s %3zu rows  (%d repeated headers dropped, %d cut rows merged)  %s\n",
                 t.key.c_str(), t.line, t.end_line, KindName(t.kind), t.rows, t.repeated_headers, t.continuations,
                 t.title.c_str());
  }
  std::fprintf(stderr, "  indicators.csv: %zu rows; tasks.csv: %zu rows; %zu notes above\n", r.indicators.size(),
               r.tasks.size(), r.notes.size());

  if (args.Get("--db")) {
    Status s = ImportPlanDirectory(args.GetOr("--db", ""), options.unit, out);
    if (!s.ok()) {
      std::fprintf(stderr, "minhbach import: --db: %s\n", s.ToString().c_str());
      return 1;
    }
    std::fprintf(stderr, "  loaded into %s\n", args.GetOr("--db", "").c_str());
  }
  return 0;
}

}  // namespace minhbach
