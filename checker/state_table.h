// A StateTable interns model states that are sequences of value ids (a queue, a sorted set, a
// tuple of registers) as dense integer ids, and memoizes transitions, so that the search handles
// a compound state as one integer and steps it with one hash lookup once warmed up.
// Thread-safety: not thread-safe; one instance per model instance.
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "checker/model_op.h"

namespace faultline::checker {

class StateTable {
 public:
  using Seq = std::vector<std::uint32_t>;
  static constexpr std::uint32_t kNoState = UINT32_MAX;

  std::uint32_t intern(const Seq& seq) {
    auto [it, inserted] = ids_.try_emplace(key(seq), static_cast<std::uint32_t>(seqs_.size()));
    if (inserted) seqs_.push_back(seq);
    return it->second;
  }
  const Seq& seq(std::uint32_t id) const { return seqs_[id]; }

  // The memoized result of stepping `state` by `op`: kNoState when the step is illegal; false
  // when not known yet.
  bool cached_step(std::uint32_t state, const ModelOp& op, std::uint32_t& next) const {
    auto it = steps_.find(StepKey{state, op});
    if (it == steps_.end()) return false;
    next = it->second;
    return true;
  }
  void remember_step(std::uint32_t state, const ModelOp& op, std::uint32_t next) {
    steps_.emplace(StepKey{state, op}, next);
  }

 private:
  static std::string key(const Seq& seq) {
    return std::string(reinterpret_cast<const char*>(seq.data()), seq.size() * sizeof(std::uint32_t));
  }
  struct StepKey {
    std::uint32_t state;
    ModelOp op;
    bool operator==(const StepKey&) const = default;
  };
  struct StepKeyHash {
    std::size_t operator()(const StepKey& k) const {
      return ModelOpHash{}(k.op) ^ (std::size_t{k.state} * 0x9E3779B97F4A7C15ull);
    }
  };
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<Seq> seqs_;
  std::unordered_map<StepKey, std::uint32_t, StepKeyHash> steps_;
};

}  // namespace faultline::checker
