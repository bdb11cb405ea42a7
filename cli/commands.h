// The faultline subcommands. Each add_*_command registers one subcommand, its options and
// --help text on the app; when the subcommand runs it stores its process exit code (see
// checker/verdict.h) in `exit_code`. The work itself lives in the libraries: these functions
// only translate options into library calls and results into output and an exit code.
#pragma once

#include <CLI/CLI.hpp>

namespace faultline::cli {

void add_check_command(CLI::App& app, int& exit_code);
void add_report_command(CLI::App& app, int& exit_code);
void add_run_command(CLI::App& app, int& exit_code);
void add_cluster_command(CLI::App& app, int& exit_code);

}  // namespace faultline::cli
