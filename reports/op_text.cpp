#include "reports/op_text.h"

#include "reports/escape.h"
#include "reports/svg_plot.h"

namespace faultline::reports {

std::string process_name(int64_t process) {
  return process == history::kNemesisProcess ? "nemesis" : std::to_string(process);
}

std::string outcome_name(history::OpType outcome) {
  return std::string(history::to_string(outcome));
}

std::string op_line(const history::Op& op) {
  std::string s = process_name(op.process) + " :" + std::string(history::to_string(op.type)) +
                  " :" + op.f + " " + dump_json(op.value);
  if (op.has_key()) s += " key=" + dump_json(op.key);
  if (op.error) s += " error=" + *op.error;
  return s;
}

std::string operation_details(const history::History& history, const TimelineData& data,
                              const TimedOperation& operation) {
  const history::Op& invoke = history.ops[operation.invoke];
  std::string s = "process " + process_name(invoke.process) + " " + invoke.f + " " +
                  dump_json(invoke.value) + " -> " + outcome_name(operation.outcome);
  const history::Op* completion =
      operation.completion == kNoOp ? nullptr : &history.ops[operation.completion];
  if (completion) s += " " + dump_json(completion->value);
  else s += " (never completed)";
  if (invoke.has_key()) s += "\nkey: " + dump_json(invoke.key);
  if (completion && completion->error) s += "\nerror: " + *completion->error;
  s += "\ninvoke: index " + std::to_string(invoke.index) + " at " +
       format_time(operation.start, data.times_known);
  if (completion) {
    s += "\n" + outcome_name(completion->type) + ": index " + std::to_string(completion->index) +
         " at " + format_time(operation.end, data.times_known);
  }
  if (operation.latency_ns) {
    s += "\nlatency: " + format_duration_ns(static_cast<double>(*operation.latency_ns));
  }
  return s;
}

}  // namespace faultline::reports
