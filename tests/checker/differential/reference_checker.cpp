#include "tests/checker/differential/reference_checker.h"

#include <algorithm>
#include <cstdint>
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
  json value;
  bool observed;           // value is what an ok completion reported
  bool must;               // completed ok: it took effect; otherwise it may not have
  std::size_t invoke;
  std::size_t completion;  // kNever for info and pending ops
};

// A list of JSON values as a canonical multiset: sorted by their text.
json sorted(json list) {
  std::sort(list.begin(), list.end(), [](const json& a, const json& b) { return a.dump() < b.dump(); });
  return list;
}

json as_set(const json& list) {
  json out = sorted(list);
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// One model's states as JSON: a register value, a kv string, "held"/"free", a set or multiset as
// a sorted array, a fifo queue front first, a multi-register object.
struct Model {
  std::string name;
  bool nil_read_unknown;

  json init() const {
    if (name == "set" || name == "fifo-queue" || name == "unordered-queue") return json::array();
    if (name == "kv") return "";
    if (name == "mutex") return "free";
    if (name == "multi-register") return json::object();
    return nullptr;
  }

  // Whether a read of `seen` (observed or not) is consistent with the value `actual`.
  bool read_matches(const RefOp& op, const json& seen, const json& actual) const {
    if (!op.observed) return true;
    if (seen.is_null() && nil_read_unknown) return true;
    return seen == actual;
  }

  // Every state op may lead to from state; none when the model forbids it there.
  std::vector<json> next(const json& state, const RefOp& op) const {
    if (name == "register" || name == "cas-register") return register_next(state, op);
    if (name == "multi-register") return txn_next(state, op);
    if (name == "mutex") return mutex_next(state, op);
    if (name == "kv") return kv_next(state, op);
    if (name == "set") return set_next(state, op);
    if (name == "fifo-queue" || name == "unordered-queue") return queue_next(state, op);
    throw std::invalid_argument("reference: unknown model " + name);
  }

  std::vector<json> register_next(const json& state, const RefOp& op) const {
    if (op.f == "read") return read_matches(op, op.value, state) ? std::vector<json>{state} : none();
    if (op.f == "write") return {op.value};
    if (op.f == "cas" && name == "cas-register") {
      return op.value.at(0) == state ? std::vector<json>{op.value.at(1)} : none();
    }
    return unknown_f(op);
  }

  std::vector<json> txn_next(const json& state, const RefOp& op) const {
    if (op.f != "txn") return unknown_f(op);
    json regs = state;
    for (const json& micro : op.value) {
      const std::string f = micro.at(0);
      const std::string reg = micro.at(1);
      if (f == "w" || f == "write") {
        regs[reg] = micro.at(2);
      } else if (!read_matches(op, micro.at(2), regs.value(reg, json()))) {
        return none();
      }
    }
    return {regs};
  }

  std::vector<json> mutex_next(const json& state, const RefOp& op) const {
    if (op.f == "acquire") return state == "free" ? std::vector<json>{"held"} : none();
    if (op.f == "release") return state == "held" ? std::vector<json>{"free"} : none();
    return unknown_f(op);
  }

  // kv values are strings; null stands for "", what a key never written holds.
  std::vector<json> kv_next(const json& state, const RefOp& op) const {
    const std::string value = op.value.is_null() ? "" : op.value.get<std::string>();
    if (op.f == "get") return !op.observed || value == state ? std::vector<json>{state} : none();
    if (op.f == "put") return {value};
    if (op.f == "append") return {state.get<std::string>() + value};
    return unknown_f(op);
  }

  std::vector<json> set_next(const json& state, const RefOp& op) const {
    if (op.f == "read") {
      return !op.observed || as_set(op.value) == state ? std::vector<json>{state} : none();
    }
    if (op.f == "add") {
      json grown = state;
      grown.push_back(op.value);
      return {as_set(grown)};
    }
    return unknown_f(op);
  }

  std::vector<json> queue_next(const json& state, const RefOp& op) const {
    const bool fifo = name == "fifo-queue";
    if (op.f == "enqueue") {
      json grown = state;
      grown.push_back(op.value);
      return {fifo ? grown : sorted(grown)};
    }
    if (op.f != "dequeue") return unknown_f(op);
    if (state.empty()) {
      // A dequeue of an empty queue returns null; one not observed may have done so.
      return !op.observed || op.value.is_null() ? std::vector<json>{state} : none();
    }
    std::vector<json> out;
    for (std::size_t i = 0; i < (fifo ? 1 : state.size()); ++i) {
      if (op.observed && state[i] != op.value) continue;
      json rest = state;
      rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(i));
      out.push_back(rest);
    }
    return out;
  }

  static std::vector<json> none() { return {}; }
  std::vector<json> unknown_f(const RefOp& op) const {
    throw std::invalid_argument("reference: the " + name + " model has no f " + op.f);
  }
};

// Depth-first over linearizations of one partition: the next op may be any not yet taken whose
// invoke precedes every completion still to come. Succeeds once every ok op is taken.
class Search {
 public:
  Search(const Model& m, std::vector<RefOp> ops) : m_(m), ops_(std::move(ops)) {}

  bool run() { return dfs(0, m_.init()); }

 private:
  bool dfs(std::uint32_t done, const json& state) {
    bool musts_done = true;
    std::size_t horizon = kNever;
    for (std::size_t i = 0; i < ops_.size(); ++i) {
      if (done & (1u << i)) continue;
      musts_done = musts_done && !ops_[i].must;
      horizon = std::min(horizon, ops_[i].completion);
    }
    if (musts_done) return true;
    if (!failed_.insert({done, state.dump()}).second) return false;
    for (std::size_t i = 0; i < ops_.size(); ++i) {
      if ((done & (1u << i)) || ops_[i].invoke > horizon) continue;
      for (const json& next : m_.next(state, ops_[i])) {
        if (dfs(done | (1u << i), next)) return true;
      }
    }
    return false;
  }

  const Model& m_;
  std::vector<RefOp> ops_;
  std::set<std::pair<std::uint32_t, std::string>> failed_;  // configurations that led nowhere
};

}  // namespace

bool reference_linearizable(const history::History& h, const std::string& model) {
  const Model m{model, h.nil_read_unknown};
  std::map<std::string, std::vector<RefOp>> partitions;
  for (const history::Operation& o : history::pair_operations(h)) {
    if (o.outcome == history::OpType::kFail) continue;
    const history::Op& invoke = h.ops[o.invoke];
    RefOp op{invoke.f, invoke.value, false, false, o.invoke, kNever};
    if (o.outcome == history::OpType::kOk) {
      op.must = true;
      op.completion = o.completion;
      const json& reported = h.ops[o.completion].value;
      if (!reported.is_null() || invoke.value.is_null()) {
        op.value = reported;
        op.observed = true;
      }
    }
    partitions[invoke.key.dump()].push_back(std::move(op));
  }
  for (auto& [key, ops] : partitions) {
    if (ops.size() > 31) throw std::invalid_argument("reference: history too large");
    if (!Search(m, std::move(ops)).run()) return false;
  }
  return true;
}

}  // namespace faultline::testing
