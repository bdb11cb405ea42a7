#include "nemesis/iptables.h"

#include <stdexcept>
#include <string>

namespace faultline::nemesis {

void flush_input_rules(NodeControl& nodes, std::string_view fault) {
  std::string errors;
  for (const auto& node : nodes.nodes()) {
    const CommandResult r = nodes.exec(node, kIptablesFlush);
    if (!r.ok()) errors += node + ": " + r.output + "; ";
  }
  if (!errors.empty()) throw std::runtime_error("heal " + std::string(fault) + ": " + errors);
}

}  // namespace faultline::nemesis
