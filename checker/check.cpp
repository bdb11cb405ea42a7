#include "checker/check.h"

#include "checker/linearizable.h"
#include "history/input_error.h"

// Defined by checker/CMakeLists.txt once the lost-writes sources are part of the library.
#ifdef FAULTLINE_HAVE_LOST_WRITES
#include "checker/lost_writes.h"
#endif

namespace faultline::checker {

CheckResult check(const history::History& history,
                  const std::vector<history::Operation>& operations, const CheckOptions& options) {
  if (options.checker == "linearizable") return check_linearizable(history, operations, options);
#ifdef FAULTLINE_HAVE_LOST_WRITES
  if (options.checker == "set-full") return check_set_full(history, operations, options);
  if (options.checker == "set") return check_set(history, operations, options);
  if (options.checker == "counter") return check_counter(history, operations, options);
#endif
  throw history::InputError("--checker", 0, 0,
                            "unknown checker \"" + options.checker +
                                "\" (known: linearizable, set-full, set, counter)");
}

}  // namespace faultline::checker
