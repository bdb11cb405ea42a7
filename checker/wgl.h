// wgl_search decides whether one partition's ops are linearizable with respect to a model: the
// Wing & Gong / Lowe algorithm with porcupine's cache of explored configurations. The ops sit in a
// doubly linked list of call and return events in history order; the search repeatedly
// linearizes the first call it can (model step succeeds and the resulting (set, state) is new),
// lifting the op out of the list, and backtracks when it meets a return of an op not yet
// linearized. The linearized set is a bitset; a partition of at most 128 ops keeps its
// configurations in a SmallVisitedSet (one or two bitset words, hashed as they are), a larger one
// hashes it incrementally by XOR of per-op Zobrist keys for its VisitedSet.
// After setup the loop allocates nothing but the visited set's amortized growth.
//
// A model whose state ids are not canonical (one state, several ids) declares
// `kStateKeyWords` and `state_key(state, key)`: the key of a state, equal for equal states, by
// which the search memoizes configurations and tells the trace's states apart; its first word is
// never UINT64_MAX (SmallVisitedSet's mark of a free entry). It may declare
// `discard_state(next)`, called when step(state, op) gave a `next` other than `state` that the
// search does not enter (its configuration was seen), so that a model which made `next` in that
// step can take it back.
//
// Pending ops have no return event: they may be linearized anywhere after their call or never,
// and the search succeeds once every completed op is linearized. Equal pending ops are taken in
// call order only (SearchOp::prev_equiv).
//
// When `trace` is given the search also records the counterexample data (the longest linearized
// prefix, the op whose return stopped it, the states reached at that depth); that costs a copy
// per new depth record, so wgl_check searches a large partition once without and re-runs with a
// trace on a violation.
//
// Limits: the search polls `budget` when it starts and every 1024 moves (a linearization or a
// backtrack; between two moves it passes at most every event of the list once), reserves its event
// list, stack, trace and visited set in it, and opens a ChargeScope on it (unless the caller has
// one open) for the model's tables. A std::bad_alloc anywhere in the search, the budget's own
// MemoryLimitReached or a real one, ends it with kMemoryLimit; the model stays usable (its tables
// give the strong guarantee), so a trace cut short can still be rendered.
// Thread-safety: reentrant; `model` belongs to the caller's thread, `budget` is shared.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <new>
#include <optional>
#include <utility>
#include <vector>

#include <boost/container/small_vector.hpp>

#include "checker/budget.h"
#include "checker/search_op.h"
#include "checker/small_visited_set.h"
#include "checker/visited_set.h"

