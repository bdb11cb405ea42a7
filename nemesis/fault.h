// A Fault is one kind of failure the nemesis injects (Jepsen's nemesis for one fault):
// partition, kill, pause, loss. start() injects it on targets chosen with the given random
// source and says what it did; stop() undoes exactly that; heal() undoes anything this kind of
// fault could have left behind on any node, whether or not this object caused it (used at the
// end of a test, after an exception or a signal).
//
// Invariants: start() is only called when !active(); stop() only when active(); heal() may be
// called at any time and leaves !active(). Each event's `f` is Jepsen's (start-partition,
// stop-partition, ...) and its value names the targets, so the history says what was done.
// Thread-safety: none; used from the nemesis thread only.
#pragma once

#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "nemesis/node_control.h"

namespace faultline::nemesis {

using Rng = std::mt19937_64;

// One start or stop of a fault, as recorded in the history (process "nemesis").
struct FaultEvent {
  std::string f;          // "start-partition", "stop-kill", ...
  nlohmann::json value;   // targets and details
};

class Fault {
 public:
  virtual ~Fault() = default;
  virtual std::string name() const = 0;  // "partition", "kill", "pause", "loss"
  // Chooses targets and returns the event to record before injecting (its value says what
  // will be done), so a history shows the attempt even when injecting throws.
  virtual FaultEvent plan(Rng& rng) = 0;
  // Injects what plan() chose; throws on failure (the fault then counts as active: a later
  // stop()/heal() undoes whatever part was done).
  virtual void start() = 0;
  virtual FaultEvent stop() = 0;
  virtual void heal() = 0;
  virtual bool active() const = 0;
};

// A random non-empty subset of `nodes` of at most max(1, n/2 + 1) nodes, in node order:
// sometimes a minority, sometimes a bare majority.
std::vector<std::string> random_subset(const std::vector<std::string>& nodes, Rng& rng);

}  // namespace faultline::nemesis
