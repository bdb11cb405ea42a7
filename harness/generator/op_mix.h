// An op mix: which functions (f) a generator draws, with relative weights, e.g.
// "read=2,write=1,cas=1". Immutable after parsing; thread-safe to share.
#pragma once

#include <random>
#include <string>
#include <utility>
#include <vector>

namespace faultline::harness {

using Rng = std::mt19937_64;

class OpMix {
 public:
  OpMix() = default;
  // Weights must be positive; throws std::invalid_argument otherwise.
  explicit OpMix(std::vector<std::pair<std::string, double>> weights);
  // "f=w,f=w"; a bare "f" has weight 1. Throws std::invalid_argument naming the bad item.
  static OpMix parse(const std::string& text);

  const std::string& pick(Rng& rng) const;
  bool empty() const { return weights_.empty(); }
  std::string to_string() const;

 private:
  std::vector<std::pair<std::string, double>> weights_;
  double total_ = 0;
};

}  // namespace faultline::harness
