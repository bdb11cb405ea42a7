#include "checker/linearizable.h"

#include <algorithm>
#include <chrono>
#include <numeric>
#include <unordered_map>

#include <tbb/info.h>
#include <tbb/task_arena.h>
#include <tbb/task_group.h>

#include "checker/budget.h"
#include "checker/counterexample.h"
#include "checker/models.h"
#include "checker/partition.h"
#include "checker/wgl.h"
#include "history/input_error.h"

namespace faultline::checker {
namespace {

using history::History;
using history::Operation;
using history::OpType;
using nlohmann::json;

// Below this many operations in all, partitions are searched on the calling thread: a task costs
// more than checking a few hundred ops.
constexpr std::size_t kSerialBelow = 2000;

struct PartOutcome {
  SearchStatus status = SearchStatus::kCancelled;
  json failure;  // set when kNotLinearizable
};

// The value an op is checked with: what the completion reported when the op is ok and reported
// one (an ok read's value is only there), else what the invoke carried.
const json& op_value(const History& h, const Operation& o) {
  if (o.outcome == OpType::kOk) {
    const json& done = h.ops[o.completion].value;
    if (!done.is_null() || h.ops[o.invoke].value.is_null()) return done;
  }
  return h.ops[o.invoke].value;
}

template <class Model>
std::vector<SearchOp> encode_partition(Model& model, const History& h,
                                       const std::vector<Operation>& operations,
                                       const Partition& part) {
  std::vector<SearchOp> ops;
  ops.reserve(part.members.size());
  std::unordered_map<ModelOp, std::int32_t, ModelOpHash> last_pending;
  for (std::uint32_t m : part.members) {
    const Operation& o = operations[m];
    const history::Op& invoke = h.ops[o.invoke];
    const bool ok = o.outcome == OpType::kOk;
    SearchOp s;
    try {
      s.op = model.encode(invoke.f, op_value(h, o), ok);
    } catch (const ModelError& e) {
      throw history::InputError(h.path, h.line_of(o.invoke), 1, e.what());
    }
    if (!ok && model.droppable_if_indeterminate(s.op)) continue;
    s.call = o.invoke;
    s.ret = ok ? o.completion : kPendingRet;
    s.index = invoke.index;
    if (!ok) {
      auto [it, inserted] = last_pending.try_emplace(s.op, static_cast<std::int32_t>(ops.size()));
      if (!inserted) {
        s.prev_equiv = it->second;
        it->second = static_cast<std::int32_t>(ops.size());
      }
    }
    ops.push_back(s);
  }
  return ops;
}

template <class Make>
PartOutcome check_partition(Make& make, const History& h, const std::vector<Operation>& operations,
                            const Partition& part, const CheckOptions& options, Budget& budget) {
  auto model = make(options.init);
  const std::vector<SearchOp> ops = encode_partition(model, h, operations, part);
  PartOutcome out;
  out.status = wgl_search(model, ops, budget);
  if (out.status == SearchStatus::kNotLinearizable) {
    // Search again, tracing, with no deadline: it costs about what the first search did.
    Budget trace_budget(0, options.memory_limit_bytes);
    SearchTrace trace;
    wgl_search(model, ops, trace_budget, &trace);
    out.failure = counterexample(model, ops, trace, part.key);
  }
  return out;
}

std::string_view reason_name(SearchStatus s) {
  return s == SearchStatus::kTimeLimit ? "time-limit" : "memory-limit";
}

template <class Make>
CheckResult run(Make make, const History& h, const std::vector<Operation>& operations,
                const CheckOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  using Model = decltype(make(options.init));
  try {
    make(options.init);
  } catch (const ModelError& e) {
    throw history::InputError("--init", 0, 0, e.what());
  }
  const std::vector<Partition> parts =
      partition_operations(h, operations, Model::kPartitionByKey);
  std::vector<PartOutcome> outcomes(parts.size());
  Budget budget(options.time_limit_s, options.memory_limit_bytes);
  auto run_one = [&](std::size_t p) {
    if (budget.cancelled()) return;
    outcomes[p] = check_partition(make, h, operations, parts[p], options, budget);
    if (outcomes[p].status == SearchStatus::kNotLinearizable && !options.all_failures) {
      budget.cancel();
    }
  };

  const unsigned threads =
      options.threads != 0 ? options.threads : static_cast<unsigned>(tbb::info::default_concurrency());
  if (parts.size() <= 1 || threads == 1 || operations.size() < kSerialBelow) {
    for (std::size_t p = 0; p < parts.size(); ++p) run_one(p);
  } else {
    std::vector<std::size_t> order(parts.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return parts[a].members.size() > parts[b].members.size();
    });
    tbb::task_arena arena(static_cast<int>(threads));
    arena.execute([&] {
      tbb::task_group group;
      for (std::size_t p : order) {
        group.run([&, p] {
          run_one(p);
          if (budget.cancelled()) group.cancel();
        });
      }
      group.wait();
    });
  }

  std::size_t valid = 0, invalid = 0, unknown = 0, cancelled = 0;
  json reason = nullptr;
  json failures = json::array();
  for (const PartOutcome& o : outcomes) {
    switch (o.status) {
      case SearchStatus::kLinearizable: ++valid; break;
      case SearchStatus::kNotLinearizable:
        ++invalid;
        if (options.all_failures || failures.empty()) failures.push_back(o.failure);
        break;
      case SearchStatus::kCancelled: ++cancelled; break;
      default:
        ++unknown;
        if (reason.is_null()) reason = reason_name(o.status);
    }
  }
  CheckResult result;
  result.verdict = invalid > 0 ? Verdict::kInvalid
                   : (unknown + cancelled) > 0 ? Verdict::kUnknown
                                               : Verdict::kValid;
  const double elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  result.json = {
      {"checker", "linearizable"},
      {"model", options.model},
      {"verdict", to_string(result.verdict)},
      {"elapsed_ms", elapsed_ms},
      {"partitions",
       {{"total", parts.size()}, {"valid", valid}, {"invalid", invalid}, {"unknown", unknown},
        {"cancelled", cancelled}}},
      {"unknown_reason", result.verdict == Verdict::kUnknown ? reason : json(nullptr)},
      {"failures", std::move(failures)},
  };
  return result;
}

}  // namespace

CheckResult check_linearizable(const History& history, const std::vector<Operation>& operations,
                               const CheckOptions& options) {
  try {
    return visit_model(options.model, [&](auto make) {
      return run(make, history, operations, options);
    });
  } catch (const UnknownModel& e) {
    throw history::InputError("--model", 0, 0, e.what());
  }
}

}  // namespace faultline::checker
