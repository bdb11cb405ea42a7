// read_bench: how fast history/ reads a 1M-op JSONL history, against a plain nlohmann per-line
// DOM parse of the same file, in the same run.
//
// Usage: read_bench [--ops N] [--runs R] [--file PATH]
// Writes a register/kv-like history (keys, cas pairs, null read invokes, some errors, nemesis
// events) with JsonlWriter's line format to PATH (default build/read_bench.jsonl, relative to the
// working directory), then prints the median MB/s of R runs (at least 5) for each reader.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "history/jsonl_writer.h"
#include "history/read.h"

namespace {

using faultline::history::Op;
using faultline::history::OpType;

struct BenchOptions {
  std::size_t ops = 1'000'000;
  int runs = 7;
  std::string file = "build/read_bench.jsonl";
};

// A history of 100 processes on 1000 keys: reads (invoked with null), writes and cas, with
// timeouts (info) and cas failures, and a nemesis event every 5000 ops.
std::size_t write_history(const BenchOptions& options) {
  std::mt19937_64 rng(2024);
  std::ofstream out(options.file, std::ios::binary | std::ios::trunc);
  std::string line;
  std::int64_t time = 0;
  std::size_t index = 0;
  std::vector<Op> pending(100);
  for (std::size_t p = 0; p < pending.size(); ++p) pending[p].process = -2;  // idle
  while (index < options.ops) {
    Op op;
    op.index = static_cast<std::int64_t>(index);
    time += 1000 + static_cast<std::int64_t>(rng() % 50000);
    op.time = time;
    if (index % 5000 == 4999) {
      op.process = faultline::history::kNemesisProcess;
      op.type = OpType::kInfo;
      op.f = (index / 5000) % 2 ? "stop-partition" : "start-partition";
      op.value = nlohmann::json::array({"n1", "n2", "n3"});
    } else {
      const std::size_t p = rng() % pending.size();
      Op& invoke = pending[p];
      if (invoke.process == -2) {
        op.process = static_cast<std::int64_t>(p + 100 * (rng() % 20));
        op.type = OpType::kInvoke;
        op.key = "key-" + std::to_string(rng() % 1000);
        switch (rng() % 3) {
          case 0: op.f = "read"; op.value = nullptr; break;
          case 1: op.f = "write"; op.value = static_cast<std::int64_t>(rng() % 100000); break;
          default:
            op.f = "cas";
            op.value = nlohmann::json::array({rng() % 100000, rng() % 100000});
        }
        invoke = op;
      } else {
        op.process = invoke.process;
        op.f = invoke.f;
        op.key = invoke.key;
        op.value = invoke.value;
        const auto r = rng() % 100;
        op.type = r < 85 ? OpType::kOk : r < 95 ? OpType::kFail : OpType::kInfo;
        if (op.f == "read" && op.type == OpType::kOk) {
          op.value = static_cast<std::int64_t>(rng() % 100000);
        }
        if (op.type == OpType::kFail) op.error = op.f == "cas" ? "cas-mismatch" : "not-leader";
        if (op.type == OpType::kInfo) op.error = "timeout: context deadline exceeded";
        invoke.process = -2;
      }
    }
    line = faultline::history::to_jsonl(op);
    line += '\n';
    out << line;
    ++index;
  }
  out.flush();
  return static_cast<std::size_t>(out.tellp());
}

double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + ts.tv_nsec / 1e9;
}

struct Rate {
  double wall_mbps;  // bytes over elapsed time
  double cpu_mbps;   // bytes over CPU time of all threads: steadier on a loaded machine
};

// Median of the runs. Times the read only: the ops are freed after the clock stops.
template <typename F>
Rate median_rate(const BenchOptions& options, std::size_t bytes, F&& read) {
  std::vector<double> wall, cpu;
  for (int i = 0; i < options.runs; ++i) {
    const double cpu_start = cpu_seconds();
    const auto start = std::chrono::steady_clock::now();
    std::vector<Op> ops = read();
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    const double cpu_took = cpu_seconds() - cpu_start;
    if (ops.size() != options.ops) {
      std::fprintf(stderr, "read_bench: read %zu ops, expected %zu\n", ops.size(), options.ops);
      std::exit(1);
    }
    wall.push_back(static_cast<double>(bytes) / 1e6 / took.count());
    cpu.push_back(static_cast<double>(bytes) / 1e6 / cpu_took);
  }
  std::sort(wall.begin(), wall.end());
  std::sort(cpu.begin(), cpu.end());
  return Rate{wall[wall.size() / 2], cpu[cpu.size() / 2]};
}

std::vector<Op> read_with(const BenchOptions& options, unsigned threads) {
  faultline::history::ReadOptions read;
  read.threads = threads;
  return std::move(faultline::history::read_history(options.file, read).ops);
}

// The baseline: std::getline and nlohmann::json::parse per line, fields copied into an Op.
std::vector<Op> read_with_nlohmann(const BenchOptions& options) {
  std::ifstream in(options.file, std::ios::binary);
  std::vector<Op> ops;
  std::string line;
  while (std::getline(in, line)) {
    const nlohmann::json j = nlohmann::json::parse(line);
    Op& op = ops.emplace_back();
    op.index = j.at("index").get<std::int64_t>();
    op.type = *faultline::history::parse_op_type(j.at("type").get<std::string>());
    const auto& process = j.at("process");
    op.process = process.is_string() ? faultline::history::kNemesisProcess : process.get<std::int64_t>();
    op.f = j.at("f").get<std::string>();
    if (const auto it = j.find("time"); it != j.end()) op.time = it->get<std::int64_t>();
    if (const auto it = j.find("key"); it != j.end()) op.key = *it;
    if (const auto it = j.find("value"); it != j.end()) op.value = *it;
    if (const auto it = j.find("error"); it != j.end()) op.error = it->get<std::string>();
  }
  return ops;
}

BenchOptions parse_args(int argc, char** argv) {
  BenchOptions options;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--ops") == 0) options.ops = std::stoull(argv[i + 1]);
    else if (std::strcmp(argv[i], "--runs") == 0) options.runs = std::max(5, std::stoi(argv[i + 1]));
    else if (std::strcmp(argv[i], "--file") == 0) options.file = argv[i + 1];
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  const BenchOptions options = parse_args(argc, argv);
  const std::size_t bytes = write_history(options);
  std::printf("history: %zu ops, %.1f MB, %.0f bytes/op, file %s\n", options.ops, bytes / 1e6,
              static_cast<double>(bytes) / options.ops, options.file.c_str());
  read_with(options, 1);  // warm the page cache
  const Rate one = median_rate(options, bytes, [&] { return read_with(options, 1); });
  const Rate two = median_rate(options, bytes, [&] { return read_with(options, 2); });
  const Rate dom = median_rate(options, bytes, [&] { return read_with_nlohmann(options); });
  std::printf("median of %d runs; MB/s of wall time and of CPU time (all threads)\n", options.runs);
  std::printf("| reader                           | wall MB/s | s per file | CPU MB/s | wall vs nlohmann |\n");
  std::printf("|----------------------------------|-----------|------------|----------|------------------|\n");
  const auto row = [&](const char* name, const Rate& r) {
    std::printf("| %-32s | %9.0f | %10.3f | %8.0f | %15.1fx |\n", name, r.wall_mbps,
                bytes / 1e6 / r.wall_mbps, r.cpu_mbps, r.wall_mbps / dom.wall_mbps);
  };
  row("read_history, 1 thread", one);
  row("read_history, 2 threads", two);
  row("nlohmann DOM per line (baseline)", dom);
  return 0;
}
