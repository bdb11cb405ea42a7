// Packet loss: every packet arriving at a random subset of nodes is dropped with probability
// P (`iptables -A INPUT -m statistic --mode random --probability P -j DROP`; the kernel here has
// no netem). Healed with `iptables -F`. Client requests and SSH to those nodes lose packets too:
// TCP retransmits, so requests slow down and some time out (info ops).
// Thread-safety: none (see Fault).
#pragma once

#include <memory>

#include "nemesis/fault.h"

namespace faultline::nemesis {

struct LossOptions {
  double probability = 0.2;
};

std::unique_ptr<Fault> make_loss_fault(NodeControl& nodes, LossOptions options = {});

std::string loss_command(double probability);

}  // namespace faultline::nemesis
