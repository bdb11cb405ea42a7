// A brute-force linearizability checker for the differential test, written from the semantics in
// docs/checking.md and not from checker/'s code, so that it can catch the checker's bugs. For each
// key it tries every order of the operations that respects real time, and every subset of the
// info and pending ones; a model may give several next states (an unordered-queue dequeue whose
// value is unknown may take any element). Models: register, cas-register, multi-register, mutex,
// kv, set, fifo-queue, unordered-queue, each from its default initial state.
//
// Conventions it follows: fail ops are dropped; an op is checked with its ok completion's value,
// unless that is null and the invoke's is not: then with the invoke's, whose reads were not
// observed; info and pending ops may take effect at any point after their invoke, or never, and
// their reads were not observed; a read of null observed nothing only when the history says so
// (History::nil_read_unknown, for the register models and multi-register).
// Exponential: for histories of about ten operations. Test-only. Thread-safety: a pure function.
#pragma once

#include <string>

#include "history/history.h"

namespace faultline::testing {

// True when `history` is linearizable under `model`. Throws std::invalid_argument for an f or a
// model it does not know, or a partition of more than 31 operations.
bool reference_linearizable(const history::History& history, const std::string& model);

}  // namespace faultline::testing
