// `faultline check`: reads each HISTORY, runs the checker, prints one line per file and writes
// the results document. All checking lives in checker/; this file maps options and exit codes.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "checker/check.h"
#include "checker/results.h"
#include "checker/verdict.h"
#include "cli/commands.h"
#include "history/input_error.h"
#include "history/pairing.h"
#include "history/read.h"
#include "reports/store_report.h"

namespace faultline::cli {
namespace {

struct CheckArgs {
  checker::CheckOptions options;
  std::string init_text;
  std::string format = "auto";
  std::string memory_limit = "4G";
  std::string json_out;
  reports::OutputOptions report;  // --html, --junit, --summary-md
  std::vector<std::string> histories;
  CLI::Option* model_opt = nullptr;
  CLI::Option* init_opt = nullptr;
  CLI::Option* checker_opt = nullptr;
};

// "4294967296", "512M", "4G", "1.5G" -> bytes.
std::uint64_t parse_bytes(const std::string& text) {
  std::size_t used = 0;
  const double number = std::stod(text, &used);
  const std::string unit = text.substr(used);
  double scale = 1;
  if (unit == "K" || unit == "k") scale = 1024.0;
  else if (unit == "M") scale = 1024.0 * 1024;
  else if (unit == "G") scale = 1024.0 * 1024 * 1024;
  else if (!unit.empty()) throw std::invalid_argument("bad size unit");
  // !(number > 0) also refuses nan; a size beyond 2^63 bytes (inf among them) is no size.
  if (!(number > 0)) throw std::invalid_argument("size must be positive");
  if (!(number * scale < 0x1p63)) throw std::invalid_argument("size too large");
  // 0.1 would round to 0 bytes: a cap that gives unknown on any history.
  if (number * scale < 1) throw std::invalid_argument("size below a byte");
  return static_cast<std::uint64_t>(number * scale);
}

// --time-limit: 0 to 10^9 seconds. (CLI11's NonNegativeNumber prints the largest double in its
// message.) Larger ones, inf among them, would overflow the deadline's clock and give up at once.
// Text that is not a number passes here and fails CLI11's conversion, with its own message.
const CLI::Validator kSeconds(
    [](const std::string& text) {
      char* end = nullptr;
      const double value = std::strtod(text.c_str(), &end);
      const bool number = end != text.c_str() && *end == '\0';
      return number && !(value >= 0 && value <= 1e9)
                 ? "must be 0 (none) to 1e9 seconds, got " + text
                 : std::string();
    },
    "");

// A HISTORY that is a directory is a stored run: DIR/history.jsonl, with checker, model and init
// from DIR/test.json unless the command line gave them.
struct Target {
  std::string path;
  checker::CheckOptions options;
};

Target resolve(const CheckArgs& args, const std::string& arg) {
  Target t{arg, args.options};
  if (!std::filesystem::is_directory(arg)) return t;
  t.path = (std::filesystem::path(arg) / "history.jsonl").string();
  const auto test_json = std::filesystem::path(arg) / "test.json";
  if (!std::filesystem::exists(test_json)) return t;
  std::ifstream in(test_json);
  nlohmann::json test;
  try {
    test = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    throw history::InputError(test_json.string(), 0, 0, e.what());
  }
  if (args.checker_opt->count() == 0 && test.contains("checker") && test["checker"].is_string()) {
    t.options.checker = test["checker"].get<std::string>();
  }
  if (args.model_opt->count() == 0 && test.contains("model") && test["model"].is_string()) {
    t.options.model = test["model"].get<std::string>();
  }
  if (args.init_opt->count() == 0 && test.contains("init")) t.options.init = test["init"];
  return t;
}

// --html, --junit and --summary-md for one checked history (reports/store_report.h).
void write_reports(const CheckArgs& args, const std::string& arg, const history::History& h,
                   const nlohmann::json& results) {
  const auto& r = args.report;
  if (r.html_path.empty() && r.junit_path.empty() && r.summary_md_path.empty()) return;
  const auto test_json = std::filesystem::path(arg) / "test.json";
  nlohmann::json test;
  if (std::filesystem::is_directory(arg) && std::filesystem::exists(test_json)) {
    test = reports::read_json_file(test_json.string());
  }
  reports::write_outputs({h, results, test, arg}, r);
}

history::Format parse_format(const std::string& text) {
  if (text == "jsonl") return history::Format::kJsonl;
  if (text == "edn") return history::Format::kEdn;
  return history::Format::kAuto;
}

// Reachable until exit, so leak checkers do not report it. (A global: run_check is called once
// per process, from the CLI's one thread.)
const history::History* kept_for_exit = nullptr;

int run_check(CheckArgs& args) {
  if (!args.init_text.empty()) {
    try {
      args.options.init = nlohmann::json::parse(args.init_text);
    } catch (const nlohmann::json::parse_error& e) {
      std::cerr << "faultline check: --init is not JSON: " << e.what() << "\n";
      return checker::kExitBadInput;
    }
  }
  try {
    args.options.memory_limit_bytes = parse_bytes(args.memory_limit);
  } catch (const std::exception&) {
    std::cerr << "faultline check: --memory-limit wants bytes or a size like 512M or 4G, got "
              << args.memory_limit << "\n";
    return checker::kExitBadInput;
  }
  const auto& r = args.report;
  if (args.histories.size() > 1 &&
      !(r.html_path.empty() && r.junit_path.empty() && r.summary_md_path.empty())) {
    std::cerr << "faultline check: --html, --junit and --summary-md take a single HISTORY\n";
    return checker::kExitBadInput;
  }
  history::ReadOptions read;
  read.format = parse_format(args.format);
  read.threads = args.options.threads != 0 ? args.options.threads
                                           : std::max(1u, std::thread::hardware_concurrency());

  int worst = checker::kExitValid;
  checker::Verdict verdict = checker::Verdict::kValid;
  bool bad_input = false;
  nlohmann::json documents = nlohmann::json::array();
  for (const std::string& arg : args.histories) {
    try {
      const auto start = std::chrono::steady_clock::now();
      const Target target = resolve(args, arg);
      auto owned = std::make_unique<history::History>(history::read_history(target.path, read));
      const history::History& h = *owned;
      const auto operations = history::pair_operations(h);
      const checker::CheckResult result = checker::check(h, operations, target.options);
      const double ms = std::chrono::duration<double, std::milli>(
                            std::chrono::steady_clock::now() - start).count();
      verdict = checker::combine(verdict, result.verdict);
      char time[32];
      std::snprintf(time, sizeof time, ms < 10 ? "%.3f ms" : "%.1f ms", ms);
      std::cout << target.path << ": " << checker::to_string(result.verdict) << ", "
                << h.ops.size() << " ops, " << time << "\n"
                << checker::summarize(result);
      documents.push_back(checker::results_document(h, {result}));
      write_reports(args, arg, h, documents.back());
      // The last history is left for the process exit to reclaim at once: freeing a 1M-op
      // history op by op takes about 0.1 s (docs/perf.md).
      if (&arg == &args.histories.back()) {
        delete kept_for_exit;  // from an earlier call, if any
        kept_for_exit = owned.release();
      }
    } catch (const history::InputError& e) {
      std::cerr << e.what() << "\n";
      bad_input = true;
      // Keeps the documents in the order of the command line (docs/formats/results.md).
      documents.push_back({{"history", arg}, {"verdict", "error"}, {"error", e.what()}});
    }
  }
  worst = bad_input ? checker::kExitBadInput : checker::exit_code(verdict);
  if (!args.json_out.empty()) {
    std::ofstream out(args.json_out);
    out << (args.histories.size() == 1 ? documents[0] : documents).dump(2)
        << "\n";
    if (!out) {
      std::cerr << "faultline check: cannot write " << args.json_out << "\n";
      return checker::kExitBadInput;
    }
  }
  return worst;
}

}  // namespace

void add_check_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<CheckArgs>();
  auto* sub = app.add_subcommand(
      "check", "Check histories (JSONL or Jepsen EDN files, or stored run directories).");
  args->model_opt = sub->add_option("--model", args->options.model,
                                    "register, cas-register, multi-register, mutex, kv, set, "
                                    "fifo-queue, unordered-queue")
                        ->capture_default_str();
  args->init_opt = sub->add_option("--init", args->init_text,
                                   "the model's initial value, as JSON (e.g. 0 or {\"x\":0})");
  args->checker_opt = sub->add_option("--checker", args->options.checker,
                                      "linearizable, set-full, set or counter")
                          ->capture_default_str();
  sub->add_option("--format", args->format, "auto, jsonl or edn")
      ->check(CLI::IsMember({"auto", "jsonl", "edn"}))
      ->capture_default_str();
  sub->add_option("--time-limit", args->options.time_limit_s,
                  "seconds per history before giving up with unknown (0: none)")
      ->check(kSeconds);
  sub->add_option("--memory-limit", args->memory_limit,
                  "search memory per history before giving up with unknown (bytes, or 512M, 4G)")
      ->capture_default_str();
  sub->add_option("--threads", args->options.threads, "worker threads (0: all cores)");
  sub->add_flag("--all-failures", args->options.all_failures,
                "keep checking after the first violation and report every one");
  sub->add_option("--json", args->json_out,
                  "write the results document (an array when several histories)");
  sub->add_option("--html", args->report.html_path,
                  "write a self-contained HTML report of the history and its verdict");
  sub->add_option("--junit", args->report.junit_path,
                  "write JUnit XML: one testcase per checker, or per failing key");
  sub->add_option("--summary-md", args->report.summary_md_path,
                  "write a Markdown summary (for CI job summaries)");
  sub->add_option("HISTORY", args->histories, "history files or stored run directories")
      ->required();
  sub->callback([args, &exit_code] {
    try {
      exit_code = run_check(*args);
    } catch (const history::InputError& e) {
      std::cerr << e.what() << "\n";
      exit_code = checker::kExitBadInput;
    } catch (const std::exception& e) {
      std::cerr << "faultline check: internal error: " << e.what() << "\n";
      exit_code = checker::kExitInternal;
    }
  });
}

}  // namespace faultline::cli
