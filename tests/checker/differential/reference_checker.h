// A brute-force linearizability checker for the differential test: it tries every order of a
// small history's operations that respects real time, for the register, cas-register, set and
// kv models, with the same conventions as checker/models (an ok read of null constrains nothing;
// set reads compare as sets; fail ops are dropped; info and pending ops may or may not take
// effect). Exponential: for histories of about ten operations only. Test-only.
// Thread-safety: a pure function.
#pragma once

#include <string>

#include "history/history.h"

namespace faultline::testing {

// True when `history` is linearizable under `model` (initial value: the model's default).
bool reference_linearizable(const history::History& history, const std::string& model);

}  // namespace faultline::testing
