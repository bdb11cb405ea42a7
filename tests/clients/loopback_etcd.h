// A single-member etcd on 127.0.0.1 with free ports and a temporary data directory, for the
// client's unit tests. Started in the constructor, killed by pid and its directory removed in
// the destructor. Not thread-safe; one per test.
#pragma once

#include <sys/types.h>

#include <string>

namespace faultline::clients::testing {

class LoopbackEtcd {
 public:
  LoopbackEtcd();
  ~LoopbackEtcd();
  LoopbackEtcd(const LoopbackEtcd&) = delete;
  LoopbackEtcd& operator=(const LoopbackEtcd&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(client_port_); }
  pid_t pid() const { return pid_; }

 private:
  void stop();

  pid_t pid_ = -1;
  int client_port_ = 0;
  std::string dir_;
};

// A TCP port on 127.0.0.1 that was free a moment ago.
int free_port();

}  // namespace faultline::clients::testing
