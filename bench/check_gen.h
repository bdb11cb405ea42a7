// A generator of large linearizable cas-register histories for check_bench: P processes over K
// keys, each op a read, write or cas on a random key, applied to an in-memory register at a
// random point between its invoke and completion; a fraction of ops end as info (the process is
// then replaced by a fresh one). Values written are unique. Deterministic for a seed.
// Thread-safety: a pure function.
#pragma once

#include <cstdint>
#include <string>

namespace faultline::bench {

struct GenOptions {
  std::uint64_t ops = 1'000'000;  // history events (invokes plus completions)
  unsigned keys = 1000;
  unsigned processes = 20;
  double info_rate = 0.02;
  std::uint64_t seed = 1;
};

// Writes the history as JSONL to `path`.
void write_register_history(const std::string& path, const GenOptions& options);

}  // namespace faultline::bench
