// How the harness reaches nodes over SSH: which nodes (NodeSpec) and with which credentials
// and host-key policy (SshOptions). Plain values, copied freely between threads.
//
// Invariants: host keys are verified against `known_hosts` unless the user explicitly sets
// `accept_new_host_keys`, which only admits keys of hosts not yet listed; a key that differs
// from a listed one is always refused.
#pragma once

#include <chrono>
#include <string>

namespace faultline::harness {

// One node of the cluster under test. `name` is its host name (what the database calls the
// member, what reports show); `address` is where SSH and clients connect (IP or DNS name).
struct NodeSpec {
  std::string name;
  std::string address;

  bool operator==(const NodeSpec&) const = default;
};

struct SshOptions {
  std::string username = "root";
  // Private key file for public-key authentication. Empty: the ssh agent and ~/.ssh defaults.
  std::string private_key;
  // known_hosts file the server's host key is checked against. Empty: ~/.ssh/known_hosts.
  std::string known_hosts;
  int port = 22;
  // Admit (and record in known_hosts) the key of a host not listed yet. Never admits a key
  // that differs from a listed one.
  bool accept_new_host_keys = false;
  std::chrono::milliseconds connect_timeout{5000};
  // Connection attempts before RemoteError; attempts back off 200 ms, 400 ms, ...
  int connect_retries = 3;

  bool operator==(const SshOptions&) const = default;
};

}  // namespace faultline::harness
