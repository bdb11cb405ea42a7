// Lost-writes section: for each set checker, the elements it found lost, stale, never read,
// unexpected or duplicated, plotted at the time they were written, and listed with when they
// were added, when they became known and how long they stayed visible.
#include <algorithm>
#include <map>

#include "reports/escape.h"
#include "reports/html_sections.h"
#include "reports/svg_plot.h"

namespace faultline::reports {

namespace {

// Outcomes drawn, in row order; "stable" elements are only counted.
const char* const kRows[] = {"lost", "stale", "never-read", "unexpected", "duplicated"};
constexpr size_t kRowCount = sizeof kRows / sizeof kRows[0];

int row_of(const std::string& outcome) {
  for (size_t i = 0; i < kRowCount; ++i) {
    if (outcome == kRows[i]) return static_cast<int>(i);
  }
  return -1;
}

std::string text_of(const nlohmann::json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  return dump_json(v);
}

std::string time_text(const nlohmann::json& v, bool times_known) {
  if (!v.is_number_integer()) return text_of(v);
  return format_time(v.get<int64_t>(), times_known);
}

std::string duration_text(const nlohmann::json& v) {
  if (!v.is_number()) return text_of(v);
  return format_duration_ns(v.get<double>());
}

void draw_elements(std::ostream& out, const HtmlContext& ctx,
                   const std::vector<const nlohmann::json*>& elements, size_t id) {
  constexpr double kRow = 22;
  PlotFrame frame;
  frame.left = 90;
  frame.top = 8;
  frame.height = frame.top + frame.bottom + kRow * kRowCount;
  frame.x_min = static_cast<double>(ctx.data.t_min);
  frame.x_max = static_cast<double>(ctx.data.t_max);
  frame.y_max = kRowCount;
  frame.y_ticks = false;
  frame.times_known = ctx.data.times_known;
  open_plot(out, frame, "lost-writes-plot-" + std::to_string(id),
            "Elements by outcome, at the time they were added");
  draw_nemesis(out, frame, ctx.data);
  draw_axes(out, frame, "time the element was added", "");
  for (size_t i = 0; i < kRowCount; ++i) {
    out << "<text class=\"lane\" x=\"" << num(frame.left - 4) << "\" y=\""
        << num(frame.top + kRow * static_cast<double>(i) + 15) << "\" text-anchor=\"end\">"
        << kRows[i] << "</text>";
  }
  open_marks(out, "elements");
  for (const auto* e : elements) {
    const int row = row_of(text_of(e->value("outcome", nlohmann::json())));
    if (row < 0 || !(*e).contains("add_time") || !(*e)["add_time"].is_number()) continue;
    const double x = frame.x((*e)["add_time"].get<double>());
    const double y = frame.top + kRow * row + kRow / 2;
    if (e->contains("known_time") && (*e)["known_time"].is_number()) {
      out << "<line class=\"known\" x1=\"" << num(x) << "\" y1=\"" << num(y) << "\" x2=\""
          << num(frame.x((*e)["known_time"].get<double>())) << "\" y2=\"" << num(y) << "\"/>";
    }
    out << "<circle class=\"element " << kRows[row] << "\" cx=\"" << num(x) << "\" cy=\""
        << num(y) << "\" r=\"3\"><title>element " << escape_html(text_of((*e)["element"]))
        << ": " << kRows[row] << "\nadded at "
        << escape_html(time_text(e->value("add_time", nlohmann::json()), ctx.data.times_known))
        << "</title></circle>";
  }
  close_marks(out);
  out << "</svg>\n";
}

void write_checker(std::ostream& out, const HtmlContext& ctx, const nlohmann::json& c,
                   size_t id) {
  out << "<article class=\"set-checker\"><h3>"
      << escape_html(text_of(c.value("checker", nlohmann::json("set")))) << "</h3>\n";
  if (c.contains("counts") && c["counts"].is_object()) {
    out << "<table class=\"counts\"><thead><tr>";
    for (const auto& [k, v] : c["counts"].items()) out << "<th>" << escape_html(k) << "</th>";
    out << "</tr></thead><tbody><tr>";
    for (const auto& [k, v] : c["counts"].items()) {
      out << "<td class=\"" << (row_of(k) >= 0 && v != 0 ? "bad" : "") << "\">"
          << escape_html(text_of(v)) << "</td>";
    }
    out << "</tr></tbody></table>\n";
  }
  std::vector<const nlohmann::json*> interesting;
  if (c.contains("elements") && c["elements"].is_array()) {
    for (const auto& e : c["elements"]) {
      if (e.is_object() && row_of(text_of(e.value("outcome", nlohmann::json()))) >= 0) {
        interesting.push_back(&e);
      }
    }
  }
  if (interesting.empty()) {
    out << "<p class=\"note\">No element was lost, stale, never read, unexpected or "
           "duplicated.</p>\n</article>\n";
    return;
  }
  std::stable_sort(interesting.begin(), interesting.end(), [](auto* a, auto* b) {
    return row_of(text_of(a->value("outcome", nlohmann::json()))) <
           row_of(text_of(b->value("outcome", nlohmann::json())));
  });
  draw_elements(out, ctx, interesting, id);
  if (interesting.size() > ctx.options.max_elements) {
    out << "<p class=\"note\">Listing the first " << ctx.options.max_elements << " of "
        << interesting.size() << " elements; all of them are in results.json.</p>\n";
  }
  out << "<table class=\"elements\"><thead><tr><th>element</th><th>outcome</th><th>added by</th>"
         "<th>added at</th><th>known at</th><th>stable after</th><th>lost after</th></tr>"
         "</thead><tbody>";
  for (size_t i = 0; i < interesting.size() && i < ctx.options.max_elements; ++i) {
    const auto& e = *interesting[i];
    const std::string outcome = text_of(e.value("outcome", nlohmann::json()));
    out << "<tr><td><code>" << escape_html(text_of(e.value("element", nlohmann::json())))
        << "</code></td><td class=\"" << escape_html(outcome) << "\">" << escape_html(outcome)
        << "</td><td>";
    if (e.contains("add_invoke") && e["add_invoke"].is_number_integer()) {
      out << "<a href=\"#op-" << e["add_invoke"].get<int64_t>() << "\">op "
          << e["add_invoke"].get<int64_t>() << "</a>";
    }
    out << "</td><td>"
        << escape_html(time_text(e.value("add_time", nlohmann::json()), ctx.data.times_known))
        << "</td><td>"
        << escape_html(time_text(e.value("known_time", nlohmann::json()), ctx.data.times_known))
        << "</td><td>" << escape_html(duration_text(e.value("stable_latency_ns", nlohmann::json())))
        << "</td><td>" << escape_html(duration_text(e.value("lost_latency_ns", nlohmann::json())))
        << "</td></tr>";
  }
  out << "</tbody></table>\n</article>\n";
}

}  // namespace

void write_lost_writes_section(std::ostream& out, const HtmlContext& ctx) {
  out << "<section id=\"lost-writes\">\n<h2>Lost writes</h2>\n";
  size_t n = 0;
  for (const auto& c : checker_results(ctx.input)) {
    if (!c.is_object() || !(c.contains("counts") || c.contains("elements"))) continue;
    write_checker(out, ctx, c, n++);
  }
  if (n == 0) {
    out << "<p class=\"note\">"
        << (ctx.input.results.is_null() ? "No checker ran on this history."
                                        : "No set checker ran on this history.")
        << "</p>\n";
  }
  out << "</section>\n";
}

}  // namespace faultline::reports
