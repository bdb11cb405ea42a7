// Outputs for CI: a JUnit XML document (one testcase per checker, or per key for
// linearizability failures) and a Markdown summary for CI job summaries.
//
// JUnit mapping: valid is a passing testcase; invalid a <failure> whose message names the seed
// and the command that re-runs the test; unknown an <error> with the reason. Every string is
// XML-escaped and made valid UTF-8 (reports/escape.h).
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "reports/report_input.h"

namespace faultline::reports {

std::string junit_xml(const ReportInput& input, const std::string& rerun_command);

std::string summary_markdown(const ReportInput& input, const std::string& rerun_command = "");

// The command that re-runs this test: test.json's "command" when present, else an offline
// check of the history.
std::string default_rerun_command(const ReportInput& input);

// The seed as text: test.json's "seed", or "none (offline check)".
std::string seed_text(const ReportInput& input);

}  // namespace faultline::reports
