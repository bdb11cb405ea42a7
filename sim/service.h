// A Service is the simulated database behind a workload: it chooses what each process asks,
// and applies an operation to the per-key state at the operation's linearization point. The
// simulator applies operations in the order of their linearization points, so a service without
// a bug produces linearizable histories by construction; a planted bug is the service lying.
//
// Invariants: apply() is called once per operation that takes effect, in linearization order;
// keys are in [0, keys). Thread-safety: none; a service belongs to one simulation.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "history/op.h"
#include "sim/rng.h"
#include "sim/sim_options.h"

namespace faultline::sim {

enum class Bug { kNone, kStaleRead, kLostWrite, kDuplicate, kPhantom };

// Parses SimOptions::bug; throws std::invalid_argument for an unknown name.
Bug parse_bug(const std::string& name);

// What a process asks: f and the invoke's value.
struct Request {
  std::string f;
  nlohmann::json value;
};

// The result of applying a request: the completion's type (ok, or fail when the request could
// not take effect, such as a cas whose old value does not match) and value.
struct Response {
  history::OpType type = history::OpType::kOk;
  nlohmann::json value;
  bool bug_shown = false;  // the bug changed this response or the state
};

class Service {
 public:
  virtual ~Service() = default;
  virtual Request choose(Rng& rng) = 0;
  // Applies `request` to `key`. When `plant_bug` is set the service shows its bug on this
  // operation if the operation is eligible (and reports so in Response::bug_shown).
  virtual Response apply(Rng& rng, std::size_t key, const Request& request, bool plant_bug) = 0;
  // The request issued once per key after the run (set: a final read); empty f for none.
  virtual Request final_request() const { return {}; }
};

// The service for options.workload; throws std::invalid_argument for an unknown workload.
std::unique_ptr<Service> make_service(const SimOptions& options);

}  // namespace faultline::sim
