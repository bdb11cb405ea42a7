// The differential test: checker::check against a brute-force reference (reference_checker.h)
// on thousands of small histories per model, random ones for all eight models and simulated ones
// with planted bugs for those the simulator has. Random histories mix ok, fail, info and pending
// ops, ok completions of null (the invoke's value stands), and, for the register models and
// multi-register, both meanings of a read of null (History::nil_read_unknown). On a disagreement
// it shrinks the history (dropping whole operations while they still disagree) and prints it as
// JSONL.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <iterator>
#include <optional>
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

// What counts as a disagreement: any difference, or (where the checker is documented to lean
// towards valid) only an invalid from faultline where the reference says valid.
enum class Agreement { kSameVerdict, kNeverWronglyInvalid };

bool disagree(const history::History& h, const std::string& model, Agreement agreement) {
  const checker::Verdict ours = faultline_verdict(h, model);
  const checker::Verdict ref = reference_verdict(h, model);
  if (agreement == Agreement::kNeverWronglyInvalid) {
    return ours == checker::Verdict::kInvalid && ref == checker::Verdict::kValid;
  }
  return ours != ref;
}

// The history without operation `drop` (its invoke and completion), re-indexed.
history::History without(const history::History& h, const history::Operation& drop) {
  history::History out;
  out.path = h.path;
  out.nil_read_unknown = h.nil_read_unknown;
  for (std::size_t i = 0; i < h.ops.size(); ++i) {
    if (i == drop.invoke || i == drop.completion) continue;
    out.ops.push_back(h.ops[i]);
    out.ops.back().index = static_cast<std::int64_t>(out.ops.size() - 1);
  }
  return out;
}

