#include "tests/checker/differential/reference_checker.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>
#include <vector>

#include "history/pairing.h"

namespace faultline::testing {

namespace {

using nlohmann::json;
constexpr std::size_t kNever = std::numeric_limits<std::size_t>::max();

struct RefOp {
  std::string f;
  json value;  // ok: the completion's value; otherwise the invoke's
  bool ok;
  std::size_t invoke;
  std::size_t completion;  // kNever for info and pending ops
};

// One model state, kept as JSON (register value, kv string, or a sorted set as an array).
struct Model {
  std::string name;

  json init() const {
    if (name == "set") return json::array();
    if (name == "kv") return "";
    return nullptr;
  }

  static json as_set(const json& list) {
    std::vector<std::string> dumps;
    for (const json& v : list) dumps.push_back(v.dump());
    std::sort(dumps.begin(), dumps.end());
    dumps.erase(std::unique(dumps.begin(), dumps.end()), dumps.end());
    json out = json::array();
    for (const auto& d : dumps) out.push_back(json::parse(d));
    return out;
  }

  // Applies op to state; false when the model forbids it here.
  bool step(const json& state, const RefOp& op, json& next) const {
    next = state;
    if (name == "set") {
      if (op.f == "read") return as_set(op.value) == state;
      json grown = state;
      grown.push_back(op.value);
      next = as_set(grown);
      return true;
    }
    if (name == "kv") {
      if (op.f == "get") return op.value.is_null() || op.value == state;
      if (op.f == "put") next = op.value;
      else next = state.get<std::string>() + op.value.get<std::string>();
      return true;
    }
    if (op.f == "read") return op.value.is_null() || op.value == state;
    if (op.f == "write") {
      next = op.value;
      return true;
    }
    if (op.f == "cas" && name == "cas-register") {
      if (op.value[0] != state) return false;
      next = op.value[1];
      return true;
    }
    throw std::invalid_argument("reference: unknown f " + op.f + " for " + name);
  }
};

bool is_read(const Model& m, const RefOp& op) { return op.f == (m.name == "kv" ? "get" : "read"); }

class Search {
 public:
  Search(const Model& m, std::vector<RefOp> ops) : m_(m), ops_(std::move(ops)) {}

  bool run() { return dfs(0, m_.init()); }

 private:
  bool dfs(std::uint32_t done, const json& state) {
    bool all_ok_done = true;
    std::size_t horizon = kNever;  // earliest completion of an op still to linearize
    for (std::size_t i = 0; i < ops_.size(); ++i) {
      if (done & (1u << i)) continue;
      if (ops_[i].ok) all_ok_done = false;
      horizon = std::min(horizon, ops_[i].completion);
    }
    if (all_ok_done) return true;
    if (!failed_.insert({done, state.dump()}).second) return false;
    for (std::size_t i = 0; i < ops_.size(); ++i) {
      if ((done & (1u << i)) || ops_[i].invoke > horizon) continue;
      json next;
      if (m_.step(state, ops_[i], next) && dfs(done | (1u << i), next)) return true;
    }
    return false;
  }

  const Model& m_;
  std::vector<RefOp> ops_;
  std::set<std::pair<std::uint32_t, std::string>> failed_;
};

}  // namespace

bool reference_linearizable(const history::History& h, const std::string& model) {
  const Model m{model};
  std::map<std::string, std::vector<RefOp>> partitions;
  for (const history::Operation& o : history::pair_operations(h)) {
    if (o.outcome == history::OpType::kFail) continue;
    const history::Op& invoke = h.ops[o.invoke];
    RefOp op{invoke.f, invoke.value, o.outcome == history::OpType::kOk, o.invoke, kNever};
    if (op.ok) {
      op.value = h.ops[o.completion].value;
      op.completion = o.completion;
    }
    if (!op.ok && is_read(m, op)) continue;  // an unobserved read changes nothing
    partitions[invoke.key.dump()].push_back(std::move(op));
  }
  for (auto& [key, ops] : partitions) {
    if (ops.size() > 31) throw std::invalid_argument("reference: history too large");
    if (!Search(m, std::move(ops)).run()) return false;
  }
  return true;
}

}  // namespace faultline::testing
