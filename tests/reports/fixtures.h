// Hand-built histories and results documents for the reports tests, including hostile strings
// that every output context must escape.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "history/history.h"

namespace faultline::reports::testing {

inline const std::string kScript = "</script><script>alert(1)</script>";
inline const std::string kHostile =
    kScript + " \"dq\" 'sq' &amp; ]]> <!-- \xE2\x80\xA8 \xE2\x80\xA9 |pipe| `tick`";
// Not UTF-8: a lone continuation byte, a truncated sequence, an overlong '/'.
inline const std::string kBadUtf8 = std::string("bad\x80utf\xE2\x82") + "\xC0\xAF" + "end";

inline history::Op make_op(int64_t index, int64_t time, history::OpType type, int64_t process,
                           std::string f, nlohmann::json value = nullptr,
                           nlohmann::json key = nullptr) {
  history::Op op;
  op.index = index;
  op.time = time;
  op.type = type;
  op.process = process;
  op.f = std::move(f);
  op.value = std::move(value);
  op.key = std::move(key);
  return op;
}

// A cas-register history with a partition, a read that cannot be linearized and hostile keys.
inline history::History invalid_history() {
  using history::OpType;
  history::History h;
  h.path = "fixtures/" + kScript + ".jsonl";
  auto add = [&](int64_t time, OpType type, int64_t process, std::string f,
                 nlohmann::json value = nullptr, nlohmann::json key = nullptr) {
    h.ops.push_back(make_op(static_cast<int64_t>(h.ops.size()), time, type, process,
                            std::move(f), std::move(value), std::move(key)));
  };
  add(0, OpType::kInvoke, 0, "write", 1, kHostile);                       // 0
  add(10, OpType::kInvoke, history::kNemesisProcess, "start-partition", kHostile);  // 1
  add(20, OpType::kInfo, history::kNemesisProcess, "start-partition", kHostile);    // 2
  add(1000000, OpType::kOk, 0, "write", 1, kHostile);                     // 3
  add(1100000, OpType::kInvoke, 1, "read", nullptr, kHostile);            // 4
  add(1200000, OpType::kInvoke, 0, "cas", {1, 2}, kHostile);              // 5
  add(2200000, OpType::kOk, 1, "read", 2, kHostile);                      // 6
  add(2300000, OpType::kInfo, 0, "cas", {1, 2}, kHostile);                // 7
  h.ops.back().error = kHostile;
  add(3000000, OpType::kInvoke, history::kNemesisProcess, "stop-partition");  // 8
  add(3000100, OpType::kInfo, history::kNemesisProcess, "stop-partition");    // 9
  add(3100000, OpType::kInvoke, 2, "read", nullptr, kHostile);            // 10
  add(3500000, OpType::kOk, 2, "read", 3, kHostile);                      // 11
  return h;
}

inline nlohmann::json invalid_results() {
  return nlohmann::json::parse(R"({
    "faultline_version": "0.1.0", "history": "h.jsonl", "ops": 12, "verdict": "invalid",
    "checkers": [
      { "checker": "linearizable", "model": "cas-register", "verdict": "invalid",
        "elapsed_ms": 1.5, "partitions": {"total": 1, "valid": 0, "invalid": 1, "unknown": 0},
        "unknown_reason": null,
        "failures": [ { "key": null, "longest_prefix": [0, 5], "failed_op": 10,
                        "concurrent": [10], "states": [2], "message": null } ] },
      { "checker": "set-full", "verdict": "valid",
        "counts": {"stable": 1, "lost": 1, "never-read": 0, "stale": 0, "unexpected": 0,
                   "duplicated": 0},
        "elements": [ {"element": 5, "outcome": "lost", "add_invoke": 0, "add_time": 0,
                       "known_time": 1000000, "stable_latency_ns": null,
                       "lost_latency_ns": 789} ] } ] })");
}

// invalid_results() with hostile strings in every free-text field.
inline nlohmann::json hostile_results() {
  auto r = invalid_results();
  auto& f = r["checkers"][0]["failures"][0];
  f["key"] = kHostile;
  f["message"] = kHostile;
  f["states"] = nlohmann::json::array({kHostile, {{"x", kHostile}}});
  r["checkers"][0]["model"] = kHostile;
  r["checkers"][1]["elements"][0]["element"] = kHostile;
  return r;
}

inline nlohmann::json hostile_test() {
  return {{"seed", 424242}, {"db", kHostile}, {"workload", "cas-register"},
          {"command", "faultline run --seed 424242 --db '" + kHostile + "'"}};
}

}  // namespace faultline::reports::testing
