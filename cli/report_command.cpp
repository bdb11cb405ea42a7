#include <iostream>

#include "checker/verdict.h"
#include "cli/commands.h"

namespace faultline::cli {

void add_report_command(CLI::App& app, int& exit_code) {
  auto* sub = app.add_subcommand("report", "(not built yet)");
  sub->allow_extras();
  sub->callback([&exit_code] {
    std::cerr << "faultline report: not built yet\n";
    exit_code = checker::kExitBadInput;
  });
}

}  // namespace faultline::cli
