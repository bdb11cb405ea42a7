#include "checker/models/queue.h"

#include <algorithm>

namespace faultline::checker {

QueueModel::QueueModel(const nlohmann::json& init, bool fifo) : fifo_(fifo) {
  if (!init.is_null() && !init.is_array()) {
    throw ModelError("a queue init is a list of elements, got " + init.dump());
  }
  StateTable::Seq state{0};  // no tokens
  for (const auto& v : init.is_null() ? nlohmann::json::array() : init) {
    state.push_back(values_.intern(v));
  }
  if (!fifo_) std::sort(state.begin() + 1, state.end());
  init_ = states_.intern(state);
}

ModelOp QueueModel::encode(std::string_view f, const nlohmann::json& value, bool reported) {
  if (f == "enqueue") return {kEnqueue, values_.intern(value), 0};
  if (f == "dequeue") {
    if (reported) return {kDequeue, values_.intern(value), 0};
    // Not reported: an info or pending dequeue, or an ok one whose completion said null while its
    // invoke carried a value (which is what we got). An ok completion always reports when the
    // invoke's value is null, so a null here is an unfinished dequeue.
    return {kDequeue, kAnyValue, value.is_null() ? kUnfinished : kMayHaveCompleted};
  }
  throw ModelError("the " + std::string(name()) + " model has no f \"" + std::string(f) +
                   "\" (it knows enqueue, dequeue)");
}

// In both: seq[0] is the token count, the rest the elements (see queue.h); tokens <= elements.
namespace {

// A dequeue of null: legal only when unfinished dequeues (the tokens) took every element.
bool dequeue_empty(StateTable::Seq& seq) {
  if (seq[0] != seq.size() - 1) return false;
  seq.assign(1, 0);
  return true;
}

}  // namespace

bool QueueModel::apply_fifo(StateTable::Seq& seq, const ModelOp& op) const {
  const auto size = static_cast<std::uint32_t>(seq.size() - 1);
  if (op.f == kEnqueue) {
    seq.push_back(op.a);
    return true;
  }
  if (op.a == kAnyValue) {
    if (op.b == kUnfinished) {
      if (seq[0] == size) return false;
      ++seq[0];
      return true;
    }
    // It may have completed, so it takes effect now: on the front, before the tokens' removals.
    if (size == 0) return true;
    seq.erase(seq.begin() + 1);
    seq[0] = std::min(seq[0], size - 1);
    return true;
  }
  if (op.a == ValueTable::kNull) return dequeue_empty(seq);
  // The first x, after as many elements as there are tokens at most: unfinished dequeues took
  // those. Taking the first is best: the elements left are then a suffix of any other choice's.
  const auto at = std::find(seq.begin() + 1, seq.end(), op.a);
  const auto skipped = static_cast<std::uint32_t>(at - (seq.begin() + 1));
  if (at == seq.end() || skipped > seq[0]) return false;
  seq.erase(seq.begin() + 1, at + 1);
  seq[0] = std::min(seq[0] - skipped, size - skipped - 1);
  return true;
}

bool QueueModel::apply_unordered(StateTable::Seq& seq, const ModelOp& op) const {
  const auto size = static_cast<std::uint32_t>(seq.size() - 1);
  if (op.f == kEnqueue) {
    seq.insert(std::upper_bound(seq.begin() + 1, seq.end(), op.a), op.a);
    return true;
  }
  if (op.a == kAnyValue) {
    if (seq[0] == size) return op.b == kMayHaveCompleted;  // empty, or every element is taken
    ++seq[0];
    return true;
  }
  if (op.a == ValueTable::kNull) return dequeue_empty(seq);
  const auto at = std::lower_bound(seq.begin() + 1, seq.end(), op.a);
  if (at == seq.end() || *at != op.a) return false;
  seq.erase(at);
  seq[0] = std::min(seq[0], size - 1);  // a token with no element left: that dequeue took nothing
  return true;
}

bool QueueModel::step(std::uint32_t state, const ModelOp& op, std::uint32_t& next) {
  if (states_.cached_step(state, op, next)) return next != StateTable::kNoState;
  StateTable::Seq seq = states_.seq(state);
  const bool legal = fifo_ ? apply_fifo(seq, op) : apply_unordered(seq, op);
  next = legal ? states_.intern(seq) : StateTable::kNoState;
  states_.remember_step(state, op, next);
  return legal;
}

nlohmann::json QueueModel::render_state(std::uint32_t state) const {
  const StateTable::Seq& seq = states_.seq(state);
  nlohmann::json elements = nlohmann::json::array();
  for (std::size_t i = 1; i < seq.size(); ++i) elements.push_back(values_.value(seq[i]));
  if (seq[0] == 0) return elements;
  // Some unfinished dequeues took elements, not yet known which.
  return {{"elements", elements}, {"taken_by_unfinished_dequeues", seq[0]}};
}

std::string QueueModel::describe(const ModelOp& op) const {
  if (op.f == kEnqueue) return "enqueue " + values_.value(op.a).dump();
  return "dequeue " + (op.a == kAnyValue ? std::string("?") : values_.value(op.a).dump());
}

}  // namespace faultline::checker
