#include "reports/svg_plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "reports/escape.h"

namespace faultline::reports {

namespace {

constexpr int kXTicks = 8;  // about how many ticks the time axis gets

constexpr const char* kNemesisPalette[] = {"#f4a261", "#9b5de5", "#2a9d8f", "#e76f51",
                                           "#577590", "#f15bb5", "#90be6d", "#bc6c25"};

// Round step for about `target` ticks over `span`.
double nice_step(double span, int target) {
  const double raw = span / std::max(target, 1);
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double norm = raw / mag;
  double step = 10;
  if (norm <= 1) step = 1;
  else if (norm <= 2) step = 2;
  else if (norm <= 5) step = 5;
  return step * mag;
}

// Seconds with as many decimals as the tick step needs.
std::string tick_seconds(double t_ns, double step_ns) {
  const int decimals = std::clamp(static_cast<int>(std::ceil(-std::log10(step_ns / 1e9))), 0, 6);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f s", decimals, t_ns / 1e9);
  return buf;
}

}  // namespace

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

double PlotFrame::x(double t) const {
  return left + (t - x_min) / (x_max - x_min) * plot_width();
}

double PlotFrame::y(double v) const {
  double frac;
  if (log_y) {
    const double lv = std::log10(std::max(v, y_min));
    frac = (lv - std::log10(y_min)) / (std::log10(y_max) - std::log10(y_min));
  } else {
    frac = (v - y_min) / (y_max - y_min);
  }
  frac = std::clamp(frac, 0.0, 1.0);
  return top + (1 - frac) * plot_height();
}

void open_plot(std::ostream& out, const PlotFrame& frame, const std::string& id,
               const std::string& label) {
  char range[64];
  std::snprintf(range, sizeof range, "%.17g %.17g", frame.x_min, frame.x_max);
  out << "<svg class=\"plot\" id=\"" << escape_html(id) << "\" data-zoom=\"x\" data-time=\""
      << range << "\" data-time-unit=\"" << (frame.times_known ? "ns" : "op")
      << "\" data-plot-x=\"" << num(frame.left) << ' ' << num(frame.plot_width())
      << "\" viewBox=\"0 0 " << num(frame.width) << ' ' << num(frame.height) << "\" width=\""
      << num(frame.width) << "\" height=\"" << num(frame.height)
      << "\" role=\"img\" aria-label=\"" << escape_html(label) << "\">\n";
}

void open_marks(std::ostream& out, const std::string& name) {
  out << "<g class=\"marks " << escape_html(name) << "\">";
}

void close_marks(std::ostream& out) { out << "</g>\n"; }

std::string rect_x(double x0, double x1, double min_width) {
  std::string attrs = " x=\"" + num(x0) + "\" width=\"" + num(std::max(x1 - x0, min_width)) + '"';
  if (x1 - x0 < min_width) attrs += " data-width=\"" + num(std::max(x1 - x0, 0.0)) + '"';
  return attrs;
}

void draw_axes(std::ostream& out, const PlotFrame& f, const std::string& x_label,
               const std::string& y_label) {
  const double x0 = f.left, x1 = f.width - f.right, y0 = f.top, y1 = f.height - f.bottom;
  out << "<g class=\"axes\"><g class=\"x-ticks\">";
  // x ticks, at whole op indexes when the axis counts ops. The page's script computes the
  // ticks of a zoomed range the same way (html_assets.cpp).
  double xstep = nice_step(f.x_max - f.x_min, kXTicks);
  if (!f.times_known) xstep = std::max(xstep, 1.0);
  for (double t = std::ceil(f.x_min / xstep) * xstep; t <= f.x_max; t += xstep) {
    const double px = f.x(t);
    out << "<line class=\"grid\" x1=\"" << num(px) << "\" y1=\"" << num(y0) << "\" x2=\""
        << num(px) << "\" y2=\"" << num(y1) << "\"/><text x=\"" << num(px) << "\" y=\""
        << num(y1 + 14) << "\" text-anchor=\"middle\">"
        << escape_html(f.times_known ? tick_seconds(t, xstep)
                                     : std::to_string(static_cast<int64_t>(t)))
        << "</text>";
  }
  out << "</g>";
  // y ticks
  if (!f.y_ticks) {
  } else if (f.log_y) {
    for (double d = std::pow(10.0, std::floor(std::log10(f.y_min))); d <= f.y_max; d *= 10) {
      if (d < f.y_min) continue;
      const double py = f.y(d);
      out << "<line class=\"grid\" x1=\"" << num(x0) << "\" y1=\"" << num(py) << "\" x2=\""
          << num(x1) << "\" y2=\"" << num(py) << "\"/><text x=\"" << num(x0 - 4) << "\" y=\""
          << num(py + 4) << "\" text-anchor=\"end\">" << escape_html(format_duration_ns(d))
          << "</text>";
    }
  } else {
    const double ystep = nice_step(f.y_max - f.y_min, 5);
    for (double v = std::ceil(f.y_min / ystep) * ystep; v <= f.y_max; v += ystep) {
      const double py = f.y(v);
      char buf[32];
      std::snprintf(buf, sizeof buf, "%g", v);
      out << "<line class=\"grid\" x1=\"" << num(x0) << "\" y1=\"" << num(py) << "\" x2=\""
          << num(x1) << "\" y2=\"" << num(py) << "\"/><text x=\"" << num(x0 - 4) << "\" y=\""
          << num(py + 4) << "\" text-anchor=\"end\">" << buf << "</text>";
    }
  }
  out << "<rect class=\"frame\" x=\"" << num(x0) << "\" y=\"" << num(y0) << "\" width=\""
      << num(x1 - x0) << "\" height=\"" << num(y1 - y0) << "\"/>";
  out << "<text x=\"" << num((x0 + x1) / 2) << "\" y=\"" << num(f.height - 4)
      << "\" text-anchor=\"middle\">" << escape_html(x_label) << "</text>";
  out << "<text transform=\"translate(12," << num((y0 + y1) / 2)
      << ") rotate(-90)\" text-anchor=\"middle\">" << escape_html(y_label) << "</text>";
  out << "</g>\n";
}

void draw_nemesis(std::ostream& out, const PlotFrame& f, const TimelineData& data) {
  if (data.nemesis.empty()) return;
  open_marks(out, "nemesis");
  for (const auto& n : data.nemesis) {
    const double x0 = f.x(static_cast<double>(std::max<int64_t>(n.start, f.x_min)));
    const double x1 = f.x(static_cast<double>(std::min<int64_t>(n.end, f.x_max)));
    if (n.end < f.x_min || n.start > f.x_max) continue;
    out << "<rect" << rect_x(x0, x1, 1.5) << " y=\"" << num(f.top) << "\" height=\""
        << num(f.plot_height())
        << "\" fill=\"" << nemesis_colour(nemesis_colour_slot(data, n.name))
        << "\" fill-opacity=\"0.22\"><title>" << escape_html(n.name) << ": "
        << escape_html(format_time(n.start, data.times_known)) << " to "
        << escape_html(format_time(n.end, data.times_known))
        << (n.closed ? "" : " (never stopped)") << "\n"
        << escape_html(n.detail) << "</title></rect>";
  }
  close_marks(out);
}

void write_nemesis_legend(std::ostream& out, const TimelineData& data) {
  if (data.nemesis_names.empty()) return;
  out << "<p class=\"legend\">Nemesis: ";
  for (size_t i = 0; i < data.nemesis_names.size(); ++i) {
    out << "<span class=\"swatch\" style=\"background:" << nemesis_colour(i)
        << "\"></span>" << escape_html(data.nemesis_names[i]) << ' ';
  }
  out << "</p>\n";
}

std::string format_time(int64_t t, bool times_known) {
  if (!times_known) return "op " + std::to_string(t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f s", static_cast<double>(t) / 1e9);
  return buf;
}

std::string format_duration_ns(double ns) {
  char buf[32];
  if (ns >= 1e9) std::snprintf(buf, sizeof buf, "%.3g s", ns / 1e9);
  else if (ns >= 1e6) std::snprintf(buf, sizeof buf, "%.3g ms", ns / 1e6);
  else if (ns >= 1e3) std::snprintf(buf, sizeof buf, "%.3g µs", ns / 1e3);
  else std::snprintf(buf, sizeof buf, "%.3g ns", ns);
  return buf;
}

const char* nemesis_colour(size_t slot) {
  return kNemesisPalette[slot % (sizeof kNemesisPalette / sizeof kNemesisPalette[0])];
}

}  // namespace faultline::reports
