// check_bench: the linearizability checker's speed and memory (docs/perf.md, "Checking").
//   1. every corpus history: check() only (parse excluded), median of many repetitions, against
//      porcupine's time from verdicts.tsv; peak RSS of a child process per row;
//   2. a 1M-op cas-register history from faultline-sim (1000 keys, 20 processes, 2% info):
//      `faultline check` end to end as a fresh process, and check() alone on 1 and 2 threads.
//   The check()-only time leaves out rendering the result's JSON (checker/check_result.h builds it
//   on first use); the with_json column times check() and json() together, with its own speedup.
//   --calls N instead runs check() N times on each corpus row and times nothing: for counting
//   instructions per call with callgrind (--toggle-collect='faultline::checker::check(*'), where
//   the difference between N and 1 calls leaves out the one-off cost of the first call (TBB's
//   start-up). --threads N sets the check's threads there (default 2, as in the timed rows; 1
//   keeps a parallel row's count free of the instructions of TBB's workers waiting).
//   3. limits: the adversarial history of testing/adversarial_history.h checked by the real binary
//      with --time-limit 1 (5 runs: median and max wall time, exit codes, peak RSS), and once with
//      no time limit under --memory-limit 1G (time to unknown, peak RSS).
// Usage: check_bench [CORPUS_DIR] [--big-only | --corpus-only | --limits-only] [--only SUBSTRING]
//                    [--ops N] [--calls N [--threads N]]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "checker/check.h"
#include "history/pairing.h"
#include "history/read.h"
#include "testing/adversarial_history.h"
#include "testing/corpus_index.h"

