// The EDN reader for Jepsen and Knossos histories: either one vector (or list) of op maps, as in
// Knossos's data files, or a sequence of op maps, one per line, as in Jepsen's history.edn and
// porcupine's kv files. Op maps may be `#jepsen.history.Op{...}` records. The mapping of each EDN
// construct to an Op is specified in docs/formats/history.md.
//
// Contract: appends every op to `out` with index == position and its 1-based line; applies the
// `independent` tuple rule (ReadOptions::tuples) over the whole history. Throws InputError
// ("name:line:column: message") for bad input and for an empty history.
// Thread-safety: reentrant.
#pragma once

#include <string>
#include <string_view>

#include "history/history.h"
#include "history/read.h"

namespace faultline::history::detail {

void parse_edn(std::string_view text, const std::string& name, const ReadOptions& options,
               History& out);

}  // namespace faultline::history::detail
