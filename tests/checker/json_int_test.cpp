// exact_int64 takes a JSON integer only when it fits in int64 (checker/json_int.h).
#include <cstdint>
#include <limits>

#include <catch2/catch.hpp>

#include "checker/json_int.h"

using faultline::checker::exact_int64;
using nlohmann::json;

TEST_CASE("exact_int64: the int64 range, signed or unsigned", "[checker]") {
  const std::int64_t lo = std::numeric_limits<std::int64_t>::min();
  const std::int64_t hi = std::numeric_limits<std::int64_t>::max();
  std::int64_t out = 1;
  CHECK(exact_int64(json(lo), out));
  CHECK(out == lo);
  CHECK(exact_int64(json(hi), out));
  CHECK(out == hi);
  CHECK(exact_int64(json(static_cast<std::uint64_t>(hi)), out));
  CHECK(out == hi);
  CHECK(exact_int64(json(5u), out));
  CHECK(out == 5);
  CHECK(exact_int64(json(-5), out));
  CHECK(out == -5);
  CHECK(exact_int64(json::parse("0"), out));
  CHECK(out == 0);
}

TEST_CASE("exact_int64: above INT64_MAX, or not an integer, is refused", "[checker]") {
  std::int64_t out = 7;
  CHECK_FALSE(exact_int64(json(std::uint64_t{1} << 63), out));
  CHECK_FALSE(exact_int64(json(std::numeric_limits<std::uint64_t>::max()), out));
  CHECK_FALSE(exact_int64(json::parse("18446744073709551615"), out));
  CHECK_FALSE(exact_int64(json(1.0), out));
  CHECK_FALSE(exact_int64(json(-0.0), out));
  CHECK_FALSE(exact_int64(json(true), out));
  CHECK_FALSE(exact_int64(json("1"), out));
  CHECK_FALSE(exact_int64(json(nullptr), out));
  CHECK(out == 7);
}
