// The queue models, initially empty (or the init list, front first):
//   enqueue value: the element enqueued
//   dequeue value: the element dequeued (known on an ok completion; null there means the queue
//           was empty)
// fifo-queue dequeues the front; unordered-queue any element (a multiset), so an unfinished
// dequeue there can only remove what others might need and is dropped. A state is the interned id
// of the element list (sorted for unordered-queue); transitions are memoized.
// Thread-safety: one instance per search.
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
  static constexpr bool kPartitionByKey = true;

  QueueModel(const nlohmann::json& init, bool fifo);

  ModelOp encode(std::string_view f, const nlohmann::json& value, bool ok);
  bool droppable_if_indeterminate(const ModelOp& op) const { return !fifo_ && op.f == kDequeue; }
  std::uint32_t init_state() const { return init_; }
  bool step(std::uint32_t state, const ModelOp& op, std::uint32_t& next);
  nlohmann::json render_state(std::uint32_t state) const;
  std::string describe(const ModelOp& op) const;
  std::string_view name() const { return fifo_ ? "fifo-queue" : "unordered-queue"; }

 private:
  bool apply(StateTable::Seq& elements, const ModelOp& op) const;

  ValueTable values_;
  StateTable states_;
  std::uint32_t init_ = 0;
  bool fifo_;
};

}  // namespace faultline::checker
