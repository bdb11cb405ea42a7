// A Remote runs commands on one node and moves files to and from it. It is the one seam
// between the harness and the machines under test: the local cluster and real clusters are
// both reached through SSH implementations of it, and unit tests use an in-memory double.
//
// Thread-safety: one Remote per thread (libssh sessions are not shared between threads).
// Errors: a command that ran and exited non-zero is a normal ExecResult; failing to reach the
// node at all (after the implementation's bounded retries) throws RemoteError.
#pragma once

#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>

namespace faultline::harness {

struct ExecResult {
  int exit_status = -1;  // -1 when the command timed out or the channel died
  std::string out;
  std::string err;
  bool timed_out = false;

  bool ok() const { return exit_status == 0 && !timed_out; }
};

class RemoteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Remote {
 public:
  virtual ~Remote() = default;

  // The node's name, as the user gave it (host name or address).
  virtual const std::string& node() const = 0;

  // Runs `command` through the node's shell (as root, through sudo when the login user is
  // not root). Arguments inside `command` must already be quoted with shell_quote.
  virtual ExecResult exec(const std::string& command, std::chrono::milliseconds timeout) = 0;

  virtual void upload(const std::string& local_path, const std::string& remote_path) = 0;
  virtual void download(const std::string& remote_path, const std::string& local_path) = 0;
};

// Quotes one argument for a POSIX shell so that it is passed through as exactly one word,
// whatever bytes it holds. Every argument the harness puts into a command goes through this.
// A NUL byte cannot be part of any command line (argv strings end at NUL), so an argument holding
// one throws std::invalid_argument rather than being silently cut short.
std::string shell_quote(std::string_view arg);

}  // namespace faultline::harness