history::History shrink(history::History h, const std::string& model, Agreement agreement) {
  for (bool smaller = true; smaller;) {
    smaller = false;
    for (const history::Operation& o : history::pair_operations(h)) {
      history::History candidate = without(h, o);
      if (disagree(candidate, model, agreement)) {
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
      << ", the reference says " << checker::to_string(reference_verdict(h, model))
      << (h.nil_read_unknown ? " (nil_read_unknown: a read of null observed nothing, as in EDN)" : "")
      << "\n";
  for (const history::Op& op : h.ops) out << history::to_jsonl(op) << "\n";
  return out.str();
}

// Random ops of one model over tiny value ranges, so that both verdicts are common.
class OpMaker {
 public:
  // valued_dequeues: dequeue invokes sometimes carry a value, so that an ok completion of null
  // leaves the dequeued element unknown.
  OpMaker(sim::Rng& rng, std::string model, bool valued_dequeues)
      : rng_(rng), model_(std::move(model)), valued_dequeues_(valued_dequeues) {}

  // f and value of an invoke.
  void invoke(history::Op& op) {
    const std::uint64_t k = rng_.below(3);
    if (model_ == "set") {
      op.f = k == 0 ? "read" : "add";
      op.value = k == 0 ? json() : small();
    } else if (model_ == "kv") {
      op.f = k == 0 ? "get" : (k == 1 ? "put" : "append");
      op.value = k == 0 ? json() : json(rng_.below(2) ? "a" : "b");
    } else if (model_ == "mutex") {
      op.f = rng_.below(2) ? "acquire" : "release";
    } else if (model_ == "fifo-queue" || model_ == "unordered-queue") {
      op.f = rng_.below(2) ? "dequeue" : "enqueue";
      op.value = op.f == "enqueue" || (valued_dequeues_ && rng_.below(4) == 0) ? small() : json();
    } else if (model_ == "multi-register") {
      op.f = "txn";
      op.value = json::array();
      for (std::uint64_t i = 0, n = 1 + rng_.below(3); i < n; ++i) {
        const char* reg = kRegisters[rng_.below(rng_.below(3) == 0 ? 3 : 2)];
        op.value.push_back(rng_.below(2) ? json{"r", reg, nullptr} : json{"w", reg, small()});
      }
    } else {
      op.f = k == 0 ? "read" : (k == 1 || model_ == "register" ? "write" : "cas");
      if (op.f == "cas") op.value = {rng_.below(3), rng_.below(3)};
      // A read's invoke value is a placeholder: null, or now and then a value (not observed).
      if (op.f == "write" || (op.f == "read" && rng_.below(8) == 0)) op.value = small();
    }
  }

  // The value an ok completion of `invoke` reports. Now and then null: the invoke's value stands
  // then, and its reads were not observed (but a set read of null is bad input).
  json ok_value(const history::Op& invoke) {
    const std::string& f = invoke.f;
    if (rng_.below(10) == 0 && !(f == "read" && model_ == "set")) return nullptr;
    if (f == "read" && model_ == "set") {
      json list = json::array();
      for (int v = 0; v < 3; ++v) {
        if (rng_.below(2)) list.push_back(v);
      }
      return list;
    }
    if (f == "get") return kStrings[rng_.below(6)];
    if (f == "read" || f == "dequeue") return rng_.below(4) == 0 ? json() : small();
    if (f == "txn") {
      json txn = invoke.value;
      for (json& micro : txn) {
        if (micro[0] == "r") micro[2] = rng_.below(5) == 0 ? json() : small();
      }
      return txn;
    }
    return invoke.value;
  }

 private:
  json small() { return json(rng_.below(3)); }

  static constexpr const char* kRegisters[] = {"x", "y", "z"};
  static constexpr const char* kStrings[] = {"", "a", "b", "ab", "ba", "aa"};
  sim::Rng& rng_;
  std::string model_;
  bool valued_dequeues_;
};

bool reads_null_as_unknown_sometimes(const std::string& model) {
  return model == "register" || model == "cas-register" || model == "multi-register";
}

// Random histories: 3 to 10 operations by 2 to 4 processes, sometimes on two keys. Some complete
// as fail or info, a few stay pending. The register models and multi-register read null as a
// value or (as EDN histories do) as not observed, at random.
history::History random_history(sim::Rng& rng, const std::string& model, bool valued_dequeues = false) {
  history::History h;
  h.path = "random";
  h.nil_read_unknown = reads_null_as_unknown_sometimes(model) && rng.below(2) == 0;
  OpMaker make(rng, model, valued_dequeues);
  const bool keyed = rng.below(4) == 0;
  const std::size_t total = 3 + rng.below(8);
  const std::size_t processes = 2 + rng.below(3);
  std::vector<std::int64_t> id(processes);
  std::vector<int> pending(processes, -1);  // index in h.ops of the open invoke
  for (std::size_t p = 0; p < processes; ++p) id[p] = static_cast<std::int64_t>(p);
  std::int64_t fresh = static_cast<std::int64_t>(processes);
  std::size_t issued = 0;
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
      if (keyed) op.key = rng.below(2) ? "k1" : "k2";
      make.invoke(op);
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
      op.value = make.ok_value(op);
    }
    push(op);
  }
  return h;
}

struct Tally {
  std::size_t checked = 0, valid = 0, invalid = 0;
  std::size_t leaning = 0;  // valid by faultline, invalid by the reference, where that is allowed
  std::optional<history::History> smallest;
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
};

void compare(const history::History& h, const std::string& model, Tally& t,
             Agreement agreement = Agreement::kSameVerdict) {
  ++t.checked;
  const checker::Verdict ref = reference_verdict(h, model);
  (ref == checker::Verdict::kValid ? t.valid : t.invalid)++;
  if (!disagree(h, model, agreement)) {
    if (faultline_verdict(h, model) != ref) ++t.leaning;
    return;
  }
  history::History small = shrink(h, model, agreement);
  if (!t.smallest || small.ops.size() < t.smallest->ops.size()) t.smallest = std::move(small);
}

void report(const Tally& t, const std::string& model, const char* what = "") {
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - t.start;
  std::printf("differential: model %s%s: %zu histories, %zu valid, %zu invalid by the reference",
              model.c_str(), what, t.checked, t.valid, t.invalid);
  if (t.leaning > 0) std::printf(", %zu of those valid by faultline", t.leaning);
  std::printf(" (%.2f s)\n", elapsed.count());
  INFO("model " << model << what << ": " << t.checked << " histories, " << t.valid << " valid, "
                << t.invalid << " invalid by the reference");
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
constexpr int kRandomPerModel = 20000;
constexpr int kSimPerBug = 150;
#endif

const char* const kModels[] = {"register", "cas-register", "multi-register", "mutex",
                               "kv",       "set",          "fifo-queue",     "unordered-queue"};

}  // namespace

TEST_CASE("differential: random small histories") {
  for (std::uint64_t m = 0; m < std::size(kModels); ++m) {
    const std::string model = kModels[m];
    DYNAMIC_SECTION(model) {
      sim::Rng rng(0xfa17 + m);
      Tally t;
      for (int i = 0; i < kRandomPerModel; ++i) compare(random_history(rng, model), model, t);
      report(t, model);
    }
  }
}

// A dequeue whose invoke carried a value and whose ok completion reported null dequeued an element
// not known. unordered-queue checks it by deferring which element it took, as it does for info
// dequeues, which may accept a history no order explains (docs/checking.md); it must never
// reject one that some order explains. fifo-queue checks it exactly.
TEST_CASE("differential: dequeues whose ok value is not known") {
  for (const std::string model : {"fifo-queue", "unordered-queue"}) {
    DYNAMIC_SECTION(model) {
      sim::Rng rng(0xde9 + model.size());
      Tally t;
      const Agreement agreement =
          model == "fifo-queue" ? Agreement::kSameVerdict : Agreement::kNeverWronglyInvalid;
      for (int i = 0; i < kRandomPerModel / 2; ++i) {
        compare(random_history(rng, model, true), model, t, agreement);
      }
      report(t, model, " with valued dequeue invokes");
    }
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
        history::History h = sim::simulate(o);
        h.nil_read_unknown = reads_null_as_unknown_sometimes(model) && seed % 2 == 0;
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
