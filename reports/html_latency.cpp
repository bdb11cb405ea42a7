// Latency section: a scatter of operation latencies over time on a log scale, one colour per f
// and one mark per outcome, with p50, p95 and p99 lines computed per time bucket over every
// operation (the scatter itself is an even sample when the history is large).
#include <algorithm>
#include <cmath>
#include <map>

#include "reports/escape.h"
#include "reports/html_sections.h"
#include "reports/latency_stats.h"
#include "reports/op_text.h"
#include "reports/svg_plot.h"

namespace faultline::reports {

namespace {

constexpr const char* kPalette[] = {"#1f77b4", "#2ca02c", "#9467bd", "#8c564b",
                                    "#17becf", "#bcbd22", "#7f7f7f", "#e377c2"};

void draw_point(std::ostream& out, history::OpType outcome, double x, double y) {
  switch (outcome) {
    case history::OpType::kFail:
      out << "<rect class=\"pt fail\" x=\"" << num(x - 2) << "\" y=\"" << num(y - 2)
          << "\" width=\"4\" height=\"4\"/>";
      break;
    case history::OpType::kInfo:
      out << "<path class=\"pt info\" d=\"M" << num(x) << ' ' << num(y - 3) << "l3 3l-3 3l-3 -3z\"/>";
      break;
    default:
      out << "<circle class=\"pt ok\" cx=\"" << num(x) << "\" cy=\"" << num(y) << "\" r=\"2.4\"/>";
  }
}

void draw_quantile_lines(std::ostream& out, const PlotFrame& frame, const HtmlContext& ctx) {
  const size_t buckets = std::max<size_t>(ctx.options.time_buckets, 1);
  std::vector<std::vector<double>> per(buckets);
  const double span = frame.x_max - frame.x_min;
  for (const auto& o : ctx.data.operations) {
    if (!o.latency_ns) continue;
    size_t b = static_cast<size_t>((static_cast<double>(o.end) - frame.x_min) / span *
                                   static_cast<double>(buckets));
    per[std::min(b, buckets - 1)].push_back(static_cast<double>(*o.latency_ns));
  }
  const std::pair<double, const char*> lines[] = {{0.5, "p50"}, {0.95, "p95"}, {0.99, "p99"}};
  for (const auto& [q, name] : lines) {
    out << "<polyline class=\"quantile " << name << "\" points=\"";
    for (size_t b = 0; b < buckets; ++b) {
      if (per[b].empty()) continue;
      std::sort(per[b].begin(), per[b].end());
      const double t = frame.x_min + (static_cast<double>(b) + 0.5) * span /
                                         static_cast<double>(buckets);
      out << num(frame.x(t)) << ',' << num(frame.y(std::max(quantile_sorted(per[b], q), 1.0)))
          << ' ';
    }
    out << "\"><title>" << name << " latency per time bucket</title></polyline>\n";
  }
}

}  // namespace

void write_latency_section(std::ostream& out, const HtmlContext& ctx) {
  const auto& data = ctx.data;
  const auto& history = ctx.input.history;
  out << "<section id=\"latency\">\n<h2>Latency</h2>\n";
  size_t with_latency = 0;
  double lo = INFINITY, hi = 0;
  for (const auto& o : data.operations) {
    if (!o.latency_ns) continue;
    ++with_latency;
    lo = std::min(lo, static_cast<double>(*o.latency_ns));
    hi = std::max(hi, static_cast<double>(*o.latency_ns));
  }
  if (with_latency == 0) {
    out << "<p class=\"note\">No operation has a known latency (the history records no op "
           "times, or no operation completed).</p>\n</section>\n";
    return;
  }
  PlotFrame frame;
  frame.log_y = true;
  frame.x_min = static_cast<double>(data.t_min);
  frame.x_max = static_cast<double>(data.t_max);
  frame.y_min = std::pow(10.0, std::floor(std::log10(std::max(lo, 1.0))));
  frame.y_max = std::pow(10.0, std::ceil(std::log10(std::max(hi, 1.0)) + 1e-9));
  if (frame.y_max <= frame.y_min) frame.y_max = frame.y_min * 10;

  const size_t stride =
      (with_latency + ctx.options.max_scatter_points - 1) / std::max<size_t>(ctx.options.max_scatter_points, 1);
  if (stride > 1) {
    out << "<p class=\"note sampled\">" << with_latency
        << " operations have a latency; the scatter shows every " << stride
        << "th of them. The quantile lines use all of them.</p>\n";
  }
  std::map<std::string, size_t> colour;  // f -> palette slot
  for (const auto& o : data.operations) colour.emplace(history.ops[o.invoke].f, colour.size());

  open_plot(out, frame, "latency-plot", "Operation latency over time, log scale");
  draw_nemesis(out, frame, data);
  draw_axes(out, frame, "time since the test started", "latency");
  open_marks(out, "latencies");
  size_t seen = 0;
  for (const auto& [f, slot] : colour) {
    out << "<g class=\"series\" fill=\"" << kPalette[slot % 8] << "\" stroke=\""
        << kPalette[slot % 8] << "\"><title>" << escape_html(f) << "</title>";
    seen = 0;
    for (const auto& o : data.operations) {
      if (!o.latency_ns) continue;
      if (seen++ % stride != 0) continue;
      if (history.ops[o.invoke].f != f) continue;
      draw_point(out, o.outcome, frame.x(static_cast<double>(o.end)),
                 frame.y(static_cast<double>(*o.latency_ns)));
    }
    out << "</g>\n";
  }
  draw_quantile_lines(out, frame, ctx);
  close_marks(out);
  out << "</svg>\n<p class=\"legend\">";
  for (const auto& [f, slot] : colour) {
    out << "<span class=\"swatch\" style=\"background:" << kPalette[slot % 8] << "\"></span>"
        << escape_html(f) << ' ';
  }
  out << "&middot; &#9679; ok &#9632; fail &#9670; info &middot; lines: "
         "<span class=\"line p50\">p50</span> <span class=\"line p95\">p95</span> "
         "<span class=\"line p99\">p99</span></p>\n";
  write_nemesis_legend(out, data);
  out << "</section>\n";
}

}  // namespace faultline::reports
