// A SearchOp is one operation of a partition as the WGL search sees it: the model's encoding and
// the interval in which it may take effect, as positions in the history (file order is real-time
// order). A pending op (an info completion, or an invoke never completed) has no end: it may take
// effect at any point after its call, or never.
//
// Invariants, for a partition's vector of SearchOps: sorted by call; call < ret; prev_equiv is -1
// or the index of an earlier pending op with an equal ModelOp (the search linearizes a group of
// equal pending ops in call order only: a symmetry reduction). Thread-safety: a plain value.
#pragma once

#include <cstdint>

#include "checker/model_op.h"

namespace faultline::checker {

inline constexpr std::uint64_t kPendingRet = UINT64_MAX;

struct SearchOp {
  ModelOp op;
  std::uint64_t call = 0;        // position of the invoke in the history
  std::uint64_t ret = kPendingRet;  // position of the ok completion, or kPendingRet
  std::int64_t index = 0;        // Op::index of the invoke, for reports
  std::int32_t prev_equiv = -1;

  bool pending() const { return ret == kPendingRet; }
};

}  // namespace faultline::checker
