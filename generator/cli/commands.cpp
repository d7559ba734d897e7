#include "cli/commands.h"

namespace minhbach {

const std::vector<Command>& AllCommands() {
  static const std::vector<Command> kCommands = {
      {"build", "build the site into public/ (atomic: the old site stays until the new one is complete)",
       "Usage: minhbach build [--site DIR] [--out DIR] [--as-of YYYY-MM-DD] [--jobs N] [--quiet] [--timings]\n\n"
       "  --site DIR     the site folder holding site.yaml (default: .)\n"
       "  --out DIR      where the site is written (default: public)\n"
       "  --as-of DATE   reference date for overdue lists and trajectories (default: today, UTC)\n"
       "  --jobs N       rendering threads (default: one more than the cores)\n"
       "  --quiet        print only errors\n"
       "  --timings      print each stage's time and memory, and where the communes' CPU time went\n",
       RunBuildCommand},
      {"check", "run every validation of `build` without writing anything",
       "Usage: minhbach check [--site DIR] [--as-of YYYY-MM-DD]\n", RunCheckCommand},
      {"report", "add a report cycle from a CSV (all or nothing), or write a unit's empty report template",
       "Usage: minhbach report add FILE.csv --cycle CODE [--unit UNIT] [--site DIR] [--db FILE]\n"
       "                           [--replace] [--published YYYY-MM-DD] [--illustrative]\n"
       "       minhbach report template [--unit UNIT] [--site DIR] [--out FILE]\n\n"
       "  --cycle CODE    2025 (year), 2026-Q1..Q4, 2026-6T, 2026-9T, 2026-03 (month)\n"
       "  --unit UNIT     the commune's id or name (default: the site's only unit)\n"
       "  --site DIR      the site folder: the report is also stored in content/UNIT/bao-cao/\n"
       "  --db FILE       the database (default: site.yaml's database; alone: no site, nothing stored)\n"
       "  --replace       replace the cycle's report instead of adding rows to it\n"
       "  --published D   the cycle's publication date (default: kept, or today for a new cycle)\n"
       "  --illustrative  sample figures, not reported by agencies\n"
       "  --out FILE      where the template goes (default: standard output)\n\n"
       "The CSV columns are described in docs/data.md.\n",
       RunReportCommand},
      {"export", "write the open data (api/v1/*.json) from the database",
       "Usage: minhbach export [--db FILE | --site DIR] [--out DIR]\n\n"
       "  --db FILE   the database to read (default: the site's, rebuilt when stale)\n"
       "  --out DIR   writes DIR/api/v1/*.json (default: public)\n",
       RunExportCommand},
      {"import", "turn a plan's extracted text into content/UNIT/PLAN/ (index.md, indicators.csv, tasks.csv)",
       "Usage: minhbach import PLAN.txt --unit NAME [--out DIR] [--key KEY] [--slug SLUG] [--db FILE] [--force]\n\n"
       "  --unit NAME   the commune or ward, e.g. \"Đại Sơn\"\n"
       "  --out DIR     where the files go (default: content/<unit slug>/<plan slug>)\n"
       "  --key KEY     the plan's short key, e.g. nq11 (default: from the title's resolution number)\n"
       "  --slug SLUG   the plan's folder name (default: kh-<key>-<year>)\n"
       "  --db FILE     also load the plan into this SQLite database\n"
       "  --force       replace an existing index.md (an editor's fixes in it are lost)\n\n"
       "Prints PLAN.txt:LINE: notes for everything it could not structure (exit 0 when the\n"
       "files were written). How to fix them: content/README.md.\n",
       RunImportCommand},
  };
  return kCommands;
}

}  // namespace minhbach
