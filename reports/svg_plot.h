// The frame shared by the report's time plots: a time axis (x) and a linear or logarithmic value
// axis (y), with axes, grid, labels and the nemesis intervals shaded behind the data. Every plot
// over time shares one x range so that faults line up from plot to plot.
//
// The page's script (html_assets.cpp) zooms and pans the time axis of each plot without scaling
// anything: it redraws the data marks at the x of their times in the visible range and writes
// new x tick labels, so text and markers keep their shape. What it relies on:
//   - open_plot's data-time (x_min x_max), data-time-unit ("ns" or "op") and data-plot-x (the
//     plot area's left and width), from which a time maps to x;
//   - the x ticks in <g class="x-ticks">, one grid <line> and one <text> per tick, computed as
//     svg_plot.cpp computes them (the script keeps the served ones to restore on reset);
//   - data marks inside open_marks/close_marks, with x only in absolute attributes: rect x and
//     width (data-width holds the true width of a rect widened to a minimum), circle cx, line
//     x1 and x2, polyline points, text x, and a path's leading "M x y" followed by relative
//     commands only. Everything outside the marks (y ticks, lane labels) stays put.
//
// Invariants: x_max > x_min and y_max > y_min (and y_min > 0 on a log axis); coordinates are in
// SVG user units of a viewBox of width x height.
// Thread-safety: a value type; the writers are pure apart from the stream.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

#include "reports/timeline_data.h"

namespace faultline::reports {

struct PlotFrame {
  double width = 1000;
  double height = 300;
  double left = 70, right = 20, top = 16, bottom = 36;
  double x_min = 0, x_max = 1;  // time axis, in the unit of TimelineData
  double y_min = 0, y_max = 1;
  bool log_y = false;
  bool times_known = true;  // x labels in seconds, or op indexes
  bool y_ticks = true;      // false when the plot labels its own rows (the timeline)

  double x(double t) const;
  double y(double v) const;
  double plot_width() const { return width - left - right; }
  double plot_height() const { return height - top - bottom; }
};

// Opens <svg> with a viewBox, the data-zoom hook and time mapping for the script, and an
// accessible title.
void open_plot(std::ostream& out, const PlotFrame& frame, const std::string& id,
               const std::string& label);
// <g class="marks NAME">: a group of data marks that the script moves when the time axis is
// zoomed or panned. close_marks ends it.
void open_marks(std::ostream& out, const std::string& name);
void close_marks(std::ostream& out);
// ` x="…" width="…"` of a rect from x0 to x1 drawn at least min_width wide, with the true width
// in data-width when it was widened.
std::string rect_x(double x0, double x1, double min_width);
// Axes, ticks and grid. `y_unit` labels the value axis ("ms", "ops/s").
void draw_axes(std::ostream& out, const PlotFrame& frame, const std::string& x_label,
               const std::string& y_label);
// Shades each nemesis interval over the plot area, with its name and span in a <title>.
void draw_nemesis(std::ostream& out, const PlotFrame& frame, const TimelineData& data);
// A legend of the nemesis names and colours, as HTML (empty when there was no fault).
void write_nemesis_legend(std::ostream& out, const TimelineData& data);

// "12.345 s" or "op 1234" for a point of the time axis.
std::string format_time(int64_t t, bool times_known);
// "1.23 ms", "850 µs", "2.1 s".
std::string format_duration_ns(double ns);
// A colour for nemesis slot i (cycles through a fixed palette).
const char* nemesis_colour(size_t slot);
// Fixed-precision number for SVG coordinates: two decimals, so that the script's deepest zoom
// (200x) still places a mark within a pixel.
std::string num(double v);

}  // namespace faultline::reports
