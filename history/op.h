// An op is one event of a history: the invocation or the completion of an operation by a
// process, or a fault event of the nemesis. Its fields use Jepsen's vocabulary (see
// docs/formats/history.md) so that histories from Jepsen and from faultline read alike.
//
// Invariants: `index` is the op's position in its history (0-based, strictly increasing);
// `process` is either a non-negative client process or kNemesisProcess; `time` is nanoseconds
// since the test started (monotonic) or kNoTime when the source did not record it.
// Thread-safety: a plain value type.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace faultline::history {

enum class OpType : std::uint8_t { kInvoke, kOk, kFail, kInfo };

// "invoke", "ok", "fail", "info".
std::string_view to_string(OpType type);
// The inverse of to_string; nullopt for any other text.
std::optional<OpType> parse_op_type(std::string_view text);

inline constexpr std::int64_t kNemesisProcess = -1;
inline constexpr std::int64_t kNoTime = -1;

struct Op {
  std::int64_t index = 0;
  std::int64_t time = kNoTime;
  OpType type = OpType::kInvoke;
  std::int64_t process = 0;
  std::string f;
  // Present for multi-key workloads; the checker partitions by it. Any JSON scalar (Jepsen's
  // independent keys are often integers); null when absent.
  nlohmann::json key;
  // Any JSON: register 1 / null; cas [old, new]; txn [["r","x",1],["w","y",2]]; set read [1,2].
  nlohmann::json value;
  // Optional, on fail or info completions; EDN errors are kept in their printed form.
  std::optional<std::string> error;

  bool is_nemesis() const { return process == kNemesisProcess; }
  bool has_key() const { return !key.is_null(); }
};

}  // namespace faultline::history
