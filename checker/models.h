// The models the linearizability checker knows, by name, and the one place that turns a name
// into a model type. Every model is a small class with this shape (see checker/models/*.h):
//
//   static constexpr bool kPartitionByKey;   // ops on different Op::key are independent objects
//   // value: what an ok op's completion reported (reported = true), else the invoke's value, whose
//   // read values are not known
//   ModelOp encode(std::string_view f, const nlohmann::json& value, bool reported);  // ModelError
//   bool droppable_if_indeterminate(const ModelOp&) const;  // an info/pending op that can't matter
//   std::uint32_t init_state();               // called after every encode()
//   bool step(std::uint32_t state, const ModelOp&, std::uint32_t& next);   // deterministic
//   nlohmann::json render_state(std::uint32_t) const;
//   std::string describe(const ModelOp&) const;   // "read 3", "cas 1->2"
//
// States are small integer ids made by the model instance; an instance serves one partition on
// one thread. Ids are canonical (one state, one id) unless the model also declares the optional
// kStateKeyWords, state_key and discard_state hooks that checker/wgl.h describes (kv does, so
// that an append needs no table lookup). A model may declare `void reserve(std::size_t ops)`,
// called before it encodes a partition of that many ops when the count is known, to size its
// tables. A model whose encode() costs far more than checking the op (kv hashes every string)
// may declare `static void validate(std::string_view f, const nlohmann::json& value)`, which
// throws the ModelError that encode() would and stores nothing: the checker then validates every
// op in history order first and encodes each partition only when it searches it, so that a
// violation leaves the partitions after it unencoded. Thread-safety: visit_model is reentrant.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "checker/model_op.h"
#include "checker/models/kv.h"
#include "checker/models/multi_register.h"
#include "checker/models/mutex.h"
#include "checker/models/queue.h"
#include "checker/models/register.h"
#include "checker/models/set.h"

namespace faultline::checker {

// "register", "cas-register", "multi-register", "mutex", "kv", "set", "fifo-queue",
// "unordered-queue".
const std::vector<std::string>& model_names();

class UnknownModel : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Calls f(make) where make(init, nil_read_unknown) returns a fresh model of that name (the flag is
// history::History::nil_read_unknown; only the register models read it); throws UnknownModel.
template <class F>
decltype(auto) visit_model(std::string_view name, F&& f) {
  using nlohmann::json;
  if (name == "cas-register") {
    return f([](const json& init, bool nil_unknown) { return RegisterModel(init, true, nil_unknown); });
  }
  if (name == "register") {
    return f([](const json& init, bool nil_unknown) { return RegisterModel(init, false, nil_unknown); });
  }
  if (name == "kv") return f([](const json& init, bool) { return KvModel(init); });
  if (name == "multi-register") {
    return f([](const json& init, bool nil_unknown) { return MultiRegisterModel(init, nil_unknown); });
  }
  if (name == "mutex") return f([](const json& init, bool) { return MutexModel(init); });
  if (name == "set") return f([](const json& init, bool) { return SetModel(init); });
  if (name == "fifo-queue") return f([](const json& init, bool) { return QueueModel(init, true); });
  if (name == "unordered-queue") return f([](const json& init, bool) { return QueueModel(init, false); });
  throw UnknownModel("unknown model \"" + std::string(name) + "\"");
}

}  // namespace faultline::checker
