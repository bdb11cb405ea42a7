// Writing reports to files: the HTML page, JUnit XML and the Markdown summary for one
// ReportInput (what `faultline check --html/--junit/--summary-md` uses), and the whole report of
// a stored run directory (what `faultline report DIR` and the end of `faultline run` use).
//
// Errors by boundary: bad or missing input files throw history::InputError
// ("FILE:LINE:COLUMN: message"), which report_store_dir turns into a message and exit 254.
// Thread-safety: reentrant; distinct calls must write distinct paths.
#pragma once

#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "reports/html_options.h"
#include "reports/report_input.h"

namespace faultline::reports {

struct OutputOptions {
  std::string html_path;        // empty: no HTML
  std::string junit_path;       // empty: no JUnit XML
  std::string summary_md_path;  // empty: no Markdown summary
  std::string rerun_command;    // empty: default_rerun_command(input)
  HtmlOptions html;
};

// Writes each output whose path is set. Throws std::runtime_error when a file cannot be written.
void write_outputs(const ReportInput& input, const OutputOptions& options);

// Reads a JSON document (results.json, test.json). Throws history::InputError with the line and
// column of a syntax error, or line 0 when the file cannot be opened.
nlohmann::json read_json_file(const std::string& path);

struct StoreReportOptions {
  std::string junit_path;
  std::string summary_md_path;
  std::string rerun_command;
  HtmlOptions html;
};

// Writes DIR/report.html from DIR/history.jsonl, DIR/results.json (optional: without it the
// report has no checker sections, and `err` says so) and DIR/test.json (optional), plus the
// JUnit and Markdown outputs the options name. Returns 0 when written, 254 (with a message on
// `err`) for bad or missing input, 255 when an output cannot be written.
int report_store_dir(const std::string& dir, const StoreReportOptions& options = {},
                     std::ostream& err = std::cerr);

}  // namespace faultline::reports
