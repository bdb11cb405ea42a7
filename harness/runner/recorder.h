// The recorder appends a run's ops to history.jsonl as they happen (history/jsonl_writer.h:
// one write per op, so a crash loses at most the op in flight). It is the history's single
// writer: it stamps each op with the next index and the current monotonic time under one lock,
// so file order, index order and time order agree. It also keeps the live counts the progress
// line shows and the faults currently in force.
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>

#include "harness/generator/generator.h"
#include "history/jsonl_writer.h"
#include "history/op.h"

namespace faultline::harness {

struct OpCounts {
  std::uint64_t invoke = 0, ok = 0, fail = 0, info = 0;  // client ops only
};

class Recorder {
 public:
  // Creates (truncates) the history file; time 0 is now.
  explicit Recorder(const std::string& history_path, Clock::time_point start = Clock::now());

  Clock::time_point start() const { return start_; }
  // Nanoseconds since start.
  std::int64_t now() const;

  // Sets op.index and op.time, appends it, and returns the time stamped.
  std::int64_t record(history::Op op);

  OpCounts counts() const;
  void set_faults(std::string faults);
  std::string faults() const;

 private:
  Clock::time_point start_;
  history::JsonlWriter writer_;
  std::mutex mutex_;
  std::int64_t next_index_ = 0;
  std::atomic<std::uint64_t> invoke_{0}, ok_{0}, fail_{0}, info_{0};
  mutable std::mutex faults_mutex_;
  std::string faults_;
};

}  // namespace faultline::harness
