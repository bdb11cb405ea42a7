#include <cstdio>
#include <sstream>
#include <vector>

#include "reports/ci_outputs.h"
#include "reports/escape.h"
#include "reports/html_sections.h"

namespace faultline::reports {

namespace {

struct TestCase {
  std::string classname;
  std::string name;
  double seconds = 0;
  std::string verdict;   // valid, invalid, unknown
  std::string message;   // for invalid and unknown
  std::string details;   // the body of <failure> or <error>
};

std::string text_of(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  return dump_json(v);
}

std::string verdict_of(const nlohmann::json& c) {
  const auto v = c.value("verdict", nlohmann::json("unknown"));
  const std::string s = v.is_string() ? v.get<std::string>() : "unknown";
  return s == "valid" || s == "invalid" ? s : "unknown";
}

std::vector<TestCase> test_cases(const ReportInput& input, const std::string& rerun) {
  std::vector<TestCase> cases;
  const std::string seed = seed_text(input);
  const std::string tail = "seed " + seed + "; re-run: " + rerun;
  for (const auto& c : checker_results(input)) {
    if (!c.is_object()) continue;
    const std::string checker = text_of(c.value("checker", nlohmann::json("checker")));
    const double seconds = c.contains("elapsed_ms") && c["elapsed_ms"].is_number()
                               ? c["elapsed_ms"].get<double>() / 1000 : 0;
    const std::string verdict = verdict_of(c);
    const bool per_key = verdict == "invalid" && c.contains("failures") &&
                         c["failures"].is_array() && !c["failures"].empty();
    if (per_key) {
      for (const auto& f : c["failures"]) {
        if (!f.is_object()) continue;
        TestCase t{"faultline." + checker, checker, seconds, "invalid", "", ""};
        if (f.contains("key") && !f["key"].is_null()) t.name += " key " + text_of(f["key"]);
        const std::string what = f.contains("message") ? text_of(f["message"]) : "not linearizable";
        t.message = what + " (" + tail + ")";
        t.details = what + "\nfailed op: " + text_of(f.value("failed_op", nlohmann::json())) +
                    "\nconcurrent: " + text_of(f.value("concurrent", nlohmann::json())) +
                    "\nmodel states: " + text_of(f.value("states", nlohmann::json())) +
                    "\nhistory: " + input.history.path + "\n" + tail;
        cases.push_back(std::move(t));
      }
      continue;
    }
    TestCase t{"faultline." + checker, checker, seconds, verdict, "", ""};
    if (verdict == "invalid") {
      std::string counts;
      if (c.contains("counts")) counts = " counts " + text_of(c["counts"]);
      t.message = checker + " found the history invalid" + counts + " (" + tail + ")";
      t.details = t.message + "\nhistory: " + input.history.path;
    } else if (verdict == "unknown") {
      const std::string reason = c.contains("unknown_reason") && !c["unknown_reason"].is_null()
                                     ? text_of(c["unknown_reason"]) : "no reason given";
      t.message = checker + " could not decide: " + reason + " (" + tail + ")";
      t.details = t.message + "\nhistory: " + input.history.path;
    }
    cases.push_back(std::move(t));
  }
  return cases;
}

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", s);
  return buf;
}

}  // namespace

std::string seed_text(const ReportInput& input) {
  if (input.test.is_object() && input.test.contains("seed") && !input.test["seed"].is_null()) {
    return text_of(input.test["seed"]);
  }
  return "none (offline check)";
}

std::string default_rerun_command(const ReportInput& input) {
  if (input.test.is_object() && input.test.contains("command") &&
      input.test["command"].is_string()) {
    return input.test["command"].get<std::string>();
  }
  std::string command = "faultline check " + input.history.path;
  for (const auto& c : checker_results(input)) {
    if (!c.is_object()) continue;
    if (c.contains("checker") && c["checker"].is_string()) {
      command += " --checker " + c["checker"].get<std::string>();
    }
    if (c.contains("model") && c["model"].is_string()) {
      command += " --model " + c["model"].get<std::string>();
    }
    break;  // the first checker names the check that was run
  }
  return command;
}

std::string junit_xml(const ReportInput& input, const std::string& rerun_command) {
  const auto cases = test_cases(input, rerun_command);
  size_t failures = 0, errors = 0;
  double total = 0;
  for (const auto& t : cases) {
    failures += t.verdict == "invalid";
    errors += t.verdict == "unknown";
    total += t.seconds;
  }
  const std::string suite = input.title.empty() ? input.history.path : input.title;
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"faultline\" tests=\""
      << cases.size() << "\" failures=\"" << failures << "\" errors=\"" << errors
      << "\" time=\"" << seconds_text(total) << "\">\n  <testsuite name=\""
      << escape_xml(suite) << "\" tests=\"" << cases.size() << "\" failures=\"" << failures
      << "\" errors=\"" << errors << "\" skipped=\"0\" time=\"" << seconds_text(total)
      << "\">\n    <properties>\n      <property name=\"seed\" value=\""
      << escape_xml(seed_text(input)) << "\"/>\n      <property name=\"history\" value=\""
      << escape_xml(input.history.path) << "\"/>\n      <property name=\"rerun\" value=\""
      << escape_xml(rerun_command) << "\"/>\n    </properties>\n";
  for (const auto& t : cases) {
    out << "    <testcase classname=\"" << escape_xml(t.classname) << "\" name=\""
        << escape_xml(t.name) << "\" time=\"" << seconds_text(t.seconds) << "\"";
    if (t.verdict == "valid") {
      out << "/>\n";
      continue;
    }
    const char* tag = t.verdict == "invalid" ? "failure" : "error";
    out << ">\n      <" << tag << " message=\"" << escape_xml(t.message) << "\" type=\""
        << t.verdict << "\">" << escape_xml(t.details) << "</" << tag << ">\n    </testcase>\n";
  }
  out << "  </testsuite>\n</testsuites>\n";
  return out.str();
}

}  // namespace faultline::reports
