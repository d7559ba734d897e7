// The CLI's commands. Each lives beside the stage it drives; main.cpp only
// dispatches. Every command returns the process exit code (0 ok, 1 failure
// with a message already printed to stderr, 2 usage error).
#pragma once

#include <string>
#include <vector>

namespace minhbach {

struct Command {
  const char* name;
  const char* summary;  // one line for `minhbach help`
  const char* usage;    // full text for `minhbach help NAME`
  int (*run)(const std::vector<std::string>& args);
};

// All commands, in the order `minhbach help` lists them.
const std::vector<Command>& AllCommands();

int RunBuildCommand(const std::vector<std::string>& args);   // pipeline/build_command.cpp
int RunCheckCommand(const std::vector<std::string>& args);   // pipeline/build_command.cpp
int RunReportCommand(const std::vector<std::string>& args);  // data/data_commands.cpp
int RunExportCommand(const std::vector<std::string>& args);  // data/data_commands.cpp
int RunImportCommand(const std::vector<std::string>& args);  // import/import_command.cpp

}  // namespace minhbach
