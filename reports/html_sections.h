// The sections of report.html, one writer per section (each in its own html_<section>.cpp).
// Every section is static HTML and inline SVG that reads fully without JavaScript; each opens
// with <section id="..."> using the ids below, which the browser tests and links rely on:
// summary, timeline, latency, throughput, linearizability, lost-writes. The first op that
// cannot be linearized carries id="first-error".
//
// Invariants: every string from the history or the results passes through reports/escape.h.
// Thread-safety: pure apart from the output stream.
#pragma once

#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "reports/html_options.h"
#include "reports/report_input.h"
#include "reports/timeline_data.h"

namespace faultline::reports {

struct HtmlContext {
  const ReportInput& input;
  const TimelineData& data;
  const HtmlOptions& options;
};

void write_summary_section(std::ostream& out, const HtmlContext& ctx);
void write_timeline_section(std::ostream& out, const HtmlContext& ctx);
void write_latency_section(std::ostream& out, const HtmlContext& ctx);
void write_throughput_section(std::ostream& out, const HtmlContext& ctx);
void write_linearizability_section(std::ostream& out, const HtmlContext& ctx);
void write_lost_writes_section(std::ostream& out, const HtmlContext& ctx);

// The page's inline stylesheet and script (html_assets.cpp), and the script's zoom and pan of
// the time plots (html_zoom_script.cpp).
const char* report_stylesheet();
const char* report_script();
const char* report_zoom_script();

// The checkers of the results document, or an empty array when there is none.
const nlohmann::json& checker_results(const ReportInput& input);
// The first failure of a linearizability checker (an object with "failed_op"), or null.
nlohmann::json first_linearizability_failure(const ReportInput& input);

}  // namespace faultline::reports
