// Joining a named network namespace (one created by `ip netns add`, under /run/netns) from the
// calling thread, and leaving it again. Linux network namespaces are per thread: setns affects
// only the calling thread, and threads it creates later inherit it.
// Thread-safety: NetnsScope must be destroyed on the thread that created it.
#pragma once

#include <string>

namespace faultline::harness {

// Moves the calling thread into /run/netns/<name> for good. Throws std::system_error.
void enter_netns(const std::string& name);

// Enters on construction, returns to the thread's previous namespace on destruction.
class NetnsScope {
 public:
  explicit NetnsScope(const std::string& name);
  ~NetnsScope();
  NetnsScope(const NetnsScope&) = delete;
  NetnsScope& operator=(const NetnsScope&) = delete;

 private:
  int previous_fd_ = -1;
};

bool netns_exists(const std::string& name);

}  // namespace faultline::harness
