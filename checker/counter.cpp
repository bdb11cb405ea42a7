#include "checker/counter.h"

#include <chrono>
#include <unordered_map>

#include "checker/json_int.h"
#include "checker/lost_writes.h"
#include "checker/lost_writes_input.h"
#include "history/input_error.h"

namespace faultline::checker {

namespace {

using history::OpType;
using Wide = __int128;  // sums of int64 increments cannot overflow it

std::int64_t integer_at(const history::History& h, std::size_t position, const char* what) {
  const nlohmann::json& v = h.ops[position].value;
  std::int64_t out = 0;
  if (!exact_int64(v, out)) {
    lost_writes::throw_at(
        h, position, std::string("a counter ") + what + " must be a 64-bit integer, not " + v.dump());
  }
  return out;
}

std::int64_t clamp(Wide w) {
  if (w > INT64_MAX) return INT64_MAX;
  if (w < INT64_MIN) return INT64_MIN;
  return static_cast<std::int64_t>(w);
}

void analyze_partition(const history::History& h, const std::vector<history::Operation>& ops,
                       const lost_writes::Partition& partition, std::int64_t init,
                       CounterAnalysis& out) {
  Wide possible_neg = 0, possible_pos = 0;  // over possible adds (invoked, not failed)
  Wide certain_neg = 0, certain_pos = 0;    // over certain adds (completed ok)
  std::unordered_map<std::uint32_t, std::pair<Wide, Wide>> at_invoke;  // open reads: certain sums
  for (const lost_writes::Event& e : lost_writes::events_of(ops, partition)) {
    const history::Operation& o = ops[e.operation];
    const bool is_add = h.ops[o.invoke].f == "add";
    if (is_add) {
      if (o.outcome == OpType::kFail) continue;
      const std::int64_t v = integer_at(h, o.invoke, "add's value");
      if (e.is_invoke) {
        possible_neg += std::min<std::int64_t>(0, v);
        possible_pos += std::max<std::int64_t>(0, v);
      } else if (o.outcome == OpType::kOk) {
        certain_neg += std::min<std::int64_t>(0, v);
        certain_pos += std::max<std::int64_t>(0, v);
      }
      continue;
    }
    if (o.outcome != OpType::kOk) continue;
    if (e.is_invoke) {
      at_invoke[e.operation] = {certain_neg, certain_pos};
      continue;
    }
    ++out.reads;
    const std::int64_t value = integer_at(h, e.position, "read's ok value");
    const auto node = at_invoke.extract(e.operation);
    const auto [c_neg, c_pos] = node.mapped();
    const Wide lower = Wide{init} + possible_neg + c_pos;
    const Wide upper = Wide{init} + possible_pos + c_neg;
    if (value < lower || value > upper) {
      out.errors.push_back({partition.key, h.ops[o.invoke].index, value, clamp(lower), clamp(upper)});
    }
  }
}

}  // namespace

CounterAnalysis analyze_counter(const history::History& history,
                                const std::vector<history::Operation>& operations,
                                const nlohmann::json& init) {
  std::int64_t start = 0;
  if (!init.is_null() && !exact_int64(init, start)) {
    throw history::InputError("--init", 0, 0,
                              "a counter's initial value must be a 64-bit integer, not " + init.dump());
  }
  CounterAnalysis out;
  for (const auto& partition : lost_writes::partition_by_key(history, operations, {"add", "read"}, "counter")) {
    analyze_partition(history, operations, partition, start, out);
  }
  out.verdict = out.errors.empty() ? Verdict::kValid : Verdict::kInvalid;
  return out;
}

CheckResult check_counter(const history::History& history,
                          const std::vector<history::Operation>& operations,
                          const CheckOptions& options) {
  constexpr std::size_t kMaxErrorsListed = 1000;
  const auto start = std::chrono::steady_clock::now();
  const CounterAnalysis a = analyze_counter(history, operations, options.init);
  nlohmann::json errors = nlohmann::json::array();
  for (std::size_t i = 0; i < a.errors.size() && i < kMaxErrorsListed; ++i) {
    const CounterRead& e = a.errors[i];
    nlohmann::json j = {{"read_invoke", e.invoke_index}, {"value", e.value}, {"lower", e.lower}, {"upper", e.upper}};
    if (!e.key.is_null()) j["key"] = e.key;
    errors.push_back(std::move(j));
  }
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  nlohmann::json json = {
      {"checker", "counter"},  {"verdict", to_string(a.verdict)}, {"elapsed_ms", ms},
      {"read_count", a.reads}, {"error_count", a.errors.size()},  {"errors", std::move(errors)}};
  return CheckResult(a.verdict, std::move(json));
}

}  // namespace faultline::checker
