// A StateTable interns model states that are sequences of value ids (a queue, a sorted set, a
// tuple of registers) as dense integer ids, and memoizes transitions, so that the search handles
// a compound state as one integer and steps it with one probe once warmed up.
//
// Invariants: ids are dense from 0, and equal sequences get one id. Both indexes are open
// addressing with linear probing, load factor at most 1/2: the ids by (32 hash bits << 32 | id),
// so a probe compares a sequence only when those bits match; the steps as flat 20-byte entries,
// an empty one having state kNoState. Every byte the table adds while a search runs is charged to
// the search's ChargeScope (checker/budget.h) before it is allocated, on growth only: a new
// state's sequence, and an index or the sequence vector when it doubles. intern() and
// remember_step() give the strong guarantee: when a charge or an allocation throws, the table is
// as it was (a larger index at most), so a model stays usable after its search ran out of memory.
// seq() references last until the next intern().
// Thread-safety: not thread-safe; one instance per model instance.
#pragma once

#include <cstdint>
#include <vector>

#include "checker/budget.h"
#include "checker/model_op.h"

namespace faultline::checker {

class StateTable {
 public:
  using Seq = std::vector<std::uint32_t>;
  static constexpr std::uint32_t kNoState = UINT32_MAX;

  std::uint32_t intern(const Seq& seq) {
    const std::uint64_t tag = hash(seq) >> 32;
    if (!ids_.empty()) {
      for (std::size_t i = tag & (ids_.size() - 1);; i = (i + 1) & (ids_.size() - 1)) {
        const std::uint64_t slot = ids_[i];
        if (slot == kEmpty) break;
        if ((slot >> 32) == tag && seqs_[static_cast<std::uint32_t>(slot)] == seq) {
          return static_cast<std::uint32_t>(slot);
        }
      }
    }
    if ((seqs_.size() + 1) * 2 > ids_.size()) grow_ids();
    if (seqs_.size() == seqs_.capacity()) grow_seqs();
    ChargeScope::charge(heap_bytes(seq.size()));
    const auto id = static_cast<std::uint32_t>(seqs_.size());
    seqs_.push_back(seq);
    std::size_t i = tag & (ids_.size() - 1);
    while (ids_[i] != kEmpty) i = (i + 1) & (ids_.size() - 1);
    ids_[i] = tag << 32 | id;
    return id;
  }
  const Seq& seq(std::uint32_t id) const { return seqs_[id]; }

  // The memoized result of stepping `state` by `op`: kNoState when the step is illegal; false
  // when not known yet.
  bool cached_step(std::uint32_t state, const ModelOp& op, std::uint32_t& next) const {
    if (steps_.empty()) return false;
    const std::size_t mask = steps_.size() - 1;
    for (std::size_t i = step_hash(state, op) & mask;; i = (i + 1) & mask) {
      const Step& s = steps_[i];
      if (s.state == state && s.op == op) {
        next = s.next;
        return true;
      }
      if (s.state == kNoState) return false;
    }
  }
  void remember_step(std::uint32_t state, const ModelOp& op, std::uint32_t next) {
    if ((step_count_ + 1) * 2 > steps_.size()) grow_steps();
    Step& s = probe(steps_, state, op);
    if (s.state == kNoState) ++step_count_;
    s = {state, op, next};
  }

 private:
  static constexpr std::uint64_t kEmpty = UINT64_MAX;
  static constexpr std::size_t kFirstSlots = 16;

  struct Step {
    std::uint32_t state = kNoState;
    ModelOp op;
    std::uint32_t next = kNoState;
  };

  static std::uint64_t mix(std::uint64_t x) {
    x ^= x >> 33;
    x *= 0xFF51AFD7ED558CCDull;
    x ^= x >> 33;
    x *= 0xC4CEB9FE1A85EC53ull;
    return x ^ (x >> 33);
  }
  static std::uint64_t hash(const Seq& seq) {
    std::uint64_t h = seq.size();
    for (const std::uint32_t v : seq) h = (h ^ v) * 0x9E3779B97F4A7C15ull;
    return mix(h);
  }
  static std::uint64_t step_hash(std::uint32_t state, const ModelOp& op) {
    return mix(((std::uint64_t{state} << 32) | op.a) * 0x9E3779B97F4A7C15ull ^
               ((std::uint64_t{op.f} << 32) | op.b));
  }
  // What malloc takes for a sequence of n ids: its 8-byte header, rounded to 16, 32 at least.
  static std::uint64_t heap_bytes(std::size_t n) {
    if (n == 0) return 0;
    const std::uint64_t bytes = (n * sizeof(std::uint32_t) + 8 + 15) & ~std::uint64_t{15};
    return bytes < 32 ? 32 : bytes;
  }

  static Step& probe(std::vector<Step>& steps, std::uint32_t state, const ModelOp& op) {
    const std::size_t mask = steps.size() - 1;
    std::size_t i = step_hash(state, op) & mask;
    while (steps[i].state != kNoState && !(steps[i].state == state && steps[i].op == op)) {
      i = (i + 1) & mask;
    }
    return steps[i];
  }

  // Each grow charges the new buffer before allocating it and gives the old one back after: the
  // peak, while both exist, is what is counted.
  void grow_ids() {
    const std::size_t n = ids_.empty() ? kFirstSlots : ids_.size() * 2;
    ChargeScope::charge(n * sizeof(std::uint64_t));
    std::vector<std::uint64_t> grown(n, kEmpty);
    for (const std::uint64_t slot : ids_) {
      if (slot == kEmpty) continue;
      std::size_t i = (slot >> 32) & (n - 1);
      while (grown[i] != kEmpty) i = (i + 1) & (n - 1);
      grown[i] = slot;
    }
    grown.swap(ids_);
    ChargeScope::release(grown.size() * sizeof(std::uint64_t));
  }
  void grow_seqs() {
    const std::size_t old = seqs_.capacity();
    const std::size_t n = old == 0 ? kFirstSlots / 2 : old * 2;
    ChargeScope::charge(n * sizeof(Seq));
    seqs_.reserve(n);
    ChargeScope::release(old * sizeof(Seq));
  }
  void grow_steps() {
    const std::size_t n = steps_.empty() ? kFirstSlots : steps_.size() * 2;
    ChargeScope::charge(n * sizeof(Step));
    std::vector<Step> grown(n);
    for (const Step& s : steps_) {
      if (s.state != kNoState) probe(grown, s.state, s.op) = s;
    }
    grown.swap(steps_);
    ChargeScope::release(grown.size() * sizeof(Step));
  }

  std::vector<Seq> seqs_;
  std::vector<std::uint64_t> ids_;  // (32 hash bits << 32 | id), or kEmpty
  std::vector<Step> steps_;
  std::size_t step_count_ = 0;
};

}  // namespace faultline::checker
