// Harness overhead: the runner with the built-in no-op client (no network, no nemesis), so
// every microsecond measured is the harness's own: generator, recorder lock, JSONL encoding,
// one write() per history line. Prints ops/s (an op = invoke + completion, two lines), the
// harness's wall time per op (1 / ops/s: what the whole harness spends on one op, all cores
// together) and the latency it adds between an op's invoke and its completion.
// Usage: harness_bench [workers=10] [seconds=5] [history path=/tmp/faultline-harness-bench.jsonl]
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "clients/noop_client.h"
#include "harness/runner/runner.h"
#include "harness/workload/workload.h"

using namespace faultline;

int main(int argc, char** argv) {
  unsigned workers = argc > 1 ? std::atoi(argv[1]) : 10;
  double seconds = argc > 2 ? std::atof(argv[2]) : 5;
  std::string path = argc > 3 ? argv[3] : "/tmp/faultline-harness-bench.jsonl";

  auto workload = harness::make_workload("register", {.concurrency = workers});
  clients::NoopClientFactory clients;
  harness::RunnerOptions o;
  o.generator.concurrency = workers;
  o.generator.rate = 0;  // as fast as the harness goes
  o.generator.time_limit = std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
  o.generator.quiet_period = std::chrono::milliseconds(0);
  o.final_reads = false;
  harness::RunStats stats;
  {
    harness::Recorder recorder(path);
    stats = harness::run(*workload, clients, recorder, o);
  }
  double ops = static_cast<double>(stats.counts.ok + stats.counts.fail + stats.counts.info);
  double ops_per_s = ops / stats.main_seconds;
  double overhead_us = 1e6 / ops_per_s;
  auto bytes = std::filesystem::file_size(path);
  std::printf("workers %u, %.1f s: %.0f ops, %.0f ops/s, %.2f us wall per op, "
              "added latency p50 %.2f us p99 %.2f us, history %.1f MB\n",
              workers, stats.main_seconds, ops, ops_per_s, overhead_us, stats.p50_ms * 1e3,
              stats.p99_ms * 1e3, bytes / 1e6);
  std::filesystem::remove(path);
  return 0;
}
