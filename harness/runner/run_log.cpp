#include "harness/runner/run_log.h"

#include <chrono>

#include "harness/run_store/store.h"

namespace faultline::harness {

RunLog::RunLog(const std::string& path, std::ostream* echo) : out_(path, std::ios::app), echo_(echo) {}

void RunLog::line(const std::string& text) {
  std::string stamped = store_timestamp(std::chrono::system_clock::now()) + " " + text;
  std::lock_guard lock(mutex_);
  out_ << stamped << std::endl;
  if (echo_ != nullptr) *echo_ << "faultline: " << text << std::endl;
}

}  // namespace faultline::harness
