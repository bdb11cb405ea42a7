// Linearizability section: for each failing key, the longest linearizable prefix in order, the
// op that cannot be linearized (highlighted), the ops concurrent with it and the model states
// reached, in the spirit of porcupine's visualisation and Knossos's linear.svg. The first
// failing op carries id="first-error" so that a plain link can jump to it.
#include <algorithm>
#include <set>

#include "reports/escape.h"
#include "reports/html_sections.h"
#include "reports/op_text.h"
#include "reports/svg_plot.h"

namespace faultline::reports {

namespace {

enum class Role { kPrefix, kFailed, kConcurrent };

struct Row {
  int64_t op_index;               // Op::index of the invoke
  const TimedOperation* operation;  // null when the reference is not in the history
  Role role;
  size_t order;                   // position in the linearization, for prefix rows
};

const char* role_class(Role r) {
  switch (r) {
    case Role::kPrefix: return "prefix";
    case Role::kFailed: return "failed";
    case Role::kConcurrent: return "concurrent";
  }
  return "prefix";
}

std::vector<Row> rows_of(const HtmlContext& ctx, const nlohmann::json& failure, size_t* skipped) {
  std::vector<Row> rows;
  auto find = [&](int64_t index) -> const TimedOperation* {
    const auto it = ctx.data.by_invoke_index.find(index);
    return it == ctx.data.by_invoke_index.end() ? nullptr : &ctx.data.operations[it->second];
  };
  *skipped = 0;
  if (failure.contains("longest_prefix") && failure["longest_prefix"].is_array()) {
    const auto& prefix = failure["longest_prefix"];
    const size_t n = prefix.size();
    const size_t first = n > ctx.options.max_prefix_rows ? n - ctx.options.max_prefix_rows : 0;
    *skipped = first;
    for (size_t i = first; i < n; ++i) {
      if (!prefix[i].is_number_integer()) continue;
      const int64_t index = prefix[i].get<int64_t>();
      rows.push_back({index, find(index), Role::kPrefix, i + 1});
    }
  }
  int64_t failed = -1;
  if (failure.contains("failed_op") && failure["failed_op"].is_number_integer()) {
    failed = failure["failed_op"].get<int64_t>();
    rows.push_back({failed, find(failed), Role::kFailed, 0});
  }
  if (failure.contains("concurrent") && failure["concurrent"].is_array()) {
    for (const auto& c : failure["concurrent"]) {
      if (!c.is_number_integer() || c.get<int64_t>() == failed) continue;
      rows.push_back({c.get<int64_t>(), find(c.get<int64_t>()), Role::kConcurrent, 0});
    }
  }
  return rows;
}

void draw_rows(std::ostream& out, const HtmlContext& ctx, const std::vector<Row>& rows,
               size_t id) {
  int64_t lo = INT64_MAX, hi = INT64_MIN;
  for (const auto& r : rows) {
    if (!r.operation) continue;
    lo = std::min(lo, r.operation->start);
    hi = std::max(hi, r.operation->end);
  }
  if (lo == INT64_MAX) return;
  if (hi <= lo) hi = lo + 1;
  constexpr double kRow = 16;
  PlotFrame frame;
  frame.left = 110;
  frame.top = 8;
  frame.height = frame.top + frame.bottom + kRow * static_cast<double>(rows.size());
  frame.x_min = static_cast<double>(lo);
  frame.x_max = static_cast<double>(hi);
  frame.y_max = static_cast<double>(rows.size());
  frame.y_ticks = false;
  frame.times_known = ctx.data.times_known;
  open_plot(out, frame, "linear-plot-" + std::to_string(id),
            "Linearizable prefix, failing op and concurrent ops");
  draw_nemesis(out, frame, ctx.data);
  draw_axes(out, frame, ctx.data.times_known ? "time since the test started" : "op index", "");
  auto row_top = [&](size_t i) { return frame.top + kRow * static_cast<double>(i); };
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    std::string label = r.role == Role::kPrefix ? "#" + std::to_string(r.order)
                        : r.role == Role::kFailed ? "cannot linearize" : "concurrent";
    if (r.operation) {
      label += " p" + process_name(ctx.input.history.ops[r.operation->invoke].process);
    }
    out << "<text class=\"lane\" x=\"" << num(frame.left - 4) << "\" y=\""
        << num(row_top(i) + 12) << "\" text-anchor=\"end\">" << escape_html(label) << "</text>";
  }
  open_marks(out, "ops");
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (!r.operation) continue;
    const double x0 = frame.x(static_cast<double>(r.operation->start));
    const double x1 = frame.x(static_cast<double>(r.operation->end));
    out << "<rect class=\"op " << outcome_name(r.operation->outcome) << ' ' << role_class(r.role)
        << '"' << rect_x(x0, x1, 2.0) << " y=\"" << num(row_top(i) + 2) << "\" height=\""
        << num(kRow - 4) << "\"><title>"
        << escape_html(operation_details(ctx.input.history, ctx.data, *r.operation))
        << "</title></rect>\n";
  }
  close_marks(out);
  out << "</svg>\n";
}

