// The adversarial history of the checker's limits: 40 concurrent writes of distinct values, a
// read invoked after them that completes only after all of them with a value nobody wrote, and
// in between each writer reading its own value once all writes are done. No order explains it,
// and the WGL search must meet every order of every subset of the writes before it can say so:
// about 2^40 configurations, so a check of it ends only at its time or memory limit.
// tests/checker/limits_test.cpp checks it in memory, tests/checker/check_cli_test.cpp and
// check_bench's limits section with the real binary, from the file write_jsonl() makes.
// Thread-safety: pure functions.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "history/history.h"
#include "history/jsonl_writer.h"
#include "history/op.h"

namespace faultline::testing {

inline constexpr int kAdversarialWrites = 40;
inline constexpr int kAdversarialRead = 1000;  // the value the last read returns: nobody wrote it

// The history in memory, ops in order with index == position and time == position (ns); checked
// with the "register" model.
inline history::History adversarial_history() {
  history::History h;
  auto add = [&](history::OpType type, int process, const char* f, nlohmann::json value) {
    history::Op op;
    op.index = static_cast<std::int64_t>(h.ops.size());
    op.time = op.index;
    op.type = type;
    op.process = process;
    op.f = f;
    op.value = std::move(value);
    h.ops.push_back(std::move(op));
  };
  using history::OpType;
  const int n = kAdversarialWrites;
  for (int p = 0; p < n; ++p) add(OpType::kInvoke, p, "write", p + 1);
  add(OpType::kInvoke, n, "read", nullptr);
  for (int p = 0; p < n; ++p) add(OpType::kOk, p, "write", p + 1);
  for (int p = 0; p < n; ++p) {
    add(OpType::kInvoke, p, "read", nullptr);
    add(OpType::kOk, p, "read", p + 1);
  }
  add(OpType::kOk, n, "read", kAdversarialRead);
  return h;
}

// Writes `h` to `path` as faultline's JSONL; false when the file cannot be written.
inline bool write_jsonl(const history::History& h, const std::filesystem::path& path) {
  std::ofstream out(path);
  for (const history::Op& op : h.ops) out << history::to_jsonl(op) << '\n';
  return static_cast<bool>(out.flush());
}

}  // namespace faultline::testing
