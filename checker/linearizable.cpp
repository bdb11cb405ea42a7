#include "checker/linearizable.h"

#include <algorithm>
#include <atomic>
#include <cassert>
#include <chrono>
#include <exception>
#include <memory>
#include <mutex>
#include <utility>

#include <boost/container/small_vector.hpp>
#include <tbb/info.h>
#include <tbb/task_arena.h>
#include <tbb/task_group.h>

#include "checker/budget.h"
#include "checker/counterexample.h"
#include "checker/models.h"
#include "checker/partition.h"
#include "checker/pending_index.h"
#include "checker/wgl.h"
#include "history/input_error.h"

namespace faultline::checker {
namespace {

using history::History;
using history::Operation;
using history::OpType;
using nlohmann::json;

// From this many operations on, partitioning, encoding and the searches run on a task arena of
// options.threads threads; below it everything runs on the calling thread, with no tasks.
constexpr std::size_t kParallelFrom = 1000;
constexpr std::size_t kPartitionChunk = 4096;
// The group-by's chunks per thread: more than one, so that a core busy elsewhere holds up less.
constexpr unsigned kChunksPerThread = 4;

// The value an op is checked with: what the completion reported when the op is ok and reported
// one (an ok read's value is only there), else what the invoke carried. `reported` says which:
// the read values in an invoke (a txn's ["r", "x", null]) are placeholders, not observations.
const json& op_value(const History& h, const Operation& o, bool& reported) {
  reported = false;
  if (o.outcome == OpType::kOk) {
    const json& done = h.ops[o.completion].value;
    reported = !done.is_null() || h.ops[o.invoke].value.is_null();
    if (reported) return done;
  }
  return h.ops[o.invoke].value;
}

// The error for an op the model refuses, naming its invoke's line.
history::InputError bad_op(const History& h, const Operation& o, const ModelError& e) {
  return history::InputError(h.path, h.line_of(o.invoke), 1, e.what());
}

// One partition's model and ops, filled by encode_all, by its lane, or just before its search
// (a deferred model, in run()). Not cache-line aligned:
// an over-aligned type takes aligned new, which cost a 2-op check 25% (0.40 -> 0.52 us), and
// aligning measured no gain for two lanes appending to neighbouring partitions.
// Made in place from the model's factory: a model with inline tables is costly to move, and a
// tiny history's one partition is never moved.
template <class Model>
struct Encoded {
  template <class Make>
  Encoded(const Make& make, const nlohmann::json& init) : model(make(init)) {}

