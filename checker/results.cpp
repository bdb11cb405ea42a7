#include "checker/results.h"

namespace faultline::checker {

nlohmann::json results_document(const history::History& history,
                                const std::vector<CheckResult>& results) {
  Verdict verdict = Verdict::kValid;
  nlohmann::json checkers = nlohmann::json::array();
  for (const CheckResult& r : results) {
    verdict = combine(verdict, r.verdict);
    checkers.push_back(r.json());
  }
  return {{"faultline_version", kFaultlineVersion},
          {"history", history.path},
          {"ops", history.ops.size()},
          {"verdict", to_string(verdict)},
          {"checkers", std::move(checkers)}};
}

std::string summarize(const CheckResult& result) {
  std::string out;
  const auto it = result.json().find("failures");
  if (it != result.json().end() && it->is_array()) {
    for (const auto& f : *it) {
      out += "  ";
      if (f.contains("key") && !f["key"].is_null()) out += "key " + f["key"].dump() + ": ";
      out += f.value("message", std::string("(no message)")) + "\n";
    }
  }
  if (result.verdict == Verdict::kUnknown) {
    const auto reason = result.json().find("unknown_reason");
    if (reason != result.json().end() && reason->is_string()) {
      out += "  gave up: " + reason->get<std::string>() + "\n";
    }
  }
  return out;
}

}  // namespace faultline::checker
