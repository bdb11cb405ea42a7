#include <sstream>

#include "reports/ci_outputs.h"
#include "reports/escape.h"
#include "reports/html_sections.h"

namespace faultline::reports {

namespace {

std::string text_of(const nlohmann::json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  return dump_json(v);
}

std::string badge(const std::string& verdict) {
  if (verdict == "valid") return "✅ valid";
  if (verdict == "invalid") return "❌ invalid";
  return "⚠️ unknown";
}

std::string verdict_of(const nlohmann::json& doc) {
  const auto v = doc.is_object() ? doc.value("verdict", nlohmann::json("unknown"))
                                 : nlohmann::json("unknown");
  const std::string s = v.is_string() ? v.get<std::string>() : "unknown";
  return s == "valid" || s == "invalid" ? s : "unknown";
}

std::string details(const nlohmann::json& c) {
  std::string s;
  if (c.contains("partitions") && c["partitions"].is_object()) {
    const auto& p = c["partitions"];
    s += text_of(p.value("invalid", nlohmann::json(0))) + " of " +
         text_of(p.value("total", nlohmann::json(0))) + " keys invalid";
  }
  if (c.contains("failures") && c["failures"].is_array() && !c["failures"].empty()) {
    const auto& f = c["failures"][0];
    if (f.is_object()) {
      s += (s.empty() ? "" : "; ") + std::string("first: ");
      if (f.contains("key") && !f["key"].is_null()) s += "key " + text_of(f["key"]) + ", ";
      s += "op " + text_of(f.value("failed_op", nlohmann::json()));
    }
  }
  if (c.contains("counts") && c["counts"].is_object()) {
    for (const auto& [k, v] : c["counts"].items()) {
      if (k == "stable") continue;
      if (v.is_number() && v != 0) s += (s.empty() ? "" : ", ") + k + " " + text_of(v);
    }
    if (s.empty()) s = "no lost, stale or unexpected element";
  }
  if (c.contains("unknown_reason") && !c["unknown_reason"].is_null()) {
    s += (s.empty() ? "" : "; ") + text_of(c["unknown_reason"]);
  }
  return s;
}

}  // namespace

std::string summary_markdown(const ReportInput& input, const std::string& rerun_command) {
  std::ostringstream out;
  const std::string title = input.title.empty() ? input.history.path : input.title;
  out << "### faultline: " << escape_markdown_cell(title) << ": "
      << (input.results.is_null() ? "no checker ran" : badge(verdict_of(input.results)))
      << "\n\n";
  out << "History " << escape_markdown_cell(input.history.path) << ", "
      << input.history.ops.size() << " ops, seed " << escape_markdown_cell(seed_text(input))
      << ".\n\n";
  if (!input.results.is_null()) {
    out << "| checker | model | verdict | elapsed | details |\n|---|---|---|---|---|\n";
    for (const auto& c : checker_results(input)) {
      if (!c.is_object()) continue;
      std::string elapsed;
      if (c.contains("elapsed_ms") && c["elapsed_ms"].is_number()) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1f ms", c["elapsed_ms"].get<double>());
        elapsed = buf;
      }
      out << "| " << escape_markdown_cell(text_of(c.value("checker", nlohmann::json())))
          << " | " << escape_markdown_cell(text_of(c.value("model", nlohmann::json())))
          << " | " << badge(verdict_of(c)) << " | " << elapsed << " | "
          << escape_markdown_cell(details(c)) << " |\n";
    }
    out << "\n";
  }
  if (!rerun_command.empty()) {
    out << "Re-run: <code>" << escape_markdown_cell(rerun_command) << "</code>\n";
  }
  return out.str();
}

}  // namespace faultline::reports
