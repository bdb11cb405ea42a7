#include "checker/set_full.h"

#include <chrono>
#include <limits>

#include "checker/lost_writes.h"
#include "checker/lost_writes_input.h"
#include "checker/value_table.h"

namespace faultline::checker {

namespace {

using history::OpType;
constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

// What is known of one element of one key while the history is walked.
struct Tracked {
  std::uint32_t value_id = 0;
  std::size_t add_invoke = kNone;  // position of the first add's invoke
  bool attempted = false;          // an add that did not fail was invoked
  bool unexpected = false;
  std::size_t known = kNone;       // position of the add ok or first seeing read's completion
  std::size_t last_present = kNone;  // invoke position of the latest-invoked read that saw it
  std::size_t last_absent = kNone;   // invoke position of the latest-invoked read that missed it
  std::size_t max_multiplicity = 0;
};

std::size_t latest(std::size_t a, std::size_t b) { return a == kNone ? b : (b == kNone ? a : std::max(a, b)); }

class PartitionWalk {
 public:
  PartitionWalk(const history::History& h, const std::vector<history::Operation>& ops)
      : h_(h), ops_(ops) {}

  void run(const lost_writes::Partition& partition, SetFullAnalysis& out) {
    for (const lost_writes::Event& e : lost_writes::events_of(ops_, partition)) {
      const history::Operation& operation = ops_[e.operation];
      if (h_.ops[operation.invoke].f == "add") {
        on_add(e, operation);
      } else if (!e.is_invoke && operation.outcome == OpType::kOk) {
        on_read(e, operation);
        ++out.reads;
      }
    }
    classify(partition.key, out);
  }

 private:
  Tracked& state_of(const nlohmann::json& element) {
    const std::uint32_t id = values_.intern(element);
    if (id >= slot_.size()) slot_.resize(id + 1, kNone);
    if (slot_[id] == kNone) {
      slot_[id] = states_.size();
      states_.push_back({});
      states_.back().value_id = id;
    }
    return states_[slot_[id]];
  }

  void on_add(const lost_writes::Event& e, const history::Operation& operation) {
    Tracked& s = state_of(h_.ops[operation.invoke].value);
    if (e.is_invoke) {
      if (s.add_invoke == kNone) s.add_invoke = e.position;
      if (operation.outcome != OpType::kFail && !s.attempted) {
        s.attempted = true;
        attempted_.push_back(slot_[s.value_id]);
      }
    } else if (operation.outcome == OpType::kOk && s.known == kNone) {
      s.known = e.position;
    }
  }

  void on_read(const lost_writes::Event& e, const history::Operation& operation) {
    const nlohmann::json& value = h_.ops[e.position].value;
    if (!value.is_array()) {
      lost_writes::throw_at(h_, e.position, "a set read's ok value must be an array, not " + value.dump());
    }
    ++stamp_;
    for (const nlohmann::json& element : value) {
      Tracked& s = state_of(element);
      const std::size_t slot = slot_[s.value_id];
      if (slot >= seen_.size()) seen_.resize(states_.size(), {0, 0});
      auto& [stamp, count] = seen_[slot];
      if (stamp != stamp_) stamp = stamp_, count = 0;
      s.max_multiplicity = std::max(s.max_multiplicity, static_cast<std::size_t>(++count));
      if (!s.attempted) s.unexpected = true;
      if (s.known == kNone) s.known = e.position;
    }
    for (std::size_t slot : attempted_) {
      Tracked& s = states_[slot];
      const bool present = slot < seen_.size() && seen_[slot].first == stamp_;
      std::size_t& last = present ? s.last_present : s.last_absent;
      last = latest(last, operation.invoke);
    }
  }

  std::optional<std::int64_t> latency(std::size_t from_invoke, std::size_t known) const {
    const std::int64_t k = h_.ops[known].time;
    if (k == history::kNoTime) return std::nullopt;
    std::int64_t t = 0;
    if (from_invoke != kNone) {
      if (h_.ops[from_invoke].time == history::kNoTime) return std::nullopt;
      t = h_.ops[from_invoke].time + 1;
    }
    return std::max<std::int64_t>(0, t - k);
  }

