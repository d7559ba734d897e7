// Appendix tables as data: a rebuilt table (table.h) becomes indicator rows
// or task rows, the two CSV files an editor keeps beside the plan's
// index.md. The columns are documented in content/README.md.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "import/table.h"

namespace minhbach::importer {

struct IndicatorRow {
  std::string table_key;    // "pl1"
  std::string table_title;  // "Phụ lục I: Các chỉ tiêu theo Nghị quyết số 71/NQ-CP"
  std::string code;         // "1.1" (as written, without a trailing dot)
  std::string group_path;   // "I Đến năm 2030 / 1 Chỉ tiêu về ..."
  std::string name;
  std::string measure;      // "%", "% dân số", ""
  std::string direction = "increase";
  std::map<int, std::string> targets;  // year -> cell as written ("≥ 80", "-")
  std::string lead, partners, output;
  int source_line = 0;
};

struct TaskRow {
  std::string table_key;  // "pl3"
  std::string table_title;
  std::string section;        // "II" ('' when the table has none)
  std::string section_title;
  std::string number;         // "4", "2.a" for an unnumbered sub-item, "2-b" for a repeated number
  std::string title;
  std::string lead, partners, output, deadline, note;
  int source_line = 0;
};

enum class TableKind { kIndicators, kTasks, kOther };

// Indicators when a header cell says "Chỉ tiêu", tasks when one says
// "nhiệm vụ" / "Nội dung công việc"; anything else stays text only.
TableKind ClassifyTable(const Table& table);

// A note for the editor: a source line and what to do.
struct Note {
  int line = 0;
  std::string message;
};

// Indicator rows of a table. Group rows ("I Đến năm 2030", "1 Chỉ tiêu về
// ...": a code and no other value) become the group_path of the rows below;
// a row with a target is an indicator even when rows below it extend its
// code. A single result column ("Kết quả") takes its year from the group
// ("Đến năm 2030"); columns "Năm 2025" ... give one target year each.
std::vector<IndicatorRow> ReadIndicators(const Table& table, const std::string& key, const std::string& title,
                                         std::vector<Note>* notes);

// Task rows of a table. Roman rows are sections. An unnumbered sub-item is
// numbered "<n>.a", "<n>.b" under the task above; a number repeated within a
// section is kept and suffixed "-b", "-c" so that no row is lost. Both are
// reported.
std::vector<TaskRow> ReadTasks(const Table& table, const std::string& key, const std::string& title,
                               std::vector<Note>* notes);

// The table key of an appendix heading: "pl" + its number ("PHỤ LỤC II" ->
// "pl2", "PHỤ LỤC 3" -> "pl3"), or "pl" when it has none.
std::string AppendixKey(const std::string& heading);
// A readable title from an appendix heading in capitals: "PHỤ LỤC II: CÁC
// CHỈ TIÊU ..." -> "Phụ lục II: Các chỉ tiêu ...". Document codes (71/NQ-CP),
// document types before a number ("Nghị quyết 57-NQ/TW") and the unit's
// name keep their capitals. A heading not in capitals is returned as is.
std::string AppendixTitle(const std::string& heading, const std::string& unit_name);

// The code of a row as written, without a trailing dot: "1.1." -> "1.1".
std::string CodeWithoutTrailingDot(const std::string& code);

// The CSV files. `years` are the target columns (t2025 ...) of indicators.csv.
inline constexpr const char* kTasksHeader =
    "table_key,table_title,section,section_title,number,title,lead,partners,output,deadline,note,source_line";
std::string IndicatorsCsv(const std::vector<IndicatorRow>& rows, const std::vector<int>& years);
std::string TasksCsv(const std::vector<TaskRow>& rows);
// The milestone years of indicators.csv: 2025, 2030, ..., 2045, plus any
// other year a row has a target for.
std::vector<int> TargetYears(const std::vector<IndicatorRow>& rows);

}  // namespace minhbach::importer
