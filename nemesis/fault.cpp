#include "nemesis/fault.h"

#include <algorithm>

namespace faultline::nemesis {

std::vector<std::string> random_subset(const std::vector<std::string>& nodes, Rng& rng) {
  if (nodes.empty()) return {};
  std::size_t max = std::max<std::size_t>(1, std::min(nodes.size(), nodes.size() / 2 + 1));
  std::size_t count = std::uniform_int_distribution<std::size_t>(1, max)(rng);
  std::vector<std::size_t> order(nodes.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), rng);
  order.resize(count);
  std::sort(order.begin(), order.end());
  std::vector<std::string> out;
  for (auto i : order) out.push_back(nodes[i]);
  return out;
}

}  // namespace faultline::nemesis
