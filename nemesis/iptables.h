// The iptables rules that network faults put in a node's INPUT chain, and their one shared
// heal. Partition and loss both add DROP rules to INPUT and both heal by flushing the chain,
// so healing either one heals both: the nemesis runs one fault at a time, and a final heal must
// leave every node with an empty INPUT chain whatever was active.
// Thread-safety: as NodeControl (one thread at a time).
#pragma once

#include <string_view>

#include "nemesis/node_control.h"

namespace faultline::nemesis {

inline constexpr const char* kIptablesFlush = "iptables -w -F INPUT";

// Flushes INPUT on every node, trying all of them; throws std::runtime_error naming `fault` and
// every node whose flush failed.
void flush_input_rules(NodeControl& nodes, std::string_view fault);

}  // namespace faultline::nemesis
