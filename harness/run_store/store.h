// The store: where a run's files live (DESIGN.md). One directory per run,
//   <base>/<test-name>/<timestamp>/   history.jsonl, test.json, results.json, report.html,
//                                     faultline.log, and <node>/ with that node's logs,
// and <base>/latest, a symlink to the newest run (relative, so the store can be moved).
// Timestamps are UTC, "20260102T030405.678Z"; a clash within the same millisecond gets a
// suffix "-1", "-2", ...
//
// Invariants: a RunStore's directory exists once it is created; the latest link is replaced
// atomically (a new link is renamed over it).
// Thread-safety: the path accessors are const and safe to call from any thread.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace faultline::harness {

struct StoreOptions {
  std::string base_dir = "store";
  std::string test_name = "test";
};

class RunStore {
 public:
  // Creates the run directory and one folder per node, and points latest at it. Throws
  // std::filesystem::filesystem_error or std::invalid_argument (bad test name).
  static RunStore create(const StoreOptions& options, const std::vector<std::string>& nodes,
                         std::chrono::system_clock::time_point now =
                             std::chrono::system_clock::now());

  const std::string& dir() const { return dir_; }
  std::string history_path() const { return dir_ + "/history.jsonl"; }
  std::string test_path() const { return dir_ + "/test.json"; }
  std::string results_path() const { return dir_ + "/results.json"; }
  std::string report_path() const { return dir_ + "/report.html"; }
  std::string log_path() const { return dir_ + "/faultline.log"; }
  std::string node_dir(const std::string& node) const { return dir_ + "/" + node; }

 private:
  explicit RunStore(std::string dir) : dir_(std::move(dir)) {}
  std::string dir_;
};

// "20260102T030405.678Z"
std::string store_timestamp(std::chrono::system_clock::time_point t);

// Writes `text` to `path` through a temporary file and a rename, so readers never see half.
void write_file_atomically(const std::string& path, const std::string& text);

}  // namespace faultline::harness
