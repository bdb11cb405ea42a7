#include "reports/store_report.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "checker/verdict.h"
#include "history/input_error.h"
#include "history/read.h"
#include "reports/ci_outputs.h"
#include "reports/html_report.h"

namespace faultline::reports {

namespace {

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.flush();
  if (!out) throw std::runtime_error(path + ": cannot write");
}

// 1-based line and column of byte offset `pos` in `text`.
std::pair<uint64_t, uint64_t> line_column(const std::string& text, size_t pos) {
  uint64_t line = 1, column = 1;
  for (size_t i = 0; i < pos && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

}  // namespace

void write_outputs(const ReportInput& input, const OutputOptions& options) {
  const std::string rerun =
      options.rerun_command.empty() ? default_rerun_command(input) : options.rerun_command;
  if (!options.html_path.empty()) write_html(input, options.html_path, options.html);
  if (!options.junit_path.empty()) write_text(options.junit_path, junit_xml(input, rerun));
  if (!options.summary_md_path.empty()) {
    write_text(options.summary_md_path, summary_markdown(input, rerun));
  }
}

nlohmann::json read_json_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw history::InputError(path, 0, 0, "cannot open the file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    const size_t at = e.byte > 0 ? e.byte - 1 : 0;
    const auto [line, column] = line_column(text, at);
    std::string message = e.what();
    // nlohmann's text starts with "[json.exception.parse_error.101] parse error at line..."
    const auto colon = message.find(": ");
    if (colon != std::string::npos) message = message.substr(colon + 2);
    throw history::InputError(path, line, column, "not valid JSON: " + message);
  }
}

int report_store_dir(const std::string& dir, const StoreReportOptions& options,
                     std::ostream& err) {
  namespace fs = std::filesystem;
  const fs::path root(dir);
  try {
    if (!fs::is_directory(root)) {
      throw history::InputError(dir, 0, 0, "not a store directory");
    }
    const history::History history = history::read_history((root / "history.jsonl").string());
    nlohmann::json results, test;
    const fs::path results_path = root / "results.json";
    if (fs::exists(results_path)) {
      results = read_json_file(results_path.string());
      if (!results.is_object()) {
        throw history::InputError(results_path.string(), 1, 1, "expected a JSON object");
      }
    } else {
      err << "faultline report: " << results_path.string()
          << " is absent: the report has no checker sections\n";
    }
    const fs::path test_path = root / "test.json";
    if (fs::exists(test_path)) test = read_json_file(test_path.string());
    std::string title = root.filename().string();
    if (title.empty()) title = root.parent_path().filename().string();
    if (test.is_object() && test.contains("name") && test["name"].is_string()) {
      title = test["name"].get<std::string>() + " " + title;
    }
    const ReportInput input{history, std::move(results), std::move(test), title};
    OutputOptions outputs;
    outputs.html_path = (root / "report.html").string();
    outputs.junit_path = options.junit_path;
    outputs.summary_md_path = options.summary_md_path;
    outputs.rerun_command = options.rerun_command;
    outputs.html = options.html;
    write_outputs(input, outputs);
    return checker::kExitValid;
  } catch (const history::InputError& e) {
    err << "faultline report: " << e.what() << "\n";
    return checker::kExitBadInput;
  } catch (const std::runtime_error& e) {
    err << "faultline report: " << e.what() << "\n";
    return checker::kExitInternal;
  }
}

}  // namespace faultline::reports
