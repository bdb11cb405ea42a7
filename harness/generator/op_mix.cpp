#include "harness/generator/op_mix.h"

#include <sstream>
#include <stdexcept>

namespace faultline::harness {

OpMix::OpMix(std::vector<std::pair<std::string, double>> weights) : weights_(std::move(weights)) {
  for (const auto& [f, w] : weights_) {
    if (!(w > 0) || f.empty()) throw std::invalid_argument("op mix: bad weight for '" + f + "'");
    total_ += w;
  }
}

OpMix OpMix::parse(const std::string& text) {
  std::vector<std::pair<std::string, double>> weights;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    auto eq = item.find('=');
    std::string f = item.substr(0, eq);
    double w = 1;
    if (eq != std::string::npos) {
      try {
        std::size_t used = 0;
        w = std::stod(item.substr(eq + 1), &used);
        if (used != item.size() - eq - 1) throw std::invalid_argument("trailing text");
      } catch (const std::exception&) {
        throw std::invalid_argument("op mix: bad item '" + item + "' (want f=weight)");
      }
    }
    weights.emplace_back(f, w);
  }
  if (weights.empty()) throw std::invalid_argument("op mix: empty");
  return OpMix(std::move(weights));
}

const std::string& OpMix::pick(Rng& rng) const {
  double x = std::uniform_real_distribution<double>(0, total_)(rng);
  for (const auto& [f, w] : weights_) {
    if (x < w) return f;
    x -= w;
  }
  return weights_.back().first;
}

std::string OpMix::to_string() const {
  std::string s;
  for (const auto& [f, w] : weights_) {
    if (!s.empty()) s += ",";
    std::ostringstream ws;
    ws << w;
    s += f + "=" + ws.str();
  }
  return s;
}

}  // namespace faultline::harness
