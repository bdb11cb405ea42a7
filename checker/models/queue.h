// The queue models, initially empty (or the init list, front first):
//   enqueue value: the element enqueued
//   dequeue value: the element dequeued, known when an ok completion reported it (null there means
//           the queue was empty); otherwise not known: the dequeue took the front (fifo-queue) or
//           any one element (unordered-queue), or the queue was empty.
// fifo-queue keeps the elements in order, unordered-queue as a sorted multiset. An info or pending
// dequeue that took an element might as well have taken it as late as possible, just before the
// first op that needs that element gone: so when one is linearized it only leaves a token, "some
// element is taken", and the choice of which is made when needed. A dequeue of x may spend tokens
// on elements before the first x (fifo-queue); a dequeue of null needs a token per element and
// empties the queue. There are never more tokens than elements: a dequeue that leaves fewer drops
// one (that dequeue took nothing), and an unfinished dequeue is not linearized when every element
// is taken already (later would be as good). Deferring keeps step() deterministic and exact for
// unfinished dequeues, and spares the search from guessing when they took effect: a token never
// makes a later step fail, except a dequeue of null, which tokens only help.
//
// An ok dequeue whose value is not known (its completion reported null, its invoke a value) must
// take effect before its completion: fifo-queue removes the front then, exactly; unordered-queue
// leaves a token, which may accept a history no order explains, never rejects one that some order
// does (docs/checking.md).
// A state is the interned id of the token count followed by the elements; transitions are
// memoized. Thread-safety: one instance per search.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "checker/model_op.h"
#include "checker/state_table.h"
#include "checker/value_table.h"

namespace faultline::checker {

class QueueModel {
 public:
  enum F : std::uint32_t { kEnqueue, kDequeue };
  // ModelOp::b of a dequeue of an unknown element: whether it may have completed ok, and so must
  // be allowed to find the queue empty. One that is only info or pending gains nothing from
  // taking effect on an empty queue (or, for unordered-queue, when every element is taken), so
  // it may not: the search does not try it at points where it changes nothing.
  enum Unknown : std::uint32_t { kUnfinished = 0, kMayHaveCompleted = 1 };
  static constexpr bool kPartitionByKey = true;

  QueueModel(const nlohmann::json& init, bool fifo);

  ModelOp encode(std::string_view f, const nlohmann::json& value, bool reported);
  bool droppable_if_indeterminate(const ModelOp&) const { return false; }
  std::uint32_t init_state() const { return init_; }
  bool step(std::uint32_t state, const ModelOp& op, std::uint32_t& next);
  nlohmann::json render_state(std::uint32_t state) const;
  std::string describe(const ModelOp& op) const;
  std::string_view name() const { return fifo_ ? "fifo-queue" : "unordered-queue"; }

 private:
  bool apply_fifo(StateTable::Seq& elements, const ModelOp& op) const;
  bool apply_unordered(StateTable::Seq& seq, const ModelOp& op) const;

  ValueTable values_;
  StateTable states_;
  std::uint32_t init_ = 0;
  bool fifo_;
};

}  // namespace faultline::checker
