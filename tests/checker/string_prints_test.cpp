// StringPrints: equal strings get equal prints however they were built, and equal literals one
// id; distinct strings get distinct prints; text() rebuilds what append() never stored.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "checker/models/string_prints.h"

using faultline::checker::StringPrints;

namespace {

// The random cases' generator: the same texts on every run.
struct Lcg {
  std::uint64_t seed;
  std::uint32_t operator()() {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::uint32_t>(seed >> 33);
  }
};

}  // namespace

TEST_CASE("string prints: an append equals the literal of the concatenation", "[checker]") {
  StringPrints s;
  const auto empty = s.literal("");
  const auto a = s.literal("a");
  const auto bc = s.literal("bc");
  const auto abc = s.append(a, bc);
  CHECK(s.same(abc, s.literal("abc")));
  CHECK(s.print(abc) == s.print(s.literal("abc")));
  CHECK(s.literal("abc") == s.literal("abc"));
  CHECK(s.same(s.append(s.append(empty, a), bc), abc));
  CHECK(s.same(s.append(abc, empty), abc));
  CHECK(s.text(abc) == "abc");
  CHECK(!s.same(s.append(bc, a), abc));      // "bca"
  CHECK(s.text(s.append(bc, a)) == "bca");
}

TEST_CASE("string prints: NUL bytes and lengths are told apart", "[checker]") {
  StringPrints s;
  const auto one = s.literal(std::string(1, '\0'));
  const auto two = s.literal(std::string(2, '\0'));
  CHECK(!s.same(one, two));
  CHECK(!s.same(one, s.literal("")));
  CHECK(s.same(s.append(one, one), two));
  // Each hash on its own tells a leading NUL byte apart (a byte's digit is c + 1): the search's
  // key for a kv state is the two hashes without the length.
  const auto a = s.literal("a"), nul_a = s.literal(std::string("\0a", 2));
  CHECK(s.print(a).h1 != s.print(nul_a).h1);
  CHECK(s.print(a).h2 != s.print(nul_a).h2);
  CHECK(s.print(s.literal("")).h1 != s.print(one).h1);
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
  CHECK(s.same(s.literal(text), state));
  CHECK(!s.same(s.literal(text + "x"), state));
  CHECK(!s.same(s.literal(text.substr(1)), state));
}

TEST_CASE("string prints: discard takes back only the last append", "[checker]") {
  StringPrints s;
  const auto a = s.literal("a"), b = s.literal("b");
  const auto ab = s.append(a, b);
  s.discard(b);  // a literal: kept
  CHECK(s.text(b) == "b");
  const auto abb = s.append(ab, b);
  s.discard(ab);  // not the last: kept
  s.discard(abb);
  CHECK(s.size() == 3);
  const auto aba = s.append(ab, a);
  CHECK(aba == abb);  // the id is reused
  CHECK(s.text(aba) == "aba");
  CHECK(s.text(ab) == "ab");
}

TEST_CASE("string prints: a literal that shares a prefix with the last hashes the same",
          "[checker]") {
  // literal() resumes from the checkpoints of the last long literal; the id must not depend on
  // which literal came before. Reads that extend, shorten, repeat and diverge from the last one.
  StringPrints s;
  std::vector<std::string> texts;
  Lcg next{42};
  std::string value;
  for (int i = 0; i < 3000; ++i) {
    switch (next() % 5) {
      case 0: value = std::string(next() % 6, 'p'); break;  // a put
      case 1: value.resize(value.size() - std::min<std::size_t>(value.size(), next() % 9)); break;
      case 2:
        if (!value.empty()) value[next() % value.size()] ^= 1;
        break;
      default: value += "x " + std::to_string(next() % 50) + " y";
    }
    texts.push_back(value);
    const auto id = s.literal(value);
    CHECK(s.text(id) == value);
    const std::size_t cut = value.empty() ? 0 : next() % (value.size() + 1);
    const auto head = s.append(s.literal(value.substr(0, cut)), s.literal(value.substr(cut)));
    REQUIRE(s.same(head, id));
    REQUIRE(s.literal(value) == id);
  }
  // A fresh instance, literals in reverse order: equal strings equal ids, distinct ones distinct.
  StringPrints fresh;
  std::vector<std::uint32_t> ids(texts.size());
  for (std::size_t i = texts.size(); i-- > 0;) ids[i] = fresh.literal(texts[i]);
  std::map<std::uint32_t, std::string> text_of;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const auto [it, inserted] = text_of.emplace(ids[i], texts[i]);
    REQUIRE(it->second == texts[i]);  // one id, one string
    REQUIRE(fresh.text(ids[i]) == texts[i]);
    REQUIRE(fresh.literal(texts[i]) == ids[i]);
  }
  CHECK(text_of.size() == std::set<std::string>(texts.begin(), texts.end()).size());
}

