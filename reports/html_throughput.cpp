// Throughput section: completed operations per second over time, one line per outcome, with
// the nemesis intervals shaded behind.
#include <algorithm>
#include <array>

#include "reports/escape.h"
#include "reports/html_sections.h"
#include "reports/svg_plot.h"

namespace faultline::reports {

void write_throughput_section(std::ostream& out, const HtmlContext& ctx) {
  const auto& data = ctx.data;
  out << "<section id=\"throughput\">\n<h2>Throughput</h2>\n";
  if (data.operations.empty()) {
    out << "<p class=\"note\">The history has no client operations.</p>\n</section>\n";
    return;
  }
  const size_t buckets = std::max<size_t>(ctx.options.time_buckets, 1);
  const double span = static_cast<double>(data.t_max - data.t_min);
  const double bucket_width = span / static_cast<double>(buckets);
  // Rate unit: per second with times, per op-index bucket without.
  const double per = data.times_known ? bucket_width / 1e9 : 1.0;
  std::array<std::vector<double>, 3> counts;  // ok, fail, info
  for (auto& c : counts) c.assign(buckets, 0);
  for (const auto& o : data.operations) {
    if (o.completion == kNoOp) continue;
    const size_t series = o.outcome == history::OpType::kOk ? 0
                          : o.outcome == history::OpType::kFail ? 1 : 2;
    size_t b = static_cast<size_t>(static_cast<double>(o.end - data.t_min) / bucket_width);
    counts[series][std::min(b, buckets - 1)] += 1;
  }
  double top = 1;
  for (auto& c : counts) {
    for (double& v : c) {
      v /= per;
      top = std::max(top, v);
    }
  }
  PlotFrame frame;
  frame.height = 240;
  frame.x_min = static_cast<double>(data.t_min);
  frame.x_max = static_cast<double>(data.t_max);
  frame.y_max = top * 1.1;
  frame.times_known = data.times_known;
  open_plot(out, frame, "throughput-plot", "Completed operations per second over time");
  draw_nemesis(out, frame, data);
  draw_axes(out, frame, data.times_known ? "time since the test started" : "op index",
            data.times_known ? "operations/s" : "operations per bucket");
  const char* names[] = {"ok", "fail", "info"};
  open_marks(out, "rates");
  for (size_t s = 0; s < 3; ++s) {
    out << "<polyline class=\"rate " << names[s] << "\" points=\"";
    for (size_t b = 0; b < buckets; ++b) {
      const double t = frame.x_min + (static_cast<double>(b) + 0.5) * bucket_width;
      out << num(frame.x(t)) << ',' << num(frame.y(counts[s][b])) << ' ';
    }
    out << "\"><title>" << names[s] << " completions</title></polyline>\n";
  }
  close_marks(out);
  out << "</svg>\n<p class=\"legend\"><span class=\"line ok\">ok</span> "
         "<span class=\"line fail\">fail</span> <span class=\"line info\">info</span></p>\n";
  write_nemesis_legend(out, data);
  out << "</section>\n";
}

}  // namespace faultline::reports
