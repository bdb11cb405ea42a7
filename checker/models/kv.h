// The kv model (porcupine's key-value store), per key a string register, initially "" (or the
// init string):
//   get    value: the string read (known on an ok completion)
//   put    value: the string written
//   append value: the string appended
// The checker partitions by Op::key. A state is the interned id of the current string; appends
// are memoized, so a warmed-up step is one hash lookup. Thread-safety: one instance per search.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "checker/model_op.h"

namespace faultline::checker {

class KvModel {
 public:
  enum F : std::uint32_t { kGet, kPut, kAppend };
  static constexpr bool kPartitionByKey = true;

  explicit KvModel(const nlohmann::json& init);

  ModelOp encode(std::string_view f, const nlohmann::json& value, bool ok);
  bool droppable_if_indeterminate(const ModelOp& op) const { return op.f == kGet; }
  std::uint32_t init_state() const { return init_; }
  bool step(std::uint32_t state, const ModelOp& op, std::uint32_t& next) {
    switch (op.f) {
      case kGet:
        next = state;
        return op.a == state || op.a == kAnyValue;
      case kPut:
        next = op.a;
        return true;
      default:
        next = append(state, op.a);
        return true;
    }
  }
  nlohmann::json render_state(std::uint32_t state) const { return strings_[state]; }
  std::string describe(const ModelOp& op) const;
  std::string_view name() const { return "kv"; }

 private:
  std::uint32_t intern(const std::string& s);
  std::uint32_t append(std::uint32_t state, std::uint32_t suffix);

  std::vector<std::string> strings_;
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::unordered_map<std::uint64_t, std::uint32_t> appends_;
  std::uint32_t init_ = 0;
};

}  // namespace faultline::checker
