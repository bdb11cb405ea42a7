// libFuzzer target: the JSONL reader on arbitrary bytes, with and without the partial-file rule
// and with a small line limit. Bad input must give InputError; a read history must round-trip.
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
  options.format = Format::kJsonl;
  options.allow_truncated_tail = size % 2 == 1;
  options.max_line_bytes = size % 3 == 0 ? 64 : 1 << 20;
  try {
    faultline::fuzz::check_history(parse_history(text, "fuzz.jsonl", options));
  } catch (const InputError& e) {
    FAULTLINE_FUZZ_CHECK(e.line() >= 1);
  }
  return 0;
}
