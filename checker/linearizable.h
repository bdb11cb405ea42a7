// check_linearizable is the linearizability checker behind check(options.checker ==
// "linearizable"). It drops fail ops and the unfinished ops the model says cannot matter (an info
// read), splits the rest by Op::key when the model allows (P-compositionality), and runs one WGL
// search per partition (checker/wgl.h). Partitions run on a TBB task arena of options.threads
// threads (at most the cores available), each thread encoding and searching its share, largest
// first, then helping the others search; the first violation cancels the rest unless
// options.all_failures.
// A small history, or a single partition, is searched on the calling thread with no tasks.
//
// The result's json follows docs/formats/results.md: counts per partition verdict, the reason for
// unknown, and one counterexample per invalid partition found (key, longest linearizable prefix,
// failed op, ops concurrent with it, model states after the prefix, message).
// Thread-safety: reentrant.
#pragma once

#include <vector>

#include "checker/check.h"

namespace faultline::checker {

CheckResult check_linearizable(const history::History& history,
                               const std::vector<history::Operation>& operations,
                               const CheckOptions& options);

}  // namespace faultline::checker
