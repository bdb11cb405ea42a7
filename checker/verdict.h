// A verdict is the three-valued answer of a checker, and its exit code (Jepsen's convention).
// Combining verdicts: invalid beats unknown beats valid.
#pragma once

#include <optional>
#include <string_view>

namespace faultline::checker {

enum class Verdict { kValid, kInvalid, kUnknown };

// Process exit codes shared by every faultline command.
inline constexpr int kExitValid = 0;
inline constexpr int kExitInvalid = 1;
inline constexpr int kExitUnknown = 2;
inline constexpr int kExitBadInput = 254;
inline constexpr int kExitInternal = 255;

constexpr int exit_code(Verdict v) {
  switch (v) {
    case Verdict::kValid: return kExitValid;
    case Verdict::kInvalid: return kExitInvalid;
    case Verdict::kUnknown: return kExitUnknown;
  }
  return kExitInternal;
}

// The worse of two verdicts: invalid > unknown > valid.
constexpr Verdict combine(Verdict a, Verdict b) {
  if (a == Verdict::kInvalid || b == Verdict::kInvalid) return Verdict::kInvalid;
  if (a == Verdict::kUnknown || b == Verdict::kUnknown) return Verdict::kUnknown;
  return Verdict::kValid;
}

// "valid", "invalid", "unknown".
constexpr std::string_view to_string(Verdict v) {
  switch (v) {
    case Verdict::kValid: return "valid";
    case Verdict::kInvalid: return "invalid";
    case Verdict::kUnknown: return "unknown";
  }
  return "unknown";
}

constexpr std::optional<Verdict> parse_verdict(std::string_view text) {
  if (text == "valid") return Verdict::kValid;
  if (text == "invalid") return Verdict::kInvalid;
  if (text == "unknown") return Verdict::kUnknown;
  return std::nullopt;
}

}  // namespace faultline::checker
