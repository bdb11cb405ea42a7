// wgl_search decides whether one partition's ops are linearizable with respect to a model: the
// Wing & Gong / Lowe algorithm with porcupine's cache of explored configurations. The ops sit in a
// doubly linked list of call and return events in history order; the search repeatedly
// linearizes the first call it can (model step succeeds and the resulting (set, state) is new),
// lifting the op out of the list, and backtracks when it meets a return of an op not yet
// linearized. The linearized set is a bitset hashed incrementally by XOR of per-op Zobrist keys.
// After setup the loop allocates nothing but the visited set's amortized growth.
//
// Pending ops have no return event: they may be linearized anywhere after their call or never,
// and the search succeeds once every completed op is linearized. Equal pending ops are taken in
// call order only (SearchOp::prev_equiv).
//
// When `trace` is given the search also records the counterexample data (the longest linearized
// prefix, the op whose return stopped it, the states reached at that depth); that costs a copy
// per new depth record, so callers search once without and re-run with a trace on a violation.
// Thread-safety: reentrant; `model` belongs to the caller's thread, `budget` is shared.
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "checker/budget.h"
#include "checker/search_op.h"
#include "checker/visited_set.h"

namespace faultline::checker {

enum class SearchStatus { kLinearizable, kNotLinearizable, kTimeLimit, kMemoryLimit, kCancelled };

struct SearchTrace {
  std::vector<std::uint32_t> prefix;  // linearized ops (indices into the SearchOps), in order
  std::uint32_t failed = 0;           // the op whose return could not be passed
  std::vector<std::uint32_t> states;  // distinct model states after a prefix of that length
};

namespace detail {

inline std::uint64_t zobrist(std::uint64_t i) {
  std::uint64_t z = (i + 1) * 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// The event list: entry 0 is the head; 0 as a successor means the end.
struct EventList {
  std::vector<std::uint32_t> next, prev, op;
  std::vector<std::uint8_t> is_return;
  std::vector<std::uint32_t> call_entry, ret_entry;  // per op; ret_entry 0 when pending

  explicit EventList(const std::vector<SearchOp>& ops) {
    const std::size_t n = ops.size();
    std::vector<std::pair<std::uint64_t, std::uint32_t>> rets;
    for (std::uint32_t i = 0; i < n; ++i) {
      if (!ops[i].pending()) rets.emplace_back(ops[i].ret, i);
    }
    std::sort(rets.begin(), rets.end());
    const std::size_t e = n + rets.size() + 1;
    next.assign(e, 0);
    prev.assign(e, 0);
    op.assign(e, 0);
    is_return.assign(e, 0);
    call_entry.assign(n, 0);
    ret_entry.assign(n, 0);
    std::size_t c = 0, r = 0;
    for (std::uint32_t k = 1; k < e; ++k) {
      if (r == rets.size() || (c < n && ops[c].call < rets[r].first)) {
        op[k] = static_cast<std::uint32_t>(c);
        call_entry[c++] = k;
      } else {
        op[k] = rets[r].second;
        is_return[k] = 1;
        ret_entry[rets[r++].second] = k;
      }
      prev[k] = k - 1;
      next[k - 1] = k;
    }
  }

  void unlink(std::uint32_t k) {
    next[prev[k]] = next[k];
    if (next[k] != 0) prev[next[k]] = prev[k];
  }
  void relink(std::uint32_t k) {
    next[prev[k]] = k;
    if (next[k] != 0) prev[next[k]] = k;
  }
  void lift(std::uint32_t i) {
    unlink(call_entry[i]);
    if (ret_entry[i] != 0) unlink(ret_entry[i]);
  }
  void unlift(std::uint32_t i) {
    if (ret_entry[i] != 0) relink(ret_entry[i]);
    relink(call_entry[i]);
  }
};

inline SearchStatus to_status(StopReason r) {
  switch (r) {
    case StopReason::kTimeLimit: return SearchStatus::kTimeLimit;
    case StopReason::kMemoryLimit: return SearchStatus::kMemoryLimit;
    default: return SearchStatus::kCancelled;
  }
}

}  // namespace detail

template <class Model>
SearchStatus wgl_search(Model& model, const std::vector<SearchOp>& ops, Budget& budget,
                        SearchTrace* trace = nullptr) {
  const auto n = static_cast<std::uint32_t>(ops.size());
  std::uint32_t remaining = 0;
  for (const SearchOp& o : ops) remaining += o.pending() ? 0 : 1;
  if (remaining == 0) return SearchStatus::kLinearizable;

  // Stack and list are reserved in the budget too: they are O(n) but n may be large.
  const std::uint64_t fixed_bytes = std::uint64_t{n} * 48;
  if (!budget.reserve(fixed_bytes)) return SearchStatus::kMemoryLimit;
  struct Release {
    Budget& b;
    std::uint64_t bytes;
    ~Release() { b.release(bytes); }
  } release{budget, fixed_bytes};

  detail::EventList list(ops);
  const std::size_t words = (n + 63) / 64;
  std::vector<std::uint64_t> bits(words, 0);
  std::vector<std::uint64_t> keys(n);
  for (std::uint32_t i = 0; i < n; ++i) keys[i] = detail::zobrist(i);
  struct Frame {
    std::uint32_t op;
    std::uint32_t state;
  };
  std::vector<Frame> stack;
  stack.reserve(n);
  VisitedSet visited(words, budget);

  std::uint32_t state = model.init_state();
  std::uint64_t hash = 0;
  if (visited.insert(hash, state, bits.data()) == VisitedSet::Insert::kFull) {
    return SearchStatus::kMemoryLimit;
  }
  auto linearized = [&](std::uint32_t i) { return (bits[i >> 6] >> (i & 63)) & 1; };
  auto flip = [&](std::uint32_t i) {
    bits[i >> 6] ^= std::uint64_t{1} << (i & 63);
    hash ^= keys[i];
  };

  std::uint32_t e = list.next[0];
  std::uint64_t steps = 0;
  while (true) {
    if ((++steps & 4095) == 0) {
      if (StopReason r = budget.poll(); r != StopReason::kNone) return detail::to_status(r);
    }
    const std::uint32_t i = list.op[e];
    if (!list.is_return[e]) {
      const SearchOp& o = ops[i];
      std::uint32_t next_state;
      if ((o.prev_equiv < 0 || linearized(static_cast<std::uint32_t>(o.prev_equiv))) &&
          model.step(state, o.op, next_state)) {
        flip(i);
        const auto ins = visited.insert(hash, next_state, bits.data());
        if (ins == VisitedSet::Insert::kNew) {
          stack.push_back({i, state});
          state = next_state;
          list.lift(i);
          if (!o.pending() && --remaining == 0) return SearchStatus::kLinearizable;
          e = list.next[0];
          continue;
        }
        flip(i);
        if (ins == VisitedSet::Insert::kFull) return SearchStatus::kMemoryLimit;
      }
      e = list.next[e];
    } else {
      if (trace != nullptr) {
        if (stack.size() > trace->prefix.size() || trace->states.empty()) {
          trace->prefix.clear();
          for (const Frame& f : stack) trace->prefix.push_back(f.op);
          trace->failed = i;
          trace->states.assign(1, state);
        } else if (stack.size() == trace->prefix.size() &&
                   std::find(trace->states.begin(), trace->states.end(), state) ==
                       trace->states.end() &&
                   trace->states.size() < 64) {
          trace->states.push_back(state);
        }
      }
      if (stack.empty()) return SearchStatus::kNotLinearizable;
      const Frame f = stack.back();
      stack.pop_back();
      state = f.state;
      flip(f.op);
      list.unlift(f.op);
      if (!ops[f.op].pending()) ++remaining;
      e = list.next[list.call_entry[f.op]];
    }
  }
}

}  // namespace faultline::checker