  Model model;
  std::vector<SearchOp> ops;
  PendingIndex last_pending;
};

// Encodes one operation into its partition's model. Its callers encode in history order (one
// pass, or one per lane, so that a large history is read sequentially; a per-partition pass
// would jump across it and stall on memory), except a deferred model's, which validates every op
// in history order first: either way the first bad op in the file is the one reported.
template <class Model>
void encode_one(Encoded<Model>& part, const History& h, const Operation& o) {
  const history::Op& invoke = h.ops[o.invoke];
  const bool ok = o.outcome == OpType::kOk;
  SearchOp s;
  try {
    bool reported;
    const json& value = op_value(h, o, reported);
    s.op = part.model.encode(invoke.f, value, reported);
  } catch (const ModelError& e) {
    throw bad_op(h, o, e);
  }
  if (!ok && part.model.droppable_if_indeterminate(s.op)) return;
  s.call = o.invoke;
  s.ret = ok ? o.completion : kPendingRet;
  s.index = invoke.index;
  if (!ok) {
    const auto here = static_cast<std::int32_t>(part.ops.size());
    s.prev_equiv = part.last_pending.exchange(s.op, here);
  }
  part.ops.push_back(s);
}

// Below this many ops a failed search is traced from the start: the trace's copies cost less
// than a second search. Above it the first search runs untraced and a second one traces, under
// the same deadline and memory cap (wgl_check).
constexpr std::size_t kTraceFirstBelow = 4096;

std::string_view reason_name(SearchStatus s) {
  return s == SearchStatus::kTimeLimit ? "time-limit" : "memory-limit";
}

// Searches one partition; on a violation keep(trace, trace_status) takes the counterexample's
// trace (TracedVerdict::trace says how it ended). The model's tables count against `budget`
// during the search (the scope), so the caller frees the partition before the next search: that
// search's cap would not count what this one kept.
template <class Model, class Keep>
SearchStatus check_partition(Encoded<Model>& part, Budget& budget, Keep keep) {
  ChargeScope scope(budget);
  try {
    SearchTrace trace;
    const TracedVerdict v =
        wgl_check(part.model, part.ops, budget, trace, part.ops.size() < kTraceFirstBelow);
    if (v.status == SearchStatus::kNotLinearizable) {
      part.last_pending = {};
      keep(std::move(trace), v.trace);
    }
    return v.status;
  } catch (const std::bad_alloc&) {
    // The searches turn their own bad_alloc into kMemoryLimit; this is the last line of defence
    // for what is left (keeping the failure), so that the check says unknown, not exit 255.
    return SearchStatus::kMemoryLimit;
  }
}

// One task arena per thread count, made on first use and kept: making an arena costs more than
// checking a small history. Arenas are never destroyed (TBB may be gone by static destruction).
// The table itself is never destroyed either, so the arenas stay reachable (no leak report).
tbb::task_arena& shared_arena(unsigned threads) {
  static std::mutex mutex;
  static auto* arenas = new std::vector<std::unique_ptr<tbb::task_arena>>();
  std::lock_guard<std::mutex> lock(mutex);
  if (arenas->size() <= threads) arenas->resize(threads + 1);
  auto& arena = (*arenas)[threads];
  if (!arena) arena = std::make_unique<tbb::task_arena>(static_cast<int>(threads));
  return *arena;
}

struct Counts {
  std::size_t valid = 0, invalid = 0, unknown = 0, cancelled = 0;
};

// One invalid partition's counterexample data: its trace, how the trace ended, its key, and
// where its partition is kept (LinearizableDetail::parts).
struct KeptFailure {
  std::uint32_t part;
  SearchStatus trace_status;  // TracedVerdict::trace
  SearchTrace trace;
  json key;
};

// What a linearizable result renders from (docs/formats/results.md). It keeps the invalid
// partitions' models and ops for as long as the result lives: they are what a counterexample is
// rendered from, and the model alone can name its states. Once the check is done only invalid
// partitions are kept (one, unless all_failures), and not what the search alone needed. The check
// encodes into `parts` from the start, so that a tiny history's one partition, when invalid, is
// kept where it was made, never moved. (Inside the class, json() is ResultDetail's: the type is
// spelled out.)
template <class Model>
class LinearizableDetail final : public ResultDetail {
 public:
  std::string model;
  double elapsed_ms = 0;
  std::size_t total = 0;
  Counts counts;
  Verdict verdict = Verdict::kValid;
  std::string_view unknown_reason;  // a static string, or empty
  boost::container::small_vector<Encoded<Model>, 1> parts;
  boost::container::small_vector<KeptFailure, 1> failures;  // in partition order