namespace {

using namespace faultline;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

double peak_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

// Runs f in a child process so that its peak RSS is its own.
template <class F>
void in_child(F f) {
  std::fflush(stdout);
  const pid_t pid = fork();
  if (pid == 0) {
    f();
    std::fflush(stdout);
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
}

// Median time of one f() in ms. Each sample times a batch of calls that lasts at least 20 us, so
// that reading the clock (about 20 ns) does not inflate sub-microsecond checks; samples are taken
// for at least 200 ms (and at least 5 of them).
template <class F>
double time_median(F f) {
  double once = 1e300;  // the fastest of three warm-up calls sizes the batches
  auto t = Clock::now();
  for (int i = 0; i < 3; ++i, t = Clock::now()) {
    f();
    once = std::min(once, ms_since(t));
  }
  const int batch = once >= 0.02 ? 1 : static_cast<int>(std::min(10000.0, 0.02 / std::max(once, 1e-6)));
  std::vector<double> times;
  const auto start = Clock::now();
  while (times.size() < 5 || (ms_since(start) < 200 && times.size() < 20000)) {
    t = Clock::now();
    for (int i = 0; i < batch; ++i) f();
    times.push_back(ms_since(t) / batch);
  }
  return median(times);
}

void corpus(const std::filesystem::path& dir, const std::string& only) {
  const auto rows = testing::read_corpus_index(dir / "verdicts.tsv");
  if (rows.empty()) {
    std::printf("corpus not found at %s\n", dir.c_str());
    return;
  }
  std::printf("%-55s %6s %9s %9s %9s %7s %9s %7s %8s\n", "history", "ops", "verdict", "porc_ms",
              "ours_ms", "speedup", "with_json", "speedup", "peak_MB");
  for (const testing::CorpusRow& row : rows) {
    if (row.path.find(only) == std::string::npos) continue;
    auto options = testing::corpus_options(row.model);
    if (!options) {
      std::printf("%-55s unknown model column \"%s\"\n", row.path.c_str(), row.model.c_str());
      continue;
    }
    options->threads = 2;
    in_child([&] {
      const auto h = history::read_history((dir / row.path).string());
      const auto operations = history::pair_operations(h);
      auto result = checker::check(h, operations, *options);
      const double ours = time_median([&] { result = checker::check(h, operations, *options); });
      const double with_json = time_median([&] {
        result = checker::check(h, operations, *options);
        result.json();
      });
      const double porc = std::stod(row.porcupine_ms);
      std::printf("%-55s %6zu %9s %9.3f %9.5f %6.0fx %9.5f %6.0fx %8.1f\n", row.path.c_str(),
                  operations.size(), std::string(checker::to_string(result.verdict)).c_str(),
                  porc, ours, porc / ours, with_json, porc / with_json, peak_mb());
    });
  }
}

// check() `calls` times on every row, untimed, in this process (see --calls above).
void corpus_calls(const std::filesystem::path& dir, const std::string& only, int calls,
                  unsigned threads) {
  for (const testing::CorpusRow& row : testing::read_corpus_index(dir / "verdicts.tsv")) {
    if (row.path.find(only) == std::string::npos) continue;
    auto options = testing::corpus_options(row.model);
    if (!options) continue;
    options->threads = threads;
    const auto h = history::read_history((dir / row.path).string());
    const auto operations = history::pair_operations(h);
    checker::CheckResult result;
    for (int i = 0; i < calls; ++i) result = checker::check(h, operations, *options);
    std::printf("%-55s %6zu %9s %d calls\n", row.path.c_str(), operations.size(),
                std::string(checker::to_string(result.verdict)).c_str(), calls);
  }
}

// Runs argv to completion with stdout and stderr to /dev/null; its wall time in ms, its peak RSS
// in MB and its exit status.
struct Run {
  double ms = 0;
  double peak_mb = 0;
  int status = -1;
};
Run run_program(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::fflush(stdout);
  const auto t = Clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    std::freopen("/dev/null", "w", stdout);
    std::freopen("/dev/null", "w", stderr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  Run r;
  rusage u{};
  wait4(pid, &r.status, 0, &u);
  r.ms = ms_since(t);
  r.peak_mb = static_cast<double>(u.ru_maxrss) / 1024.0;
  r.status = WIFEXITED(r.status) ? WEXITSTATUS(r.status) : -1;
  return r;
}

// The 1M-op target of docs/perf.md: a faultline-sim history, checked by the real binary (a fresh
// process: read, pair, check and exit), then check() alone in-process on 1 and 2 threads.
void big(std::uint64_t ops) {
  const std::string path =
      (std::filesystem::temp_directory_path() / "faultline-check-bench.jsonl").string();
  const std::vector<std::string> sim = {FAULTLINE_SIM_BINARY, "--workload", "cas-register",
                                        "--ops", std::to_string(ops), "--keys", "1000",
                                        "--processes", "20", "--info-rate", "0.02", "--seed", "1",
                                        "-o", path};
  if (run_program(sim).status != 0) {
    std::printf("faultline-sim failed\n");
    return;
  }
  std::printf("\n1M: faultline-sim --workload cas-register --ops %llu --keys 1000 --processes 20 "
              "--info-rate 0.02 --seed 1\n",
              static_cast<unsigned long long>(ops));
  std::vector<double> e2e;
  Run last;
  for (int r = 0; r < 5; ++r) {
    last = run_program({FAULTLINE_BINARY, "check", "--model", "cas-register", path});
    e2e.push_back(last.ms);
  }
  std::printf("end to end, faultline check (read + pair + check + exit, default threads): %.1f ms "
              "median of 5 (min %.1f), exit %d, peak %.0f MB\n",
              median(e2e), *std::min_element(e2e.begin(), e2e.end()), last.status, last.peak_mb);
  in_child([&] {
    // The phases of the end to end, once each in this process: what the history's read, its
    // pairing and its free (which `faultline check` leaves to the process exit) cost.
    history::ReadOptions ro;
    ro.threads = 2;
    auto start = Clock::now();
    auto owned = std::make_unique<history::History>(history::read_history(path, ro));
    const double read_ms = ms_since(start);
    const history::History& h = *owned;
    start = Clock::now();
    const auto operations = history::pair_operations(h);
    const double pair_ms = ms_since(start);
    // 1 and 2 threads alternate, so that both see the same moments of a shared machine; the
    // scaling is the median of each pair's ratio.
    constexpr int kPairs = 15;
    std::vector<double> times[3], ratios;
    checker::CheckResult result;
    for (int r = 0; r < kPairs; ++r) {
      double pair[3] = {0, 0, 0};
      for (unsigned threads : {1u, 2u}) {
        checker::CheckOptions o;
        o.threads = threads;
        const auto t = Clock::now();
        result = checker::check(h, operations, o);
        pair[threads] = ms_since(t);
        times[threads].push_back(pair[threads]);
      }
      ratios.push_back(pair[1] / pair[2]);
    }
    for (unsigned threads : {1u, 2u}) {
      std::printf("check only, %u thread%s: %.1f ms median of %d (min %.1f), verdict %s\n", threads,
                  threads == 1 ? "" : "s", median(times[threads]), kPairs,
                  *std::min_element(times[threads].begin(), times[threads].end()),
                  std::string(checker::to_string(result.verdict)).c_str());
    }
    std::printf("scaling 1 -> 2 threads: %.2fx (median of %d alternating pairs; %.2fx to %.2fx)\n",
                median(ratios), kPairs, *std::min_element(ratios.begin(), ratios.end()),
                *std::max_element(ratios.begin(), ratios.end()));
    start = Clock::now();
    owned.reset();
    const double free_ms = ms_since(start);
    std::printf("phases in process, once: read %.1f ms (2 threads), pair %.1f ms, free %.1f ms\n",
                read_ms, pair_ms, free_ms);
  });
  std::filesystem::remove(path);
}

// The unknown_reason of the first checker in a results document, or "?".
std::string unknown_reason(const std::filesystem::path& results) {
  std::ifstream in(results);
  const auto doc = nlohmann::json::parse(in, nullptr, false);
  if (doc.is_discarded() || !doc.contains("checkers")) return "?";
  const auto& reason = doc["checkers"][0]["unknown_reason"];
  return reason.is_string() ? reason.get<std::string>() : "none";
}

// The limits of docs/perf.md: how long `--time-limit 1` takes to give unknown on a history whose
// search explodes, and how long the default search takes to reach a memory cap, and how much
// memory it really holds then.
void limits() {
  const auto tmp = std::filesystem::temp_directory_path();
  const std::string path = (tmp / "faultline-check-bench-adversarial.jsonl").string();
  const std::string results = (tmp / "faultline-check-bench-adversarial.json").string();
  const auto h = testing::adversarial_history();
  if (!testing::write_jsonl(h, path)) {
    std::printf("cannot write %s\n", path.c_str());
    return;
  }
  std::printf("\nlimits: testing/adversarial_history.h (%d concurrent writes, an impossible read; "
              "%zu history lines), faultline check --model register\n",
              testing::kAdversarialWrites, h.ops.size());
  std::vector<double> times;
  std::string exits;
  double peak = 0;
  for (int r = 0; r < 5; ++r) {
    const Run run = run_program({FAULTLINE_BINARY, "check", "--model", "register", "--time-limit",
                                 "1", path, "--json", results});
    times.push_back(run.ms);
    exits += (r == 0 ? "" : " ") + std::to_string(run.status);
    peak = std::max(peak, run.peak_mb);
  }
  std::printf("--time-limit 1: %.1f ms median of 5 (max %.1f), exit %s, unknown_reason %s, peak "
              "%.0f MB\n",
              median(times), *std::max_element(times.begin(), times.end()), exits.c_str(),
              unknown_reason(results).c_str(), peak);
  const Run run = run_program({FAULTLINE_BINARY, "check", "--model", "register", "--memory-limit",
                               "1G", path, "--json", results});
  std::printf("--memory-limit 1G, no time limit: %.1f ms to unknown, exit %d, unknown_reason %s, "
              "peak %.0f MB\n",
              run.ms, run.status, unknown_reason(results).c_str(), run.peak_mb);
  std::filesystem::remove(path);
  std::filesystem::remove(results);
}

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path dir = FAULTLINE_CORPUS_DIR;
  bool do_corpus = true, do_big = true, do_limits = true;
  std::uint64_t ops = 1'000'000;
  std::string only;
  int calls = 0;
  unsigned threads = 2;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--big-only") == 0) do_corpus = do_limits = false;
    else if (std::strcmp(argv[i], "--corpus-only") == 0) do_big = do_limits = false;
    else if (std::strcmp(argv[i], "--limits-only") == 0) do_corpus = do_big = false;
    else if (std::strcmp(argv[i], "--only") == 0 && i + 1 < argc) only = argv[++i];
    else if (std::strcmp(argv[i], "--ops") == 0 && i + 1 < argc) ops = std::stoull(argv[++i]);
    else if (std::strcmp(argv[i], "--calls") == 0 && i + 1 < argc) calls = std::stoi(argv[++i]);
    else if (std::strcmp(argv[i], "--threads") == 0 && i + 1 < argc) threads = std::stoul(argv[++i]);
    else if (argv[i][0] != '-') dir = argv[i];
    else {
      std::fprintf(stderr,
                   "usage: check_bench [CORPUS_DIR] [--big-only | --corpus-only | --limits-only] "
                   "[--only SUBSTRING] [--ops N] [--calls N [--threads N]]\n");
      return 2;
    }
  }
  if (calls > 0) {
    corpus_calls(dir, only, calls, threads);
    return 0;
  }
  if (do_corpus) corpus(dir, only);
  if (do_big) big(ops);
  if (do_limits) limits();
  return 0;
}
