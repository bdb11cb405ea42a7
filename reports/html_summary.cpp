// Summary section: configuration and seed, a verdict per checker, op counts, throughput and
// latency quantiles.
#include <cstdio>

#include "reports/escape.h"
#include "reports/html_sections.h"
#include "reports/latency_stats.h"
#include "reports/svg_plot.h"

namespace faultline::reports {

namespace {

std::string verdict_class(const nlohmann::json& verdict) {
  if (verdict.is_string()) {
    const auto& v = verdict.get_ref<const std::string&>();
    if (v == "valid" || v == "invalid" || v == "unknown") return v;
  }
  return "unknown";
}

std::string text_of(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  return dump_json(value);
}

void write_verdict(std::ostream& out, const nlohmann::json& verdict) {
  const std::string cls = verdict_class(verdict);
  out << "<span class=\"verdict " << cls << "\">" << escape_html(text_of(verdict)) << "</span>";
}

void write_configuration(std::ostream& out, const HtmlContext& ctx) {
  const auto& in = ctx.input;
  out << "<table class=\"kv\"><tbody>";
  out << "<tr><th>history</th><td>" << escape_html(in.history.path) << "</td></tr>";
  out << "<tr><th>ops</th><td>" << in.history.ops.size() << "</td></tr>";
  if (in.test.is_object()) {
    if (in.test.contains("seed")) {
      out << "<tr class=\"seed\"><th>seed</th><td>" << escape_html(text_of(in.test["seed"]))
          << "</td></tr>";
    }
    for (const auto& [k, v] : in.test.items()) {
      if (k == "seed") continue;
      out << "<tr><th>" << escape_html(k) << "</th><td>" << escape_html(text_of(v))
          << "</td></tr>";
    }
  } else {
    out << "<tr><th>test</th><td>no test.json: an offline check of a stored history</td></tr>";
  }
  out << "</tbody></table>\n";
}

std::string checker_details(const nlohmann::json& c) {
  std::string s;
  if (c.contains("partitions") && c["partitions"].is_object()) {
    s += "partitions:";
    for (const auto& [k, v] : c["partitions"].items()) s += " " + k + " " + text_of(v);
  }
  if (c.contains("counts") && c["counts"].is_object()) {
    for (const auto& [k, v] : c["counts"].items()) s += (s.empty() ? "" : ", ") + k + " " + text_of(v);
  }
  if (c.contains("unknown_reason") && !c["unknown_reason"].is_null()) {
    s += (s.empty() ? "" : "; ") + text_of(c["unknown_reason"]);
  }
  return s;
}

void write_checkers(std::ostream& out, const HtmlContext& ctx) {
  const auto& in = ctx.input;
  out << "<h3>Checkers</h3>\n";
  if (in.results.is_null()) {
    out << "<p class=\"note\">No results.json: no checker ran on this history, so the report "
           "has no verdict and no checker sections.</p>\n";
    return;
  }
  out << "<p>Overall verdict: ";
  write_verdict(out, in.results.value("verdict", nlohmann::json("unknown")));
  if (!first_linearizability_failure(in).is_null()) {
    out << " &middot; <a class=\"jump\" href=\"#first-error\">Jump to first error</a>";
  }
  out << "</p>\n<table><thead><tr><th>checker</th><th>model</th><th>verdict</th>"
         "<th>elapsed</th><th>details</th></tr></thead><tbody>";
  for (const auto& c : checker_results(in)) {
    if (!c.is_object()) continue;
    out << "<tr><td>" << escape_html(text_of(c.value("checker", nlohmann::json("?"))))
        << "</td><td>" << escape_html(c.contains("model") ? text_of(c["model"]) : "")
        << "</td><td>";
    write_verdict(out, c.value("verdict", nlohmann::json("unknown")));
    out << "</td><td>";
    if (c.contains("elapsed_ms") && c["elapsed_ms"].is_number()) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.1f ms", c["elapsed_ms"].get<double>());
      out << buf;
    }
    out << "</td><td>" << escape_html(checker_details(c)) << "</td></tr>";
  }
  out << "</tbody></table>\n";
}

void write_counts(std::ostream& out, const HistoryStats& s) {
  out << "<h3>Operations</h3>\n<table><thead><tr><th>f</th><th>operations</th><th>ok</th>"
         "<th>fail</th><th>info</th><th>never completed</th></tr></thead><tbody>";
  auto row = [&](const std::string& name, const OutcomeCounts& c, bool total) {
    out << "<tr" << (total ? " class=\"total\"" : "") << "><td>" << escape_html(name)
        << "</td><td>" << c.operations << "</td><td class=\"ok\">" << c.ok
        << "</td><td class=\"fail\">" << c.fail << "</td><td class=\"info\">" << c.info
        << "</td><td class=\"info\">" << c.pending << "</td></tr>";
  };
  for (const auto& [f, c] : s.by_f) row(f, c, false);
  row("all", s.total, true);
  out << "</tbody></table>\n<p>Ops by type: " << s.invokes << " invoke, " << s.oks << " ok, "
      << s.fails << " fail, " << s.infos << " info, " << s.nemesis_ops << " nemesis.</p>\n";
}

void write_rates(std::ostream& out, const HistoryStats& s, const TimelineData& data) {
  out << "<h3>Throughput and latency</h3>\n";
  if (!data.times_known) {
    out << "<p class=\"note\">This history does not record op times: throughput and latency "
           "are not known, and time plots use the op index as their axis.</p>\n";
    return;
  }
  char buf[160];
  const double d = s.duration_s > 0 ? s.duration_s : 1e-9;
  std::snprintf(buf, sizeof buf, "%.1f operations/s (%.1f ok/s) over %.3f s", 
                static_cast<double>(s.total.operations) / d, static_cast<double>(s.total.ok) / d,
                s.duration_s);
  out << "<p>Throughput: " << buf << ".</p>\n";
  out << "<table><thead><tr><th>f</th><th>outcome</th><th>count</th><th>p50</th><th>p95</th>"
         "<th>p99</th><th>max</th></tr></thead><tbody>";
  auto row = [&](const std::string& f, const std::string& outcome, const Quantiles& q) {
    out << "<tr><td>" << escape_html(f) << "</td><td class=\"" << escape_html(outcome) << "\">"
        << escape_html(outcome) << "</td><td>" << q.count << "</td><td>"
        << format_duration_ns(q.p50) << "</td><td>" << format_duration_ns(q.p95) << "</td><td>"
        << format_duration_ns(q.p99) << "</td><td>" << format_duration_ns(q.max)
        << "</td></tr>";
  };
  for (const auto& [key, q] : s.latency_by_f_outcome) {
    const auto space = key.rfind(' ');
    row(key.substr(0, space), key.substr(space + 1), q);
  }
  row("all", "ok", s.latency_ok);
  out << "</tbody></table>\n";
}

}  // namespace

void write_summary_section(std::ostream& out, const HtmlContext& ctx) {
  const HistoryStats stats = compute_stats(ctx.input.history, ctx.data);
  out << "<section id=\"summary\">\n<h2>Summary</h2>\n";
  write_configuration(out, ctx);
  write_checkers(out, ctx);
  write_counts(out, stats);
  write_rates(out, stats, ctx.data);
  out << "</section>\n";
}

}  // namespace faultline::reports
