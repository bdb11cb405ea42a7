// The differential test: checker::check against a brute-force reference (reference_checker.h)
// on thousands of small histories, random ones and simulated ones with planted bugs. On a
// disagreement it shrinks the history (dropping whole operations while they still disagree)
// and prints it as JSONL.
#include <catch2/catch.hpp>

#include <cstdio>
#include <sstream>

#include "checker/check.h"
#include "history/jsonl_writer.h"
#include "history/pairing.h"
#include "sim/rng.h"
#include "sim/simulate.h"
#include "tests/checker/differential/reference_checker.h"

using namespace faultline;
using nlohmann::json;

namespace {

checker::Verdict faultline_verdict(const history::History& h, const std::string& model) {
  checker::CheckOptions options;
  options.model = model;
  options.threads = 1;
  return checker::check(h, history::pair_operations(h), options).verdict;
}

checker::Verdict reference_verdict(const history::History& h, const std::string& model) {
  return testing::reference_linearizable(h, model) ? checker::Verdict::kValid : checker::Verdict::kInvalid;
}

bool disagree(const history::History& h, const std::string& model) {
  return faultline_verdict(h, model) != reference_verdict(h, model);
}

// The history without operation `drop` (its invoke and completion), re-indexed.
history::History without(const history::History& h, const history::Operation& drop) {
  history::History out;
  out.path = h.path;
  for (std::size_t i = 0; i < h.ops.size(); ++i) {
    if (i == drop.invoke || i == drop.completion) continue;
    out.ops.push_back(h.ops[i]);
    out.ops.back().index = static_cast<std::int64_t>(out.ops.size() - 1);
  }
  return out;
}

history::History shrink(history::History h, const std::string& model) {
  for (bool smaller = true; smaller;) {
    smaller = false;
    for (const history::Operation& o : history::pair_operations(h)) {
      history::History candidate = without(h, o);
      if (disagree(candidate, model)) {
        h = std::move(candidate);
        smaller = true;
        break;
      }
    }
  }
  return h;
}

std::string describe(const history::History& h, const std::string& model) {
  std::ostringstream out;
  out << "model " << model << ": faultline says " << checker::to_string(faultline_verdict(h, model))
      << ", the reference says " << checker::to_string(reference_verdict(h, model)) << "\n";
  for (const history::Op& op : h.ops) out << history::to_jsonl(op) << "\n";
  return out.str();
}

// Random histories: 3 to 8 operations by 2 to 4 processes over values drawn from a tiny range,
// so that both verdicts are common. Some complete as fail or info, a few stay pending.
history::History random_history(sim::Rng& rng, const std::string& model) {
  history::History h;
  h.path = "random";
  const std::size_t total = 3 + rng.below(6);
  const std::size_t processes = 2 + rng.below(3);
  std::vector<std::int64_t> id(processes);
  std::vector<int> pending(processes, -1);  // index in h.ops of the open invoke
  for (std::size_t p = 0; p < processes; ++p) id[p] = static_cast<std::int64_t>(p);
  std::int64_t fresh = static_cast<std::int64_t>(processes);
  std::size_t issued = 0;
  auto small = [&] { return json(rng.below(3)); };
  auto str = [&] { return json(rng.below(2) ? "a" : "b"); };
  auto choose = [&](history::Op& op) {
    const std::uint64_t k = rng.below(3);
    if (model == "set") {
      op.f = k == 0 ? "read" : "add";
      op.value = k == 0 ? json() : small();
    } else if (model == "kv") {
      op.f = k == 0 ? "get" : (k == 1 ? "put" : "append");
      op.value = k == 0 ? json() : str();
    } else {
      op.f = k == 0 ? "read" : (k == 1 || model == "register" ? "write" : "cas");
      op.value = k == 0 ? json() : (op.f == "cas" ? json{rng.below(3), rng.below(3)} : small());
    }
  };
  auto read_result = [&](const std::string& f) -> json {
    if (model == "set") {
      json list = json::array();
      for (int v = 0; v < 3; ++v) if (rng.below(2)) list.push_back(v);
      return list;
    }
    if (model == "kv") {
      static const char* strings[] = {"", "a", "b", "ab", "ba", "aa"};
      return strings[rng.below(6)];
    }
    (void)f;
    return rng.below(5) == 0 ? json() : small();
  };
  auto push = [&](history::Op op) {
    op.index = static_cast<std::int64_t>(h.ops.size());
    op.time = op.index * 10;
    h.ops.push_back(std::move(op));
  };
  for (;;) {
    std::vector<std::size_t> idle, busy;
    for (std::size_t p = 0; p < processes; ++p) (pending[p] < 0 ? idle : busy).push_back(p);
    const bool can_invoke = issued < total && !idle.empty();
    if (!can_invoke && busy.empty()) break;
    if (can_invoke && (busy.empty() || rng.below(2) == 0)) {
      const std::size_t p = idle[rng.below(idle.size())];
      history::Op op;
      op.process = id[p];
      choose(op);
      pending[p] = static_cast<int>(h.ops.size());
      push(op);
      ++issued;
      continue;
    }
    const std::size_t p = busy[rng.below(busy.size())];
    history::Op op = h.ops[static_cast<std::size_t>(pending[p])];
    pending[p] = -1;
    const std::uint64_t roll = rng.below(20);
    if (roll == 0 && issued >= total) continue;  // left pending
    if (roll <= 2) {
      op.type = history::OpType::kInfo;
      id[p] = fresh++;
    } else if (roll <= 4) {
      op.type = history::OpType::kFail;
    } else {
      op.type = history::OpType::kOk;
      if (op.f == "read" || op.f == "get") op.value = read_result(op.f);
    }
    push(op);
  }
  return h;
}

struct Tally {
  std::size_t checked = 0, valid = 0, invalid = 0;
  std::optional<history::History> smallest;
};

void compare(const history::History& h, const std::string& model, Tally& t) {
  ++t.checked;
  const checker::Verdict ref = reference_verdict(h, model);
  (ref == checker::Verdict::kValid ? t.valid : t.invalid)++;
  if (faultline_verdict(h, model) == ref) return;
  history::History small = shrink(h, model);
  if (!t.smallest || small.ops.size() < t.smallest->ops.size()) t.smallest = std::move(small);
}

void report(const Tally& t, const std::string& model) {
  std::printf("differential: model %s: %zu histories, %zu valid, %zu invalid by the reference\n",
              model.c_str(), t.checked, t.valid, t.invalid);
  INFO("model " << model << ": " << t.checked << " histories, " << t.valid << " valid, " << t.invalid
                << " invalid by the reference");
  if (t.smallest) FAIL("smallest disagreement:\n" << describe(*t.smallest, model));
  // Both verdicts must be exercised, or the comparison proves little.
  CHECK(t.valid > t.checked / 20);
  CHECK(t.invalid > t.checked / 20);
}

// Sanitizer builds run about 30 times slower: they check a sample, the release build all.
#ifdef __SANITIZE_ADDRESS__
constexpr int kRandomPerModel = 600;
constexpr int kSimPerBug = 40;
#else
constexpr int kRandomPerModel = 5000;
constexpr int kSimPerBug = 150;
#endif

}  // namespace

