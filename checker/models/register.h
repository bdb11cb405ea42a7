// The register and cas-register models: one value, initially null (or the init value).
//   read  value: the value read, known only when an ok completion reported it. null is a value
//         like any other, except in Jepsen/Knossos histories (nil_read_unknown), where a read of
//         nil observed nothing and constrains nothing, as in Knossos.
//   write value: the value written
//   cas   value: [old, new]; takes effect only when the register holds old (cas-register only)
// A state is the interned id of the register's value. Values are interned by the model's own
// ValueTable, so ids are only meaningful within one model instance (one partition).
// Thread-safety: one instance per search; not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "checker/model_op.h"
#include "checker/value_table.h"

namespace faultline::checker {

class RegisterModel {
 public:
  enum F : std::uint32_t { kRead, kWrite, kCas };
  static constexpr bool kPartitionByKey = true;

  RegisterModel(const nlohmann::json& init, bool allow_cas, bool nil_read_unknown);

  ModelOp encode(std::string_view f, const nlohmann::json& value, bool reported);
  bool droppable_if_indeterminate(const ModelOp& op) const { return op.f == kRead; }
  std::uint32_t init_state() const { return init_; }

  bool step(std::uint32_t state, const ModelOp& op, std::uint32_t& next) const {
    switch (op.f) {
      case kRead:
        next = state;
        return op.a == state || op.a == kAnyValue;
      case kWrite:
        next = op.a;
        return true;
      default:
        next = op.b;
        return op.a == state;
    }
  }

  nlohmann::json render_state(std::uint32_t state) const { return values_.value(state); }
  std::string describe(const ModelOp& op) const;
  std::string_view name() const { return allow_cas_ ? "cas-register" : "register"; }

 private:
  ValueTable values_;
  std::uint32_t init_ = ValueTable::kNull;
  bool allow_cas_;
  bool nil_read_unknown_;
};

}  // namespace faultline::checker
