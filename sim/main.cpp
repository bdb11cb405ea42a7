// faultline-sim: writes a simulated history as JSONL (see sim/simulate.h). A thin shell: parses
// arguments, streams simulate() into a buffered file.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <stdexcept>

#include <CLI/CLI.hpp>

#include "history/jsonl_writer.h"
#include "sim/simulate.h"

int main(int argc, char** argv) {
  faultline::sim::SimOptions o;
  std::string out = "-";
  CLI::App app{"Simulates a linearizable service (optionally with a planted bug) and writes its history as JSONL."};
  app.add_option("--workload", o.workload, "register | cas-register | kv | set | counter")->capture_default_str();
  app.add_option("--seed", o.seed, "random seed; the same options give the same history")->capture_default_str();
  app.add_option("--ops", o.ops, "operations to issue (each is an invoke and a completion)")->capture_default_str();
  app.add_option("--keys", o.keys, "keys; ops carry a key when above 1")->capture_default_str();
  app.add_option("--processes", o.processes, "concurrent processes")->capture_default_str();
  app.add_option("--info-rate", o.info_rate, "share of ops that complete as info")->capture_default_str();
  app.add_option("--fail-rate", o.fail_rate, "share of ops that complete as fail")->capture_default_str();
  app.add_option("--bug", o.bug, "none | stale-read | lost-write | duplicate | phantom")->capture_default_str();
  app.add_option("--bug-rate", o.bug_rate, "share of eligible ops that show the bug")->capture_default_str();
  app.add_option("-o,--output", out, "output file, - for stdout")->capture_default_str();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 254;
  }

  try {
    std::ofstream file;
    if (out != "-") {
      file.open(out, std::ios::binary | std::ios::trunc);
      if (!file) throw std::runtime_error("cannot open " + out + " for writing");
    }
    std::ostream& stream = out == "-" ? std::cout : file;
    std::string line;
    faultline::sim::simulate(o, [&](const faultline::history::Op& op) {
      line = faultline::history::to_jsonl(op);
      line += '\n';
      stream.write(line.data(), static_cast<std::streamsize>(line.size()));
    });
    stream.flush();
    if (!stream) throw std::runtime_error("write failed: " + out);
  } catch (const std::invalid_argument& e) {
    std::cerr << "faultline-sim: " << e.what() << '\n';
    return 254;
  } catch (const std::exception& e) {
    std::cerr << "faultline-sim: " << e.what() << '\n';
    return 255;
  }
  return 0;
}
