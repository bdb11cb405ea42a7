// The page around the sections: head, stylesheet, navigation, the embedded data and the script.
#include <fstream>
#include <stdexcept>

#include "reports/escape.h"
#include "reports/html_report.h"
#include "reports/html_sections.h"

namespace faultline::reports {

namespace {

// What the script reads: the verdicts and the failures, never the (possibly huge) elements.
nlohmann::json page_data(const ReportInput& input) {
  nlohmann::json data = {{"title", input.title},
                         {"history", input.history.path},
                         {"ops", input.history.ops.size()},
                         {"verdict", input.results.is_object() ? input.results.value(
                                                                     "verdict", nlohmann::json())
                                                               : nlohmann::json()},
                         {"test", input.test},
                         {"checkers", nlohmann::json::array()}};
  for (const auto& c : checker_results(input)) {
    if (!c.is_object()) continue;
    nlohmann::json entry = c;
    entry.erase("elements");
    data["checkers"].push_back(std::move(entry));
  }
  return data;
}

std::string page_title(const ReportInput& input) {
  std::string title = input.title.empty() ? input.history.path : input.title;
  if (input.results.is_object() && input.results.contains("verdict") &&
      input.results["verdict"].is_string()) {
    title += " — " + input.results["verdict"].get<std::string>();
  }
  return "faultline: " + title;
}

}  // namespace

const nlohmann::json& checker_results(const ReportInput& input) {
  static const nlohmann::json kEmpty = nlohmann::json::array();
  if (input.results.is_object() && input.results.contains("checkers") &&
      input.results["checkers"].is_array()) {
    return input.results["checkers"];
  }
  return kEmpty;
}

nlohmann::json first_linearizability_failure(const ReportInput& input) {
  for (const auto& c : checker_results(input)) {
    if (!c.is_object() || !c.contains("failures") || !c["failures"].is_array()) continue;
    for (const auto& f : c["failures"]) {
      if (f.is_object()) return f;
    }
  }
  return nullptr;
}

void write_html(const ReportInput& input, std::ostream& out, const HtmlOptions& options) {
  const TimelineData data = build_timeline_data(input.history);
  const HtmlContext ctx{input, data, options};
  const std::string title = page_title(input);
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
      << escape_html(title) << "</title>\n<style>\n" << report_stylesheet() << "</style>\n"
      << "</head>\n<body>\n<header><h1>" << escape_html(title) << "</h1>\n<nav>"
      << "<a href=\"#summary\">Summary</a> <a href=\"#timeline\">Timeline</a> "
         "<a href=\"#latency\">Latency</a> <a href=\"#throughput\">Throughput</a> "
         "<a href=\"#linearizability\">Linearizability</a> <a href=\"#lost-writes\">Lost "
         "writes</a>";
  if (!first_linearizability_failure(input).is_null()) {
    out << " <a class=\"jump\" href=\"#first-error\">Jump to first error</a>";
  }
  out << "</nav></header>\n<main>\n";
  write_summary_section(out, ctx);
  write_linearizability_section(out, ctx);
  write_lost_writes_section(out, ctx);
  write_timeline_section(out, ctx);
  write_latency_section(out, ctx);
  write_throughput_section(out, ctx);
  out << "</main>\n<footer>Written by faultline. Hover a bar or point for details; with "
         "JavaScript, scroll over a time plot to zoom, drag to pan, double-click to reset."
         "</footer>\n<script type=\"application/json\" id=\"faultline-data\">"
      << json_for_script(page_data(input)) << "</script>\n<script>\n"
      << report_script() << report_zoom_script() << "</script>\n</body>\n</html>\n";
}

void write_html(const ReportInput& input, const std::string& path, const HtmlOptions& options) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error(path + ": cannot write the report");
  write_html(input, out, options);
  out.flush();
  if (!out) throw std::runtime_error(path + ": error while writing the report");
}

}  // namespace faultline::reports