 protected:
  // Keys are inserted in map order, so that each insert is O(1).
  nlohmann::json render() const override {
    nlohmann::json partitions = nlohmann::json::object();
    auto& p = partitions.get_ref<nlohmann::json::object_t&>();
    p.emplace_hint(p.end(), "cancelled", counts.cancelled);
    p.emplace_hint(p.end(), "invalid", counts.invalid);
    p.emplace_hint(p.end(), "total", total);
    p.emplace_hint(p.end(), "unknown", counts.unknown);
    p.emplace_hint(p.end(), "valid", counts.valid);
    nlohmann::json rendered = nlohmann::json::array();
    for (const KeptFailure& f : failures) rendered.push_back(render_failure(f));
    nlohmann::json out = nlohmann::json::object();
    auto& o = out.get_ref<nlohmann::json::object_t&>();
    o.emplace_hint(o.end(), "checker", "linearizable");
    o.emplace_hint(o.end(), "elapsed_ms", elapsed_ms);
    o.emplace_hint(o.end(), "failures", std::move(rendered));
    o.emplace_hint(o.end(), "model", model);
    o.emplace_hint(o.end(), "partitions", std::move(partitions));
    nlohmann::json reason = nullptr;
    if (verdict == Verdict::kUnknown && !unknown_reason.empty()) reason = unknown_reason;
    o.emplace_hint(o.end(), "unknown_reason", std::move(reason));
    o.emplace_hint(o.end(), "verdict", to_string(verdict));
    return out;
  }

 private:
  // A trace that a limit cut short renders what it reached, with "trace_limit" naming the limit.
  nlohmann::json render_failure(const KeptFailure& f) const {
    const Encoded<Model>& part = parts[f.part];
    const bool complete = f.trace_status == SearchStatus::kNotLinearizable;
    nlohmann::json out = f.trace.states.empty()
                             ? nothing_reached(f, part)
                             : counterexample(part.model, part.ops, f.trace, f.key);
    out["trace_limit"] =
        complete ? nlohmann::json(nullptr) : nlohmann::json(reason_name(f.trace_status));
    if (!complete && !f.trace.states.empty()) {
      out["message"] = out["message"].get<std::string>() + " (the counterexample's search was cut " +
                       "short by the " + std::string(reason_name(f.trace_status)) +
                       ": a longer linearizable prefix may exist)";
    }
    return out;
  }

