// A ModelOp is one operation of a history translated by a model into three small integers, so
// that the search compares and copies it without touching JSON. What `f`, `a` and `b` mean is the
// model's business (see checker/models/*.h); kAnyValue in a field means "not known" (a read whose
// result was never seen).
//
// Invariants: two ops with equal ModelOps are indistinguishable to the model (the search relies
// on that for its symmetry reduction of pending ops). Thread-safety: a plain value.
#pragma once

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>

namespace faultline::checker {

inline constexpr std::uint32_t kAnyValue = UINT32_MAX;

struct ModelOp {
  std::uint32_t f = 0;
  std::uint32_t a = 0;
  std::uint32_t b = 0;

  friend bool operator==(const ModelOp&, const ModelOp&) = default;
};

struct ModelOpHash {
  std::size_t operator()(const ModelOp& op) const {
    std::uint64_t h = (std::uint64_t{op.f} << 32) ^ op.a;
    h = h * 0x9E3779B97F4A7C15ull ^ op.b;
    return static_cast<std::size_t>(h * 0xBF58476D1CE4E5B9ull);
  }
};

// Thrown by a model's encode() for an f it does not know or a value of the wrong shape; the
// caller adds the file and line (history::InputError).
class ModelError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace faultline::checker