TEST_CASE("string prints: a read prints as the literal of its text, without interning",
          "[checker]") {
  StringPrints s;
  s.reserve(8, 64);  // before the first string: sizes the first block of entries
  const auto empty = s.read("");
  CHECK(s.same(empty, s.literal("")));
  CHECK(s.text(empty).empty());
  const auto x = s.literal("x 1 0 y"), z = s.literal("x 2 0 y");
  const auto xz = s.append(x, z);
  const auto r = s.read("x 1 0 yx 2 0 y");
  CHECK(s.same(r, xz));
  CHECK(s.print(r) == s.print(xz));
  CHECK(s.text(r) == "x 1 0 yx 2 0 y");
  // Short reads are not looked up: equal texts, two ids, one print.
  const auto a1 = s.read("abc"), a2 = s.read("abc");
  CHECK(a1 != a2);
  CHECK(s.same(a1, a2));
  CHECK(!s.same(a1, s.read("abd")));
}

TEST_CASE("string prints: a literal equal to the last long read is interned, not the read",
          "[checker]") {
  // A read has no B^len: had literal() returned the read's id (the last long string's), an
  // append of it would print wrong, and the next equal literal would get another id.
  StringPrints s;
  const std::string text = "x 1 0 yx 2 0 yx 3 0 y";
  const auto read = s.read(text);
  const auto lit = s.literal(text);
  CHECK(lit != read);
  CHECK(s.literal(text) == lit);
  CHECK(s.same(lit, read));
  const auto head = s.literal("h");
  CHECK(s.same(s.append(head, lit), s.literal("h" + text)));
  CHECK(s.text(s.append(head, lit)) == "h" + text);
  // And a read equal to the last long literal may take its id: it only compares.
  CHECK(s.same(s.read(text), lit));
}

TEST_CASE("string prints: reads and literals that share prefixes hash as from the start",
          "[checker]") {
  // Reads and literals interleaved resume from each other's checkpoints; a fresh instance hashes
  // each text alone.
  StringPrints s;
  Lcg next{7};
  std::string value;
  for (int i = 0; i < 2000; ++i) {
    if (next() % 7 == 0) value = std::string(next() % 20, 'p');
    else if (next() % 5 == 0) value.resize(value.size() - std::min<std::size_t>(value.size(), 9));
    else value += "x " + std::to_string(next() % 50) + " y";
    const bool as_read = next() % 2 == 0;
    const auto id = as_read ? s.read(value) : s.literal(value);
    REQUIRE(s.text(id) == value);
    StringPrints alone;
    REQUIRE(s.print(id) == alone.print(alone.literal(value)));
    REQUIRE(s.print(id) == alone.print(alone.read(value)));
  }
}

TEST_CASE("string prints: every byte value hashes as its appends do", "[checker]") {
  // literal() looks each byte's term up in a table per place in a block; append() multiplies
  // by B^len. Bytes 0 to 255 at every place of a block and of a tail, both ways.
  StringPrints s;
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  for (std::size_t shift = 0; shift < 9; ++shift) {
    const std::string text = all.substr(shift) + all.substr(0, shift) + all.substr(0, shift);
    auto built = s.literal("");
    for (const char c : text) built = s.append(built, s.literal(std::string(1, c)));
    REQUIRE(s.same(s.literal(text), built));
    REQUIRE(s.same(s.read(text), built));
    REQUIRE(!s.same(s.literal(text.substr(1)), built));
  }
}
