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

// The two halves of parse_jsonl_op, apart for the tests that hold them to each other.
// parse_canonical_jsonl_op reads only the layout faultline's writer produces (the fields in
// history/jsonl_writer.cpp's order, no spaces, a string error) and returns false on anything
// else, after which `op` holds nothing that parse_any_jsonl_op does not overwrite. It takes
// fewer branches: on faultline's own files parsing costs about a third less. A line it declines
// late (an extra field after `value`, say) is parsed twice, and a malformed line costs one
// caught SyntaxError more: files from other producers, in another field order, are declined at
// the first field.
// parse_any_jsonl_op reads any line the format allows, in any field order.
bool parse_canonical_jsonl_op(std::string_view line, Op& op);
void parse_any_jsonl_op(std::string_view line, Op& op);

// True when the line holds only spaces, tabs and a '\r' (blank lines are skipped).
bool is_blank_line(std::string_view line);

}  // namespace faultline::history::detail
