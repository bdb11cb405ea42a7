#include "harness/runner/recorder.h"

#include <filesystem>
#include <fstream>

namespace faultline::harness {
namespace {

const std::string& truncated(const std::string& path) {
  std::ofstream(path, std::ios::trunc);
  return path;
}

}  // namespace

Recorder::Recorder(const std::string& history_path, Clock::time_point start)
    : start_(start), writer_(truncated(history_path)) {}

std::int64_t Recorder::now() const {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start_).count();
}

std::int64_t Recorder::record(history::Op op) {
  if (!op.is_nemesis()) {
    switch (op.type) {
      case history::OpType::kInvoke: invoke_.fetch_add(1, std::memory_order_relaxed); break;
      case history::OpType::kOk: ok_.fetch_add(1, std::memory_order_relaxed); break;
      case history::OpType::kFail: fail_.fetch_add(1, std::memory_order_relaxed); break;
      case history::OpType::kInfo: info_.fetch_add(1, std::memory_order_relaxed); break;
    }
  }
  std::lock_guard lock(mutex_);
  op.index = next_index_++;
  op.time = now();
  writer_.append(op);
  return op.time;
}

OpCounts Recorder::counts() const {
  return {invoke_.load(std::memory_order_relaxed), ok_.load(std::memory_order_relaxed),
          fail_.load(std::memory_order_relaxed), info_.load(std::memory_order_relaxed)};
}

void Recorder::set_faults(std::string faults) {
  std::lock_guard lock(faults_mutex_);
  faults_ = std::move(faults);
}

std::string Recorder::faults() const {
  std::lock_guard lock(faults_mutex_);
  return faults_;
}

}  // namespace faultline::harness
