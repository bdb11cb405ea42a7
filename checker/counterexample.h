// A counterexample explains why one partition is not linearizable, from a traced WGL search
// (checker/wgl.h): the longest linearizable prefix, the first op that cannot follow it, the ops
// concurrent with that op, and the model states reachable after the prefix. Rendered as one
// element of "failures" in docs/formats/results.md; ops are named by the Op::index of their invoke.
// Thread-safety: a pure function of its arguments.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "checker/search_op.h"
#include "checker/wgl.h"

namespace faultline::checker {

template <class Model>
nlohmann::json counterexample(const Model& model, const std::vector<SearchOp>& ops,
                              const SearchTrace& trace, const nlohmann::json& key) {
  nlohmann::json prefix = nlohmann::json::array();
  for (std::uint32_t i : trace.prefix) prefix.push_back(ops[i].index);
  const SearchOp& failed = ops[trace.failed];
  std::vector<std::int64_t> concurrent;
  for (const SearchOp& o : ops) {
    if (o.call < failed.ret && o.ret > failed.call) concurrent.push_back(o.index);
  }
  std::sort(concurrent.begin(), concurrent.end());
  nlohmann::json states = nlohmann::json::array();
  std::string rendered;
  for (std::size_t k = 0; k < trace.states.size(); ++k) {
    states.push_back(model.render_state(trace.states[k]));
    if (k > 0) rendered += k + 1 == trace.states.size() ? " or " : ", ";
    rendered += states.back().dump();
  }
  std::string message = model.describe(failed.op) + " at op " + std::to_string(failed.index) +
                        ", but after the longest linearizable prefix (" +
                        std::to_string(trace.prefix.size()) + " ops) the " +
                        std::string(model.name()) + " can only be " + rendered;
  return {{"key", key},
          {"longest_prefix", std::move(prefix)},
          {"failed_op", failed.index},
          {"concurrent", concurrent},
          {"states", std::move(states)},
          {"message", std::move(message)}};
}

}  // namespace faultline::checker
