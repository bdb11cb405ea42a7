// The kv model (porcupine's key-value store), per key a string register, initially "" (or the
// init string):
//   get    value: the string read (known on an ok completion)
//   put    value: the string written
//   append value: the string appended
// The checker partitions by Op::key.
//
// A state is the id of a string, interned by its fingerprint (StringPrints): an append extends
// the fingerprint in O(1) without building the string, and a get compares ids. The strings
// themselves are only rebuilt to render a state in a counterexample.
// Thread-safety: one instance per search.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "checker/model_op.h"
#include "checker/models/string_prints.h"

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
        next = strings_.append(state, op.a);
        return true;
    }
  }
  nlohmann::json render_state(std::uint32_t state) const { return strings_.text(state); }
  std::string describe(const ModelOp& op) const;
  std::string_view name() const { return "kv"; }

 private:
  StringPrints strings_;
  std::uint32_t init_ = 0;
};

}  // namespace faultline::checker
