#include "harness/control/parallel.h"

#include <thread>

#include "harness/control/ssh_remote.h"

namespace faultline::harness {

RemoteFactory ssh_factory(SshOptions options) {
  return [options = std::move(options)](const NodeSpec& node) {
    return connect_ssh(node, options);
  };
}

std::vector<NodeOutcome> on_nodes(const std::vector<NodeSpec>& nodes, const RemoteFactory& factory,
                                  const NodeFunction& fn) {
  std::vector<NodeOutcome> outcomes(nodes.size());
  {
    std::vector<std::jthread> threads;
    threads.reserve(nodes.size());
    for (size_t i = 0; i < nodes.size(); ++i) {
      outcomes[i].node = nodes[i];
      threads.emplace_back([&, i] {
        try {
          std::unique_ptr<Remote> remote = factory(nodes[i]);
          fn(*remote, nodes[i]);
          outcomes[i].ok = true;
        } catch (const std::exception& e) {
          outcomes[i].error = e.what();
        } catch (...) {
          outcomes[i].error = "unknown exception";
        }
      });
    }
  }  // jthreads join here
  return outcomes;
}

void require_all_ok(const std::vector<NodeOutcome>& outcomes, const std::string& what) {
  std::string failures;
  for (const auto& o : outcomes) {
    if (o.ok) continue;
    failures += "\n  " + o.node.name + ": " + o.error;
  }
  if (!failures.empty()) throw RemoteError(what + " failed on:" + failures);
}

}  // namespace faultline::harness
