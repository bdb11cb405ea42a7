// StringPrints: equal strings get one id however they were built; distinct strings get distinct
// ids; text() rebuilds what append() never stored.
#include <catch2/catch.hpp>

#include <string>

#include "checker/models/string_prints.h"

using faultline::checker::StringPrints;

TEST_CASE("string prints: an append equals the literal of the concatenation", "[checker]") {
  StringPrints s;
  const auto empty = s.literal("");
  const auto a = s.literal("a");
  const auto bc = s.literal("bc");
  const auto abc = s.append(a, bc);
  CHECK(abc == s.literal("abc"));
  CHECK(s.append(s.append(empty, a), bc) == abc);
  CHECK(s.append(abc, empty) == abc);
  CHECK(s.text(abc) == "abc");
  CHECK(s.append(bc, a) != abc);             // "bca"
  CHECK(s.text(s.append(bc, a)) == "bca");
}

TEST_CASE("string prints: NUL bytes and lengths are told apart", "[checker]") {
  StringPrints s;
  const auto one = s.literal(std::string(1, '\0'));
  const auto two = s.literal(std::string(2, '\0'));
  CHECK(one != two);
  CHECK(one != s.literal(""));
  CHECK(s.append(one, one) == two);
}

TEST_CASE("string prints: many distinct appends stay distinct", "[checker]") {
  StringPrints s;
  auto state = s.literal("");
  const auto x = s.literal("x"), y = s.literal("y");
  std::string text;
  for (int i = 0; i < 2000; ++i) {
    const bool pick_x = (i * 7919) % 3 == 0;
    state = s.append(state, pick_x ? x : y);
    text += pick_x ? "x" : "y";
  }
  CHECK(s.text(state) == text);
  CHECK(s.literal(text) == state);
  CHECK(s.size() == 3 + 1999);  // "", "x", "y", then one new string per append but the first ("x")
}