void write_table(std::ostream& out, const HtmlContext& ctx, const std::vector<Row>& rows,
                 bool first_failure) {
  const auto& ops = ctx.input.history.ops;
  out << "<table class=\"linear\"><thead><tr><th>order</th><th>op</th><th>process</th><th>f</th>"
         "<th>invoked with</th><th>outcome</th><th>completed with</th><th>invoked</th>"
         "<th>completed</th></tr></thead><tbody>";
  for (const auto& r : rows) {
    out << "<tr class=\"" << role_class(r.role) << "\"";
    if (r.role == Role::kFailed && first_failure) out << " id=\"first-error\"";
    out << "><td>"
        << (r.role == Role::kPrefix ? std::to_string(r.order)
            : r.role == Role::kFailed ? "cannot be linearized" : "concurrent")
        << "</td><td><a href=\"#op-" << r.op_index << "\">" << r.op_index << "</a></td>";
    if (!r.operation) {
      out << "<td colspan=\"7\">not an invoke of this history</td></tr>";
      continue;
    }
    const auto& invoke = ops[r.operation->invoke];
    const auto* completion =
        r.operation->completion == kNoOp ? nullptr : &ops[r.operation->completion];
    out << "<td>" << escape_html(process_name(invoke.process)) << "</td><td>"
        << escape_html(invoke.f) << "</td><td><code>" << escape_html(dump_json(invoke.value))
        << "</code></td><td class=\"" << outcome_name(r.operation->outcome) << "\">"
        << outcome_name(r.operation->outcome) << "</td><td><code>"
        << (completion ? escape_html(dump_json(completion->value)) : "never completed")
        << "</code>";
    if (completion && completion->error) out << " " << escape_html(*completion->error);
    out << "</td><td>" << escape_html(format_time(r.operation->start, ctx.data.times_known))
        << "</td><td>"
        << (completion ? escape_html(format_time(r.operation->end, ctx.data.times_known)) : "")
        << "</td></tr>";
  }
  out << "</tbody></table>\n";
}

void write_failure(std::ostream& out, const HtmlContext& ctx, const nlohmann::json& checker,
                   const nlohmann::json& failure, size_t id, bool first_failure) {
  const std::string key =
      failure.contains("key") && !failure["key"].is_null() ? dump_json(failure["key"]) : "";
  out << "<article class=\"failure\" id=\"linear-" << id << "\">\n<h3>"
      << (key.empty() ? std::string("The history") : "Key " + escape_html(key))
      << " is not linearizable";
  if (checker.contains("model")) {
    out << " (model " << escape_html(checker["model"].is_string()
                                          ? checker["model"].get<std::string>()
                                          : dump_json(checker["model"]))
        << ")";
  }
  out << "</h3>\n";
  if (failure.contains("message") && failure["message"].is_string()) {
    out << "<p class=\"message\">" << escape_html(failure["message"].get<std::string>())
        << "</p>\n";
  }
  size_t skipped = 0;
  const auto rows = rows_of(ctx, failure, &skipped);
  const size_t prefix = failure.contains("longest_prefix") && failure["longest_prefix"].is_array()
                            ? failure["longest_prefix"].size() : 0;
  out << "<p>The longest linearizable prefix has " << prefix << " operations";
  if (skipped > 0) out << "; the last " << prefix - skipped << " are shown";
  out << ". From none of the model states listed below can the checker linearize the "
         "highlighted operation, whatever order it gives the concurrent ones.</p>\n";
  draw_rows(out, ctx, rows, id);
  write_table(out, ctx, rows, first_failure);
  out << "<h4>Model states after the prefix</h4>\n<ul class=\"states\">";
  if (failure.contains("states") && failure["states"].is_array()) {
    for (const auto& s : failure["states"]) {
      out << "<li><code>" << escape_html(dump_json(s)) << "</code></li>";
    }
  }
  out << "</ul>\n</article>\n";
}

}  // namespace

void write_linearizability_section(std::ostream& out, const HtmlContext& ctx) {
  out << "<section id=\"linearizability\">\n<h2>Linearizability</h2>\n";
  size_t shown = 0, total = 0;
  for (const auto& c : checker_results(ctx.input)) {
    if (!c.is_object() || !c.contains("failures") || !c["failures"].is_array()) continue;
    for (const auto& f : c["failures"]) {
      if (!f.is_object()) continue;
      ++total;
      if (shown >= ctx.options.max_failures) continue;
      write_failure(out, ctx, c, f, shown, shown == 0);
      ++shown;
    }
  }
  if (total == 0) {
    out << "<p class=\"note\">"
        << (ctx.input.results.is_null() ? "No checker ran on this history."
                                        : "No linearizability failure.")
        << "</p>\n";
  } else if (shown < total) {
    out << "<p class=\"note\">" << total - shown << " more failing keys are in results.json.</p>\n";
  }
  out << "</section>\n";
}

}  // namespace faultline::reports
