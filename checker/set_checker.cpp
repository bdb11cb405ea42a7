#include "checker/set_checker.h"

#include <chrono>

#include "checker/lost_writes.h"
#include "checker/lost_writes_input.h"
#include "checker/value_table.h"

namespace faultline::checker {

namespace {

using history::OpType;

enum : std::uint8_t { kAttempted = 1, kAcknowledged = 2, kRead = 4 };

void analyze_partition(const history::History& h, const std::vector<history::Operation>& ops,
                       const lost_writes::Partition& partition, SetAnalysis& out) {
  ValueTable values;
  std::vector<std::uint8_t> flags;
  auto flag = [&](const nlohmann::json& v, std::uint8_t f) {
    const std::uint32_t id = values.intern(v);
    if (id >= flags.size()) flags.resize(id + 1, 0);
    flags[id] |= f;
  };
  const history::Operation* final_read = nullptr;
  for (std::uint32_t i : partition.operations) {
    const history::Operation& o = ops[i];
    const history::Op& invoke = h.ops[o.invoke];
    if (invoke.f == "add") {
      flag(invoke.value, kAttempted);
      if (o.outcome == OpType::kOk) flag(invoke.value, kAcknowledged);
    } else if (o.outcome == OpType::kOk && (!final_read || o.completion > final_read->completion)) {
      final_read = &o;
    }
  }
  if (!final_read) {
    if (!flags.empty()) ++out.unread_keys;
    return;
  }
  ++out.final_reads;
  const nlohmann::json& read = h.ops[final_read->completion].value;
  if (!read.is_array()) {
    lost_writes::throw_at(h, final_read->completion, "a set read's ok value must be an array, not " + read.dump());
  }
  for (const nlohmann::json& v : read) flag(v, kRead);
  for (std::uint32_t id = 0; id < flags.size(); ++id) {
    const std::uint8_t f = flags[id];
    if (f == 0) continue;  // the table reserves id 0 for null
    SetElementRef ref{partition.key, values.value(id)};
    if (f & kAttempted) ++out.attempted;
    if (f & kAcknowledged) ++out.acknowledged;
    if ((f & kRead) && (f & kAttempted)) out.ok.push_back(ref);
    if ((f & kRead) && !(f & kAttempted)) out.unexpected.push_back(ref);
    if ((f & kAcknowledged) && !(f & kRead)) out.lost.push_back(ref);
    if ((f & kRead) && (f & kAttempted) && !(f & kAcknowledged)) out.recovered.push_back(ref);
  }
}

nlohmann::json refs_json(const std::vector<SetElementRef>& refs) {
  nlohmann::json list = nlohmann::json::array();
  for (const SetElementRef& r : refs) {
    nlohmann::json j = {{"element", r.element}};
    if (!r.key.is_null()) j["key"] = r.key;
    list.push_back(std::move(j));
  }
  return list;
}

}  // namespace

SetAnalysis analyze_set(const history::History& history,
                        const std::vector<history::Operation>& operations) {
  SetAnalysis out;
  for (const auto& partition : lost_writes::partition_by_key(history, operations, {"add", "read"}, "set")) {
    analyze_partition(history, operations, partition, out);
  }
  if (!out.lost.empty() || !out.unexpected.empty()) out.verdict = Verdict::kInvalid;
  else if (out.unread_keys > 0 || out.final_reads == 0) out.verdict = Verdict::kUnknown;
  else out.verdict = Verdict::kValid;
  return out;
}

CheckResult check_set(const history::History& history,
                      const std::vector<history::Operation>& operations, const CheckOptions&) {
  const auto start = std::chrono::steady_clock::now();
  const SetAnalysis a = analyze_set(history, operations);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  nlohmann::json json = {{"checker", "set"},
                         {"verdict", to_string(a.verdict)},
                         {"elapsed_ms", ms},
                         {"counts",
                          {{"attempted", a.attempted},
                           {"acknowledged", a.acknowledged},
                           {"ok", a.ok.size()},
                           {"lost", a.lost.size()},
                           {"recovered", a.recovered.size()},
                           {"unexpected", a.unexpected.size()},
                           {"unread_keys", a.unread_keys}}},
                         {"lost", refs_json(a.lost)},
                         {"recovered", refs_json(a.recovered)},
                         {"unexpected", refs_json(a.unexpected)}};
  return CheckResult(a.verdict, std::move(json));
}

}  // namespace faultline::checker