namespace faultline::checker {

enum class SearchStatus { kLinearizable, kNotLinearizable, kTimeLimit, kMemoryLimit, kCancelled };

// Its lists keep a few entries inline: a tiny partition's violation (a Knossos history of a few
// ops) is traced without allocating.
struct SearchTrace {
  // Linearized ops (indices into the SearchOps), in order.
  boost::container::small_vector<std::uint32_t, 16> prefix;
  std::uint32_t failed = 0;  // the op whose return could not be passed
  // Distinct model states after the longest prefixes that `failed` blocked. Only those: another
  // prefix of the same length may have linearized `failed` already and been blocked by a
  // different op, and its state would wrongly look like one `failed` could follow.
  boost::container::small_vector<std::uint32_t, 4> states;
};

namespace detail {

inline std::uint64_t zobrist(std::uint64_t i) {
  std::uint64_t z = (i + 1) * 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// The event list: entry 0 is the head; 0 as a successor means the end. Its arrays live in one
// buffer of 32-bit words, and the search's bitset, keys and stack in one of 64-bit words; for a
// partition of up to about 100 ops both are inside the object (on the search's stack), so a small
// search allocates nothing here.
struct EventList {
  std::uint32_t *next, *prev, *op, *is_return, *call_entry, *ret_entry;
  std::uint64_t *bits, *keys;  // for the search: `words` bitset words, one Zobrist key per op
  std::uint64_t* stack;        // for the search: n frames

  EventList(const std::vector<SearchOp>& ops, std::size_t words) {
    const std::size_t n = ops.size();
    std::size_t returns = 0;
    std::uint64_t last_ret = 0;
    for (const SearchOp& o : ops) {
      if (o.pending()) continue;
      ++returns;
      last_ret = std::max(last_ret, o.ret);
    }
    const std::size_t e = n + returns + 1;
    std::uint32_t* const b32 = buffer(inline32_, heap32_, 4 * e + 2 * n);
    next = b32;
    prev = next + e;
    op = prev + e;
    is_return = op + e;
    call_entry = is_return + e;
    ret_entry = call_entry + n;
    // bits, keys (n), stack (n), and the returns, sorted below (rets). keys and stack are the
    // search's to fill.
    std::uint64_t* const b64 = buffer(inline64_, heap64_, words + 2 * n + returns);
    bits = b64;
    keys = bits + words;
    stack = keys + n;
    std::fill_n(bits, words, 0);
    std::fill_n(ret_entry, n, 0);
    // The returns in history order: (ret << 32 | op) sorts as a plain integer while positions
    // fit in 32 bits (every history but one of 4G lines); else op indices sorted by ret.
    std::uint64_t* rets = stack + n;
    std::size_t r = 0;
    const bool packed = last_ret <= UINT32_MAX;
    for (std::uint32_t i = 0; i < n; ++i) {
      if (!ops[i].pending()) rets[r++] = packed ? ops[i].ret << 32 | i : i;
    }
    if (packed) {
      std::sort(rets, rets + returns);
      for (r = 0; r < returns; ++r) rets[r] &= UINT32_MAX;
    } else {
      std::sort(rets, rets + returns,
                [&](std::uint64_t a, std::uint64_t b) { return ops[a].ret < ops[b].ret; });
    }
    std::size_t c = 0;
    r = 0;
    next[0] = 1;
    prev[0] = 0;
    op[0] = 0;
    is_return[0] = 0;
    for (std::uint32_t k = 1; k < e; ++k) {
      if (r == returns || (c < n && ops[c].call < ops[rets[r]].ret)) {
        op[k] = static_cast<std::uint32_t>(c);
        is_return[k] = 0;
        call_entry[c++] = k;
      } else {
        const auto i = static_cast<std::uint32_t>(rets[r++]);
        op[k] = i;
        is_return[k] = 1;
        ret_entry[i] = k;
      }
      prev[k] = k - 1;
      next[k] = k + 1;
    }
    next[e - 1] = 0;
  }
  EventList(const EventList&) = delete;
  EventList& operator=(const EventList&) = delete;

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

 private:
  static constexpr std::size_t kInline32 = 1024, kInline64 = 384;

  // `size` uninitialized words: the inline ones when they suffice.
  template <class T, std::size_t kInline>
  static T* buffer(std::array<T, kInline>& inline_words, std::unique_ptr<T[]>& heap,
                   std::size_t size) {
    if (size <= kInline) return inline_words.data();
    heap.reset(new T[size]);
    return heap.get();
  }

  std::array<std::uint32_t, kInline32> inline32_;
  std::array<std::uint64_t, kInline64> inline64_;
  std::unique_ptr<std::uint32_t[]> heap32_;
  std::unique_ptr<std::uint64_t[]> heap64_;
};

template <class Model>
constexpr std::size_t state_key_words() {
  if constexpr (requires { Model::kStateKeyWords; }) {
    return Model::kStateKeyWords;
  } else {
    return 1;
  }
}

template <class Model>
void state_key(const Model& model, std::uint32_t state, std::uint64_t* key) {
  if constexpr (requires { model.state_key(state, key); }) {
    model.state_key(state, key);
  } else {
    key[0] = state;
  }
}

template <class Model>
void discard_state(Model& model, std::uint32_t state) {
  if constexpr (requires { model.discard_state(state); }) model.discard_state(state);
}

inline SearchStatus to_status(StopReason r) {
  switch (r) {
    case StopReason::kTimeLimit: return SearchStatus::kTimeLimit;
    case StopReason::kMemoryLimit: return SearchStatus::kMemoryLimit;
    default: return SearchStatus::kCancelled;
  }
}

template <class Visited>
constexpr bool uses_set_hash() {
  if constexpr (requires { Visited::kUsesSetHash; }) {
    return Visited::kUsesSetHash;
  } else {
    return true;
  }
}

// The search itself, with the visited set `Visited` (VisitedSet, or a SmallVisitedSet whose
// kWords is the bitset's size); wgl_search below picks it, adds the ChargeScope and turns
// bad_alloc into kMemoryLimit.
template <class Visited, class Model>
[[gnu::flatten]] SearchStatus search(Model& model, const std::vector<SearchOp>& ops,
                                     Budget& budget, SearchTrace* trace) {
  const auto n = static_cast<std::uint32_t>(ops.size());
  std::uint32_t remaining = 0;
  for (const SearchOp& o : ops) remaining += o.pending() ? 0 : 1;
  if (remaining == 0) return SearchStatus::kLinearizable;
  if (StopReason r = budget.poll(); r != StopReason::kNone) return detail::to_status(r);

  // Stack and list are reserved in the budget too: they are O(n) but n may be large. So is the
  // trace's prefix, which grows to n entries at most.
  const std::uint64_t fixed_bytes =
      std::uint64_t{n} * (72 + (trace != nullptr ? sizeof(std::uint32_t) : 0));
  if (!budget.reserve(fixed_bytes)) return SearchStatus::kMemoryLimit;
  struct Release {
    Budget& b;
    std::uint64_t bytes;
    ~Release() { b.release(bytes); }
  } release{budget, fixed_bytes};

  const std::size_t words = (n + 63) / 64;
  detail::EventList list(ops, words);
  std::uint64_t* const bits = list.bits;
  std::uint64_t* const keys = list.keys;
  constexpr bool kSetHash = uses_set_hash<Visited>();
  if constexpr (kSetHash) {
    for (std::uint32_t i = 0; i < n; ++i) keys[i] = detail::zobrist(i);
  }
  // The stack of linearized ops: (op << 32 | the state before it).
  std::uint64_t* const stack = list.stack;
  std::size_t depth = 0;
  constexpr std::size_t kKeyWords = detail::state_key_words<Model>();
  std::uint64_t key[kKeyWords];
  // A search that succeeds holds a configuration per op at least.
  Visited visited(words, n, budget);
  // The keys of trace->states, which ids may not tell apart: kKeyWords words per state, at most
  // kMaxTraceStates of them, on the stack.
  constexpr std::size_t kMaxTraceStates = 64;
  std::array<std::uint64_t, kMaxTraceStates * kKeyWords> trace_keys;
  std::size_t trace_key_words = 0;
  // The lowest depth since trace->prefix was last recorded: the prefix's entries below it are
  // still those of the stack, so a record copies only from there (not the whole stack at every
  // new depth, quadratic on a deep search).
  std::size_t trace_low = 0;

  std::uint32_t state = model.init_state();
  std::uint64_t hash = 0;
  detail::state_key(model, state, key);
  if (visited.insert(hash, key, bits) == VisitedInsert::kFull) {
    return SearchStatus::kMemoryLimit;
  }
  auto linearized = [&](std::uint32_t i) { return (bits[i >> 6] >> (i & 63)) & 1; };
  auto flip = [&](std::uint32_t i) {
    bits[i >> 6] ^= std::uint64_t{1} << (i & 63);
    if constexpr (kSetHash) hash ^= keys[i];
  };

  std::uint32_t e = list.next[0];
  // Counted on moves, not on every event passed: most events are calls that cannot go next,
  // and a count on each cost 5% to 9% of a Knossos history's check (memstress3-29, -94, -65).
  std::uint64_t moves = 0;
  while (true) {
    const std::uint32_t i = list.op[e];
    if (!list.is_return[e]) {
      const SearchOp& o = ops[i];
      std::uint32_t next_state;
      if ((o.prev_equiv < 0 || linearized(static_cast<std::uint32_t>(o.prev_equiv))) &&
          model.step(state, o.op, next_state)) {
        flip(i);
        detail::state_key(model, next_state, key);
        const auto ins = visited.insert(hash, key, bits);
        if (ins == VisitedInsert::kNew) {
          stack[depth++] = (std::uint64_t{i} << 32) | state;
          state = next_state;
          list.lift(i);
          if (!o.pending() && --remaining == 0) return SearchStatus::kLinearizable;
          if ((++moves & 1023) == 0) {
            if (StopReason r = budget.poll(); r != StopReason::kNone) return detail::to_status(r);
          }
          e = list.next[0];
          continue;
        }
        flip(i);
        if (next_state != state) detail::discard_state(model, next_state);
        if (ins == VisitedInsert::kFull) return SearchStatus::kMemoryLimit;
      }
      e = list.next[e];
    } else {
      if (trace != nullptr) {
        if (depth > trace->prefix.size() || trace->states.empty()) {
          // The stack below trace_low has not changed since the last record: copy the rest.
          if (trace->prefix.empty()) trace->prefix.reserve(n);
          trace->prefix.resize(depth);
          for (std::size_t d = trace_low; d < depth; ++d) {
            trace->prefix[d] = static_cast<std::uint32_t>(stack[d] >> 32);
          }
          trace_low = depth;
          trace->failed = i;
          trace->states.assign(1, state);
          detail::state_key(model, state, key);
          for (std::size_t w = 0; w < kKeyWords; ++w) trace_keys[w] = key[w];
          trace_key_words = kKeyWords;
        } else if (depth == trace->prefix.size() && i == trace->failed &&
                   trace->states.size() < kMaxTraceStates) {
          detail::state_key(model, state, key);
          // Word by word, not std::equal and std::copy: for a key of a few words those became
          // calls to memcmp and memmove.
          bool seen = false;
          for (std::size_t k = 0; k < trace_key_words && !seen; k += kKeyWords) {
            seen = true;
            for (std::size_t w = 0; w < kKeyWords; ++w) seen &= key[w] == trace_keys[k + w];
          }
          if (!seen) {
            trace->states.push_back(state);
            for (std::size_t w = 0; w < kKeyWords; ++w) trace_keys[trace_key_words + w] = key[w];
            trace_key_words += kKeyWords;
          }
        }
      }
      if (depth == 0) return SearchStatus::kNotLinearizable;
      if ((++moves & 1023) == 0) {
        if (StopReason r = budget.poll(); r != StopReason::kNone) return detail::to_status(r);
      }
      const std::uint64_t frame = stack[--depth];
      trace_low = std::min(trace_low, depth);
      const auto top = static_cast<std::uint32_t>(frame >> 32);
      state = static_cast<std::uint32_t>(frame);
      flip(top);
      list.unlift(top);
      if (!ops[top].pending()) ++remaining;
      e = list.next[list.call_entry[top]];
    }
  }
}

}  // namespace detail

template <class Model>
SearchStatus wgl_search(Model& model, const std::vector<SearchOp>& ops, Budget& budget,
                        SearchTrace* trace = nullptr) {
  std::optional<ChargeScope> scope;
  if (!ChargeScope::active()) scope.emplace(budget);
  constexpr std::size_t kKeyWords = detail::state_key_words<Model>();
  try {
    // Most partitions have at most 128 ops: their bitsets are one or two words.
    switch ((ops.size() + 63) / 64) {
      case 1: return detail::search<SmallVisitedSet<kKeyWords, 1>>(model, ops, budget, trace);
      case 2: return detail::search<SmallVisitedSet<kKeyWords, 2>>(model, ops, budget, trace);
      default: return detail::search<VisitedSet<kKeyWords>>(model, ops, budget, trace);
    }
  } catch (const std::bad_alloc&) {
    return SearchStatus::kMemoryLimit;
  }
}

// One partition's verdict and, for a violation, how its counterexample trace ended.
struct TracedVerdict {
  SearchStatus status = SearchStatus::kCancelled;
  // When status is kNotLinearizable: kNotLinearizable when the trace is complete; kTimeLimit or
  // kMemoryLimit when the traced search stopped at a limit. The violation stands (the untraced
  // search proved it) and the trace holds what the traced search reached: a linearizable prefix
  // and the op that stopped it, but maybe not the longest, or nothing at all (no states).
  SearchStatus trace = SearchStatus::kNotLinearizable;
};

// Decides one partition and traces a violation into `trace`. With `trace_first` (a small
// partition, where the trace's copies cost less than a second search) one traced search does
// both. Otherwise an untraced search decides, and a violation is searched again with the trace,
// under `budget`'s deadline and memory cap (the model's tables stay charged between the two) but
// not its cancellation: the first violation of a check cancels the other partitions, not the
// trace of the violation just proved.
template <class Model>
TracedVerdict wgl_check(Model& model, const std::vector<SearchOp>& ops, Budget& budget,
                        SearchTrace& trace, bool trace_first) {
  std::optional<ChargeScope> scope;
  if (!ChargeScope::active()) scope.emplace(budget);
  TracedVerdict out;
  if (trace_first) {
    out.status = wgl_search(model, ops, budget, &trace);
    return out;
  }
  out.status = wgl_search(model, ops, budget);
  if (out.status == SearchStatus::kNotLinearizable) {
    Budget uncancelled(Budget::LimitsOf{budget});
    const SearchStatus again = wgl_search(model, ops, uncancelled, &trace);
    // The second search explores what the first did, so it ends the same way unless it stops.
    out.trace = again == SearchStatus::kLinearizable ? SearchStatus::kNotLinearizable : again;
  }
  return out;
}

}  // namespace faultline::checker
