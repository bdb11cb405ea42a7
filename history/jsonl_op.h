// Parsing one JSONL line into an Op (the format is in docs/formats/history.md). This is the hot
// loop of every offline check, so it parses the known fields directly and builds nlohmann values
// only for `key` and `value`.
//
// Contract: `line` holds exactly one line without its '\n' (a trailing '\r' is allowed). On
// success every field of `op` is overwritten except `index`, which the caller sets. On bad input
// throws detail::SyntaxError with the byte offset in `line`. Thread-safety: reentrant.
#pragma once

#include <string_view>

#include "history/op.h"

namespace faultline::history::detail {

void parse_jsonl_op(std::string_view line, Op& op);

// True when the line holds only spaces, tabs and a '\r' (blank lines are skipped).
bool is_blank_line(std::string_view line);

}  // namespace faultline::history::detail
