// `faultline report STORE_DIR`: writes STORE_DIR/report.html from the stored history, results
// and test description, and optionally JUnit XML and a Markdown summary for CI.
#include <iostream>
#include <memory>
#include <string>

#include "checker/verdict.h"
#include "cli/commands.h"
#include "reports/store_report.h"

namespace faultline::cli {

void add_report_command(CLI::App& app, int& exit_code) {
  auto* sub = app.add_subcommand(
      "report",
      "Write STORE_DIR/report.html from STORE_DIR/history.jsonl, results.json (optional) and "
      "test.json (optional). The page is self-contained and reads without JavaScript.");
  struct Args {
    std::string dir;
    reports::StoreReportOptions options;
  };
  auto args = std::make_shared<Args>();
  sub->add_option("STORE_DIR", args->dir, "a stored run: store/<test>/<timestamp>")->required();
  sub->add_option("--junit", args->options.junit_path,
                  "also write JUnit XML: one testcase per checker, or per failing key");
  sub->add_option("--summary-md", args->options.summary_md_path,
                  "also write a Markdown summary (for CI job summaries)");
  sub->add_option("--rerun", args->options.rerun_command,
                  "the command that re-runs the test, for JUnit failure messages");
  sub->callback([args, &exit_code] {
    exit_code = reports::report_store_dir(args->dir, args->options, std::cerr);
    if (exit_code == checker::kExitValid) {
      std::cout << args->dir << "/report.html\n";
    }
  });
}

}  // namespace faultline::cli
