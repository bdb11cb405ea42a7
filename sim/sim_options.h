// SimOptions describe one simulated run: which service is simulated, how many operations its
// processes issue, how often they end indeterminate (info) or failed, and which bug, if any, the
// service has. The same options and seed always give the same history.
//
// Invariants: 0 <= info_rate, fail_rate, bug_rate <= 1 and info_rate + fail_rate <= 1;
// processes >= 1; keys >= 1. validate() throws std::invalid_argument otherwise.
// Thread-safety: a plain value type.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace faultline::sim {

struct SimOptions {
  // register | cas-register | kv | set | counter
  std::string workload = "cas-register";
  std::uint64_t seed = 1;
  // Operations issued (each one is an invoke and, unless it is still open, a completion). The
  // set workload adds one final read per key after them.
  std::size_t ops = 1000;
  std::size_t keys = 1;
  std::size_t processes = 5;
  // Probability that an operation completes as info (it took effect or not, at random) or as
  // fail (it certainly did not take effect).
  double info_rate = 0;
  double fail_rate = 0;
  // none | stale-read | lost-write | duplicate | phantom
  std::string bug = "none";
  // Probability that an eligible operation shows the bug. With a bug other than none, at least
  // one operation shows it (the first eligible one after half of the ops, if none did before).
  double bug_rate = 0.01;
};

// Throws std::invalid_argument naming the first bad field.
void validate(const SimOptions& options);

}  // namespace faultline::sim
