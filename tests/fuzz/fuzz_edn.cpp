// libFuzzer target: the EDN reader on arbitrary bytes, with each tuple rule. Bad input must give
// InputError; a read history must round-trip through JSONL.
#include <cstddef>
#include <cstdint>

#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  faultline::fuzz::write_seeds(*argc, *argv);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace faultline::history;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  ReadOptions options;
  options.format = Format::kEdn;
  options.tuples = static_cast<Tuples>(size % 3);
  try {
    faultline::fuzz::check_history(parse_history(text, "fuzz.edn", options));
  } catch (const InputError& e) {
    FAULTLINE_FUZZ_CHECK(e.line() >= 1);
  }
  return 0;
}
