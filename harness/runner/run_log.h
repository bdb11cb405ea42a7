// faultline.log: a run's own log, one timestamped line per event (phases, setup, faults,
// errors), also echoed to a stream (stderr) when one is given.
// Thread-safety: line() may be called from any thread.
#pragma once

#include <fstream>
#include <mutex>
#include <ostream>
#include <string>

namespace faultline::harness {

class RunLog {
 public:
  RunLog(const std::string& path, std::ostream* echo);
  void line(const std::string& text);

 private:
  std::mutex mutex_;
  std::ofstream out_;
  std::ostream* echo_;
};

}  // namespace faultline::harness