TEST_CASE("differential: random small histories") {
  for (const std::string model : {"register", "cas-register", "set", "kv"}) {
    sim::Rng rng(0xfa17 + model.size());
    Tally t;
    for (int i = 0; i < kRandomPerModel; ++i) compare(random_history(rng, model), model, t);
    report(t, model);
  }
}

TEST_CASE("differential: small simulated histories, with and without planted bugs") {
  const std::pair<const char*, const char*> workloads[] = {
      {"register", "register"}, {"cas-register", "cas-register"}, {"set", "set"}, {"kv", "kv"}};
  for (const auto& [workload, model] : workloads) {
    Tally t;
    std::uint64_t seed = 1;
    for (const char* bug : {"none", "stale-read", "lost-write", "duplicate", "phantom"}) {
      for (int i = 0; i < kSimPerBug; ++i) {
        sim::SimOptions o;
        o.workload = workload;
        o.seed = seed++;
        o.ops = 3 + i % 6;
        o.processes = 2 + i % 3;
        o.info_rate = 0.1;
        o.fail_rate = 0.1;
        o.bug = bug;
        o.bug_rate = 0.3;
        const history::History h = sim::simulate(o);
        if (std::string(bug) == "none") {
          INFO(describe(h, model));
          REQUIRE(reference_verdict(h, model) == checker::Verdict::kValid);
        }
        compare(h, model, t);
      }
    }
    report(t, model);
  }
}
