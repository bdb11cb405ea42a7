#include "harness/workload/workload.h"

#include <stdexcept>

#include "harness/workload/register_workload.h"
#include "harness/workload/set_workload.h"

namespace faultline::harness {

std::unique_ptr<Workload> make_workload(const std::string& name, const WorkloadOptions& options) {
  if (name == "register") return std::make_unique<RegisterWorkload>(options);
  if (name == "set") return std::make_unique<SetWorkload>(options);
  throw std::invalid_argument("unknown workload '" + name + "' (register, set)");
}

}  // namespace faultline::harness
