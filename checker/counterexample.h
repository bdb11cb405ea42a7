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
  // Keys inserted in map order, each in O(1) and without the temporaries of an initializer list.
  nlohmann::json out = nlohmann::json::object();
  auto& o = out.get_ref<nlohmann::json::object_t&>();
  o.emplace_hint(o.end(), "concurrent", std::move(concurrent));
  o.emplace_hint(o.end(), "failed_op", failed.index);
  o.emplace_hint(o.end(), "key", key);
  o.emplace_hint(o.end(), "longest_prefix", std::move(prefix));
  o.emplace_hint(o.end(), "message", std::move(message));
  o.emplace_hint(o.end(), "states", std::move(states));
  return out;
}

}  // namespace faultline::checker