  // The trace stopped before it met an op it could not linearize: the violation stands, with
  // nothing to show for it.
  static nlohmann::json nothing_reached(const KeptFailure& f, const Encoded<Model>& part) {
    return {{"concurrent", nlohmann::json::array()},
            {"failed_op", nullptr},
            {"key", f.key},
            {"longest_prefix", nlohmann::json::array()},
            {"message", "not linearizable (no order of the " + std::to_string(part.ops.size()) +
                            " ops satisfies the " + std::string(part.model.name()) +
                            "), but the counterexample's search was cut short by the " +
                            std::string(reason_name(f.trace_status)) +
                            " before it met an op it could not linearize"},
            {"states", nlohmann::json::array()}};
  }
};

template <class Make>
CheckResult run(Make make, const History& h, const std::vector<Operation>& operations,
                const CheckOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  using Model = decltype(make(options.init));
  // The first partition's model is made first, so that a bad --init is reported before any op.
  // A tiny history's one partition is kept inline in the result (as is its failure, and its
  // outcome here): a check of a few ops allocates little but the result and the partition's ops.
  auto detail = std::make_shared<LinearizableDetail<Model>>();
  auto& encoded = detail->parts;
  try {
    encoded.emplace_back(make, options.init);
  } catch (const ModelError& e) {
    throw history::InputError("--init", 0, 0, e.what());
  }
  // No more threads than the cores this process may run on: TBB would not start the extra
  // workers anyway, and would say so on stderr. (Asking TBB costs more than a tiny check: a
  // small history does not.)
  unsigned threads = 1;
  if (operations.size() >= kParallelFrom && options.threads != 1) {
    const auto cores = static_cast<unsigned>(tbb::info::default_concurrency());
    threads = options.threads != 0 ? std::min(options.threads, cores) : cores;
  }
  const bool parallel = threads > 1;
  tbb::task_arena* arena = parallel ? &shared_arena(threads) : nullptr;
  // Partitioning makes one chunk per 4096 ops or so (partition.h); below 8192 ops it needs no
  // arena.
  // Initialized, not assigned: a tiny history's lists are inline, so a move copies them.
  Partitioning partitioning =
      parallel && operations.size() >= 2 * kPartitionChunk
          ? arena->execute([&] {
              return partition_operations(h, operations, Model::kPartitionByKey,
                                          kChunksPerThread * threads, threads);
            })
          : partition_operations(h, operations, Model::kPartitionByKey, 1, parallel ? threads : 1);
  const auto& parts = partitioning.parts;
  const bool fan_out = parallel && parts.size() > 1;
  assert(!fan_out || partitioning.lane_pieces.size() == threads);
  if (parts.empty()) encoded.clear();
  encoded.reserve(parts.size());
  for (std::size_t p = 1; p < parts.size(); ++p) encoded.emplace_back(make, options.init);
  // Sizes partition p's tables for its ops, just before they are encoded.
  auto prepare = [&](std::size_t p) {
    encoded[p].ops.reserve(parts[p].size);
    Model& model = encoded[p].model;
    if constexpr (requires { model.reserve(std::size_t{}); }) model.reserve(parts[p].size);
  };
  // A model whose encode() costs far more than its validate() (checker/models.h) has every op
  // validated first, in history order (the first bad op in the file is reported before any
  // search), and then each partition encoded only when it is searched: a check that stops at its
  // first violation encodes no more partitions. Only on one lane, where the single pass listed
  // the kept ops; a lone partition gains nothing from it.
  constexpr bool kValidates = requires(std::string_view f, const json& v) {
    Model::validate(f, v);
  };
  const bool deferred = kValidates && !parallel && parts.size() > 1;
  if (!deferred) {
    for (std::size_t p = 0; p < parts.size(); ++p) prepare(p);
  }
  boost::container::small_vector<SearchStatus, 1> outcomes(parts.size(), SearchStatus::kCancelled);
  Budget budget(options.time_limit_s, options.memory_limit_bytes);
  std::mutex failures_mutex;
  auto search_one = [&](std::size_t p) {
    if (budget.cancelled()) return;
    outcomes[p] = check_partition(encoded[p], budget, [&](SearchTrace&& trace, SearchStatus how) {
      {
        std::lock_guard<std::mutex> lock(failures_mutex);
        detail->failures.push_back(
            {static_cast<std::uint32_t>(p), how, std::move(trace), parts[p].key});
      }
      // Only once recorded: a push that throws leaves this partition unknown, not the others.
      if (!options.all_failures) budget.cancel();
    });
  };
  // Frees partition p once searched, unless it is invalid (the result keeps it).
  auto release = [&](std::size_t p) {
    if (outcomes[p] != SearchStatus::kNotLinearizable) Encoded<Model> gone = std::move(encoded[p]);
  };

  // Encoding reads the history in order, fetching ahead. Of several bad ops, the first in the
  // file is the one reported, whichever lane meets its own first.
  std::mutex error_mutex;
  std::size_t error_at = SIZE_MAX;
  std::exception_ptr error;
  auto encode_at = [&](std::size_t i) {
    try {
      encode_one(encoded[partitioning.part_of[i]], h, operations[i]);
    } catch (const history::InputError&) {
      std::lock_guard<std::mutex> lock(error_mutex);
      if (i < error_at) {
        error_at = i;
        error = std::current_exception();
      }
      return false;
    }
    return true;
  };
  constexpr std::size_t kAhead = 16;
  auto fetch = [&](const Operation& ahead) {
    __builtin_prefetch(&h.ops[ahead.invoke].f);
    __builtin_prefetch(&h.ops[ahead.invoke].value);
    if (ahead.completed()) __builtin_prefetch(&h.ops[ahead.completion].value);
  };
  // One lane: every operation but the fails, in history order. A small history is in cache or
  // soon will be: fetching ahead would only cost instructions, most for the fail ops it skips.
  // Partitioned on one lane (not parallel), the kept ops are listed, and the fail ops not visited.
  auto encode_all = [&] {
    if (!parallel) {
      const std::uint32_t* kept = partitioning.kept.data();
      const std::size_t n = partitioning.kept.size();
      if (n < kParallelFrom) {
        for (std::size_t j = 0; j < n; ++j) {
          if (!encode_at(kept[j])) return;
        }
        return;
      }
      for (std::size_t j = 0; j < n; ++j) {
        if (j + kAhead < n) fetch(operations[kept[j + kAhead]]);
        if (!encode_at(kept[j])) return;
      }
      return;
    }
    const std::size_t n = operations.size();
    const std::uint32_t* part_of = partitioning.part_of.data();
    for (std::size_t i = 0; i < n; ++i) {
      if (i + kAhead < n) fetch(operations[i + kAhead]);
      if (part_of[i] != kNoPartition && !encode_at(i)) return;
    }
  };
  // With several lanes, lane t encodes the partitions p with lane_of(p, threads) == t, reading
  // its ops in history order from the lists that partitioning made, and then frees them.
  auto encode_lane = [&](std::uint32_t lane) {
    for (const std::vector<std::uint32_t>& piece : partitioning.lane_pieces[lane]) {
      const std::size_t count = piece.size();
      for (std::size_t j = 0; j < count; ++j) {
        if (j + kAhead < count) fetch(operations[piece[j + kAhead]]);
        if (!encode_at(piece[j])) return false;
      }
    }
    partitioning.lane_pieces[lane] = {};  // only this lane touches its element
    return true;
  };

  if (deferred) {
    // The kept ops grouped by partition, each group in history order (a counting sort).
    std::vector<std::uint32_t> start(parts.size() + 1, 0);
    for (std::size_t p = 0; p < parts.size(); ++p) start[p + 1] = start[p] + parts[p].size;
    std::vector<std::uint32_t> order(partitioning.kept.size());
    {
      std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
      for (const std::uint32_t i : partitioning.kept) order[next[partitioning.part_of[i]]++] = i;
    }
    if constexpr (kValidates) {
      for (const std::uint32_t i : partitioning.kept) {
        const Operation& o = operations[i];
        bool reported;
        const json& value = op_value(h, o, reported);
        try {
          Model::validate(h.ops[o.invoke].f, value);
        } catch (const ModelError& e) {
          throw bad_op(h, o, e);
        }
      }
    }
    const bool ahead = order.size() >= kParallelFrom;  // a small history is in cache
    for (std::size_t p = 0; p < parts.size() && !budget.cancelled(); ++p) {
      prepare(p);
      for (std::uint32_t j = start[p]; j < start[p + 1]; ++j) {
        if (ahead && j + kAhead < start[p + 1]) fetch(operations[order[j + kAhead]]);
        encode_one(encoded[p], h, operations[order[j]]);
      }
      search_one(p);
      if (p + 1 < parts.size()) release(p);
    }
  } else if (!fan_out) {
    encode_all();
    if (error) std::rethrow_exception(error);
    for (std::size_t p = 0; p < parts.size(); ++p) {
      search_one(p);
      // The last partition is left to the end of the check, which comes next: a tiny history's
      // one partition is not worth a move.
      if (p + 1 < parts.size()) release(p);
    }
  } else {
    // Each lane encodes its partitions, then searches them largest first; once encoded, a lane's
    // searches are also offered to idle threads (threads - 1 helper tasks that pull from the
    // same cursor), so a lane that finishes early helps one that encodes slowly. No task waits
    // for another, so this cannot deadlock when TBB runs fewer threads than lanes.
    struct Lane {
      std::vector<std::uint32_t> parts;
      std::atomic<std::size_t> next{0};
    };
    std::vector<Lane> lane_work(threads);
    for (std::uint32_t p = 0; p < parts.size(); ++p) {
      lane_work[lane_of(p, threads)].parts.push_back(p);
    }
    for (Lane& l : lane_work) {
      std::stable_sort(l.parts.begin(), l.parts.end(), [&](std::uint32_t a, std::uint32_t b) {
        return parts[a].size > parts[b].size;
      });
    }
    auto search_lane = [&](Lane& l) {
      std::size_t k;
      while ((k = l.next.fetch_add(1, std::memory_order_relaxed)) < l.parts.size()) {
        const std::uint32_t p = l.parts[k];
        search_one(p);
        release(p);
      }
    };
    // Any other exception (bad_alloc) ends the check too, after cancelling the searches.
    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto guarded = [&](auto body) {
      try {
        body();
      } catch (...) {
        budget.cancel();
        std::lock_guard<std::mutex> lock(failure_mutex);
        if (!failure) failure = std::current_exception();
      }
    };
    arena->execute([&] {
      tbb::task_group lanes;
      for (unsigned lane = 0; lane < threads; ++lane) {
        lanes.run([&, lane] {
          guarded([&] {
            if (!encode_lane(lane)) {
              budget.cancel();  // the check ends with the input error; no search need go on
              return;
            }
            Lane& mine = lane_work[lane];
            for (unsigned k = 1; k < threads; ++k) {
              lanes.run([&] { guarded([&] { search_lane(mine); }); });
            }
            search_lane(mine);
          });
        });
      }
      lanes.wait();
    });
    if (error) std::rethrow_exception(error);
    if (failure) std::rethrow_exception(failure);
  }

  Counts& counts = detail->counts;
  for (const SearchStatus o : outcomes) {
    switch (o) {
      case SearchStatus::kLinearizable: ++counts.valid; break;
      case SearchStatus::kNotLinearizable: ++counts.invalid; break;
      case SearchStatus::kCancelled: ++counts.cancelled; break;
      default:
        ++counts.unknown;
        if (detail->unknown_reason.empty()) detail->unknown_reason = reason_name(o);
    }
  }
  // The result keeps the invalid partitions only: the first, unless all_failures (lanes may
  // have found several before the first cancelled the rest), in partition order.
  auto& failures = detail->failures;
  std::sort(failures.begin(), failures.end(),
            [](const KeptFailure& a, const KeptFailure& b) { return a.part < b.part; });
  if (!options.all_failures && failures.size() > 1) {
    failures.erase(failures.begin() + 1, failures.end());
  }
  // A lone invalid partition stays where it was made; otherwise the kept ones are gathered. The
  // list's heap buffer (a slot per partition) is freed with the rest.
  if (failures.empty()) {
    encoded.clear();
    encoded.shrink_to_fit();
  } else if (encoded.size() > 1) {
    auto all = std::move(encoded);  // takes the heap buffer: more than one slot is never inline
    encoded.clear();
    encoded.reserve(failures.size());
    for (KeptFailure& f : failures) {
      encoded.push_back(std::move(all[f.part]));
      f.part = static_cast<std::uint32_t>(encoded.size() - 1);
    }
  }
  detail->verdict = counts.invalid > 0                          ? Verdict::kInvalid
                    : (counts.unknown + counts.cancelled) > 0 ? Verdict::kUnknown
                                                                : Verdict::kValid;
  detail->model = options.model;
  detail->total = parts.size();
  detail->elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  const Verdict verdict = detail->verdict;
  return CheckResult(verdict, std::move(detail));
}

}  // namespace

CheckResult check_linearizable(const History& history, const std::vector<Operation>& operations,
                               const CheckOptions& options) {
  try {
    return visit_model(options.model, [&](auto make) {
      const bool nil_unknown = history.nil_read_unknown;
      return run([make, nil_unknown](const json& init) { return make(init, nil_unknown); }, history,
                 operations, options);
    });
  } catch (const UnknownModel& e) {
    throw history::InputError("--model", 0, 0, e.what());
  }
}

}  // namespace faultline::checker
