// Stopping a run early. A SignalScope installs SIGINT and SIGTERM handlers that only set an
// async-signal-safe flag; the runner polls it (stop_requested()) and winds down: workers
// finish their op in flight, the nemesis heals, and the history, results and report are still
// written. A second signal restores the default action, so a stuck run can still be killed.
// The previous handlers come back when the scope ends.
// Thread-safety: stop_requested() and request_stop() may be called from any thread.
#pragma once

#include <csignal>

namespace faultline::harness {

bool stop_requested();
void request_stop();
void clear_stop();  // for tests

class SignalScope {
 public:
  SignalScope();
  ~SignalScope();
  SignalScope(const SignalScope&) = delete;
  SignalScope& operator=(const SignalScope&) = delete;

 private:
  struct sigaction old_int_{}, old_term_{};
};

}  // namespace faultline::harness