  void classify(const nlohmann::json& key, SetFullAnalysis& out) {
    for (const Tracked& s : states_) {
      SetFullElement r;
      r.key = key;
      r.element = values_.value(s.value_id);
      r.max_multiplicity = s.max_multiplicity;
      if (s.add_invoke != kNone) {
        r.add_invoke = h_.ops[s.add_invoke].index;
        r.add_time = lost_writes::time_json(h_, s.add_invoke);
      }
      if (s.known != kNone) r.known_time = lost_writes::time_json(h_, s.known);
      // kNone means "no such read": stable needs a sighting after every miss, lost a miss after
      // every sighting that began after the element was known.
      const bool stable = s.last_present != kNone && (s.last_absent == kNone || s.last_absent < s.last_present);
      const bool lost = s.known != kNone && s.last_absent != kNone &&
                        (s.last_present == kNone || s.last_present < s.last_absent) && s.known < s.last_absent;
      if (stable) r.stable_latency_ns = latency(s.last_absent, s.known);
      if (lost) r.lost_latency_ns = latency(s.last_present, s.known);
      if (s.unexpected) r.outcome = SetOutcome::kUnexpected;
      else if (s.max_multiplicity > 1) r.outcome = SetOutcome::kDuplicated;
      else if (lost) r.outcome = SetOutcome::kLost;
      else if (stable && s.last_absent != kNone && s.last_absent > s.known) r.outcome = SetOutcome::kStale;
      else if (stable) r.outcome = SetOutcome::kStable;
      else r.outcome = SetOutcome::kNeverRead;
      ++out.counts[static_cast<std::size_t>(r.outcome)];
      out.elements.push_back(std::move(r));
    }
  }

  const history::History& h_;
  const std::vector<history::Operation>& ops_;
  ValueTable values_;
  std::vector<std::size_t> slot_;  // value id -> index in states_
  std::vector<Tracked> states_;
  std::vector<std::size_t> attempted_;  // indexes in states_ of elements whose add was invoked
  std::vector<std::pair<std::uint64_t, std::uint32_t>> seen_;  // per state: read stamp, copies
  std::uint64_t stamp_ = 0;
};

std::size_t count(const SetFullAnalysis& a, SetOutcome o) { return a.counts[static_cast<std::size_t>(o)]; }

nlohmann::json optional_json(const std::optional<std::int64_t>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}

}  // namespace

std::string_view to_string(SetOutcome outcome) {
  switch (outcome) {
    case SetOutcome::kStable: return "stable";
    case SetOutcome::kLost: return "lost";
    case SetOutcome::kNeverRead: return "never-read";
    case SetOutcome::kStale: return "stale";
    case SetOutcome::kUnexpected: return "unexpected";
    case SetOutcome::kDuplicated: return "duplicated";
  }
  return "never-read";
}

SetFullAnalysis analyze_set_full(const history::History& history,
                                 const std::vector<history::Operation>& operations) {
  SetFullAnalysis out;
  for (const auto& partition : lost_writes::partition_by_key(history, operations, {"add", "read"}, "set-full")) {
    PartitionWalk(history, operations).run(partition, out);
  }
  if (count(out, SetOutcome::kLost) + count(out, SetOutcome::kUnexpected) + count(out, SetOutcome::kDuplicated) > 0) {
    out.verdict = Verdict::kInvalid;
  } else if (count(out, SetOutcome::kStable) + count(out, SetOutcome::kStale) == 0) {
    out.verdict = Verdict::kUnknown;
  } else {
    out.verdict = Verdict::kValid;
  }
  return out;
}

CheckResult check_set_full(const history::History& history,
                           const std::vector<history::Operation>& operations,
                           const CheckOptions&) {
  const auto start = std::chrono::steady_clock::now();
  const SetFullAnalysis a = analyze_set_full(history, operations);
  nlohmann::json counts = nlohmann::json::object();
  for (std::size_t o = 0; o < kSetOutcomes; ++o) counts[std::string(to_string(static_cast<SetOutcome>(o)))] = a.counts[o];
  nlohmann::json elements = nlohmann::json::array();
  for (const SetFullElement& e : a.elements) {
    nlohmann::json j = {{"element", e.element},
                        {"outcome", to_string(e.outcome)},
                        {"add_invoke", e.add_invoke ? nlohmann::json(*e.add_invoke) : nlohmann::json()},
                        {"add_time", e.add_time},
                        {"known_time", e.known_time},
                        {"stable_latency_ns", optional_json(e.stable_latency_ns)},
                        {"lost_latency_ns", optional_json(e.lost_latency_ns)}};
    if (!e.key.is_null()) j["key"] = e.key;
    if (e.outcome == SetOutcome::kDuplicated) j["max_multiplicity"] = e.max_multiplicity;
    elements.push_back(std::move(j));
  }
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  nlohmann::json json = {{"checker", "set-full"},
                         {"verdict", to_string(a.verdict)},
                         {"elapsed_ms", ms},
                         {"element_count", a.elements.size()},
                         {"read_count", a.reads},
                         {"counts", std::move(counts)},
                         {"elements", std::move(elements)}};
  return CheckResult(a.verdict, std::move(json));
}

}  // namespace faultline::checker
