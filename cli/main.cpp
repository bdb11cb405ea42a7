// faultline: a Jepsen-style test harness and linearizability checker. This file only wires
// the subcommands together; see cli/commands.h.
#include <csignal>
#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>

#include "checker/verdict.h"
#include "cli/commands.h"

int main(int argc, char** argv) {
  using namespace faultline;
  // A closed stdout or stderr (`faultline run ... | head`) must not end the process mid-run,
  // with the nemesis's faults still in place: writes to it fail instead, and the run goes on to
  // heal, write its files and check. Sockets and pipes to children fail the same way.
  std::signal(SIGPIPE, SIG_IGN);
  CLI::App app{
      "faultline: test a database under faults and check its history for linearizability and "
      "lost writes.\n"
      "Exit codes: 0 valid, 1 invalid, 2 unknown, 254 bad arguments or input, 255 internal "
      "error."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "faultline 0.1.0");

  int exit_code = checker::kExitInternal;
  cli::add_check_command(app, exit_code);
  cli::add_report_command(app, exit_code);
  cli::add_run_command(app, exit_code);
  cli::add_cluster_command(app, exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);  // --help, --version
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return checker::kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "faultline: internal error: " << e.what() << "\n";
    return checker::kExitInternal;
  }
  return exit_code;
}
