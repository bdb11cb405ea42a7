// Timeline section: one lane per process, one bar per operation from invoke to completion,
// coloured by outcome, with the full operation in an SVG <title> (a tooltip without JS), in the
// manner of Jepsen's timeline.html. Large histories are windowed around the first failing op.
#include <algorithm>
#include <map>
#include <set>

#include "reports/escape.h"
#include "reports/html_sections.h"
#include "reports/op_text.h"
#include "reports/svg_plot.h"

namespace faultline::reports {

namespace {

constexpr double kLane = 14;

struct Highlights {
  std::set<int64_t> failed;      // Op::index of invokes that cannot be linearized
  std::set<int64_t> concurrent;  // Op::index of invokes concurrent with one
};

Highlights highlights(const ReportInput& input) {
  Highlights h;
  for (const auto& c : checker_results(input)) {
    if (!c.is_object() || !c.contains("failures") || !c["failures"].is_array()) continue;
    for (const auto& f : c["failures"]) {
      if (!f.is_object()) continue;
      if (f.contains("failed_op") && f["failed_op"].is_number_integer()) {
        h.failed.insert(f["failed_op"].get<int64_t>());
      }
      if (f.contains("concurrent") && f["concurrent"].is_array()) {
        for (const auto& i : f["concurrent"]) {
          if (i.is_number_integer()) h.concurrent.insert(i.get<int64_t>());
        }
      }
    }
  }
  return h;
}

// [begin, end) of the operations drawn: all of them, or a window around the first failing op.
std::pair<size_t, size_t> window(const HtmlContext& ctx) {
  const size_t n = ctx.data.operations.size();
  const size_t cap = std::max<size_t>(ctx.options.max_timeline_operations, 1);
  if (n <= cap) return {0, n};
  size_t centre = 0;
  const auto failure = first_linearizability_failure(ctx.input);
  if (!failure.is_null() && failure["failed_op"].is_number_integer()) {
    const auto it = ctx.data.by_invoke_index.find(failure["failed_op"].get<int64_t>());
    if (it != ctx.data.by_invoke_index.end()) centre = it->second;
  }
  size_t begin = centre > cap / 2 ? centre - cap / 2 : 0;
  begin = std::min(begin, n - cap);
  return {begin, begin + cap};
}

}  // namespace

void write_timeline_section(std::ostream& out, const HtmlContext& ctx) {
  const auto& history = ctx.input.history;
  const auto& data = ctx.data;
  out << "<section id=\"timeline\">\n<h2>Timeline</h2>\n";
  if (data.operations.empty()) {
    out << "<p class=\"note\">The history has no client operations.</p>\n</section>\n";
    return;
  }
  const auto [begin, end] = window(ctx);
  if (end - begin < data.operations.size()) {
    out << "<p class=\"note window\">Showing operations " << begin + 1 << " to " << end
        << " of " << data.operations.size()
        << " (in invoke order), a window around the first failing op if there is one. The "
           "whole history is in the history file.</p>\n";
  }
  std::map<int64_t, size_t> lanes;
  int64_t lo = INT64_MAX, hi = INT64_MIN;
  for (size_t i = begin; i < end; ++i) {
    const auto& o = data.operations[i];
    lanes.emplace(history.ops[o.invoke].process, 0);
    lo = std::min(lo, o.start);
    hi = std::max(hi, o.completion == kNoOp ? o.start : o.end);
  }
  size_t lane = 0;
  for (auto& [process, slot] : lanes) slot = lane++;
  if (hi <= lo) hi = lo + 1;

  PlotFrame frame;
  frame.width = 1200;
  frame.top = 8;
  frame.height = frame.top + frame.bottom + kLane * static_cast<double>(lanes.size());
  frame.x_min = static_cast<double>(lo);
  frame.x_max = static_cast<double>(hi);
  frame.y_min = 0;
  frame.y_max = static_cast<double>(lanes.size());
  frame.y_ticks = false;
  frame.times_known = data.times_known;

  const Highlights marks = highlights(ctx.input);
  open_plot(out, frame, "timeline-plot", "Operations per process over time");
  draw_nemesis(out, frame, data);
  draw_axes(out, frame, data.times_known ? "time since the test started" : "op index",
            "process");
  out << "<g class=\"lanes\">";
  for (const auto& [process, slot] : lanes) {
    out << "<text class=\"lane\" x=\"" << num(frame.left - 4) << "\" y=\""
        << num(frame.top + kLane * static_cast<double>(slot) + 10) << "\" text-anchor=\"end\">"
        << escape_html(process_name(process)) << "</text>";
  }
  out << "</g>\n";
  open_marks(out, "ops");
  for (size_t i = begin; i < end; ++i) {
    const auto& o = data.operations[i];
    const auto& invoke = history.ops[o.invoke];
    const double x0 = frame.x(static_cast<double>(o.start));
    const double x1 = frame.x(static_cast<double>(o.completion == kNoOp ? hi : o.end));
    std::string cls = "op " + outcome_name(o.outcome);
    if (o.completion == kNoOp) cls += " pending";
    if (marks.failed.count(invoke.index)) cls += " failed";
    else if (marks.concurrent.count(invoke.index)) cls += " concurrent";
    out << "<rect id=\"op-" << invoke.index << "\" class=\"" << cls << '"' << rect_x(x0, x1, 1.5)
        << " y=\"" << num(frame.top + kLane * static_cast<double>(lanes[invoke.process]) + 1)
        << "\" height=\"" << num(kLane - 2)
        << "\"><title>" << escape_html(operation_details(history, data, o))
        << "</title></rect>\n";
  }
  close_marks(out);
  out << "</svg>\n";
  out << "<p class=\"legend\"><span class=\"swatch ok\"></span>ok <span class=\"swatch fail\">"
         "</span>fail <span class=\"swatch info\"></span>info (indeterminate) "
         "<span class=\"swatch failed\"></span>cannot be linearized "
         "<span class=\"swatch concurrent\"></span>concurrent with it</p>\n";
  write_nemesis_legend(out, data);
  out << "</section>\n";
}

}  // namespace faultline::reports
