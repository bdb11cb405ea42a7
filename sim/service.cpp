#include "sim/service.h"

#include <stdexcept>

#include "sim/counter_service.h"
#include "sim/kv_service.h"
#include "sim/register_service.h"
#include "sim/set_service.h"

namespace faultline::sim {

Bug parse_bug(const std::string& name) {
  if (name == "none") return Bug::kNone;
  if (name == "stale-read") return Bug::kStaleRead;
  if (name == "lost-write") return Bug::kLostWrite;
  if (name == "duplicate") return Bug::kDuplicate;
  if (name == "phantom") return Bug::kPhantom;
  throw std::invalid_argument("unknown bug '" + name +
                              "' (none, stale-read, lost-write, duplicate, phantom)");
}

std::unique_ptr<Service> make_service(const SimOptions& options) {
  const Bug bug = parse_bug(options.bug);
  const std::string& w = options.workload;
  if (w == "register") return std::make_unique<RegisterService>(options.keys, false, bug);
  if (w == "cas-register") return std::make_unique<RegisterService>(options.keys, true, bug);
  if (w == "kv") return std::make_unique<KvService>(options.keys, bug);
  if (w == "set") return std::make_unique<SetService>(options.keys, bug);
  if (w == "counter") return std::make_unique<CounterService>(options.keys, bug);
  throw std::invalid_argument("unknown workload '" + w +
                              "' (register, cas-register, kv, set, counter)");
}

void validate(const SimOptions& o) {
  auto rate = [](double r) { return r >= 0 && r <= 1; };
  if (o.processes == 0) throw std::invalid_argument("processes must be at least 1");
  if (o.keys == 0) throw std::invalid_argument("keys must be at least 1");
  if (!rate(o.info_rate)) throw std::invalid_argument("info-rate must be in [0, 1]");
  if (!rate(o.fail_rate)) throw std::invalid_argument("fail-rate must be in [0, 1]");
  if (o.info_rate + o.fail_rate > 1) throw std::invalid_argument("info-rate + fail-rate exceeds 1");
  if (!rate(o.bug_rate)) throw std::invalid_argument("bug-rate must be in [0, 1]");
  make_service(o);  // checks workload and bug names
}

}  // namespace faultline::sim
