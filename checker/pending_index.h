// A PendingIndex remembers, per ModelOp, the last pending op of a partition encoded with it: how
// the encoding links each pending op to the previous equal one (SearchOp::prev_equiv), which the
// search's symmetry reduction follows.
//
// Invariants: open addressing with linear probing in one flat table (no allocation per entry, as a
// node-based map has, and none at all until the first pending op); load factor at most 1/2; a
// slot with index -1 is free.
// Thread-safety: not thread-safe; one instance per partition's encoding.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "checker/linear_probe.h"
#include "checker/model_op.h"

namespace faultline::checker {

class PendingIndex {
 public:
  // Records `index` as the last pending op equal to `op`, returning the one recorded before
  // (-1 if none).
  std::int32_t exchange(const ModelOp& op, std::int32_t index) {
    if ((count_ + 1) * 2 > slots_.size()) grow();
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = home(op) & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.index < 0) {
        s = {op, index};
        ++count_;
        return -1;
      }
      if (s.op == op) return std::exchange(s.index, index);
    }
  }
  std::size_t size() const { return count_; }

 private:
  struct Slot {
    ModelOp op;
    std::int32_t index = -1;
  };

  // ModelOpHash's product keeps f in its high half: fold it into the low bits the table uses.
  static std::size_t home(const ModelOp& op) {
    const std::uint64_t h = ModelOpHash{}(op);
    return static_cast<std::size_t>(h ^ (h >> 32));
  }

  void grow() {
    regrow_linear_probe(
        slots_, [](const Slot& s) { return s.index >= 0; },
        [](const Slot& s) { return home(s.op); });
  }

  std::vector<Slot> slots_;
  std::size_t count_ = 0;
};

}  // namespace faultline::checker
