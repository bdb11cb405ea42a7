// SmallVisitedSet: answers new or seen exactly as a std::set of the configurations does, from the
// inline entries through several heap tables; a table the budget refuses leaves the set as it
// was and says full (as VisitedSet does, for every insert once full: the search stops at the
// first); what it reserved goes back when it ends.
#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <set>

#include "checker/small_visited_set.h"

using faultline::checker::Budget;
using faultline::checker::SmallVisitedSet;
using faultline::checker::VisitedInsert;

namespace {

// A configuration: bits (kWords), then key (kKeyWords), drawn from a small range so that many
// repeat.
template <std::size_t kKeyWords, std::size_t kWords>
void compare_with_std_set(std::uint64_t seed, std::size_t expected) {
  Budget budget(0, 1 << 30);
  SmallVisitedSet<kKeyWords, kWords> set(kWords, expected, budget);
  std::set<std::array<std::uint64_t, kWords + kKeyWords>> reference;
  std::uint64_t x = seed;
  auto next = [&] {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    return x >> 33;
  };
  for (int i = 0; i < 20000; ++i) {
    std::array<std::uint64_t, kWords + kKeyWords> c{};
    // One bit of 2 * 64 * kWords, or two: the sets a search meets differ in few ops.
    for (int b = 0; b < 2; ++b) {
      const std::uint64_t bit = next() % (64 * kWords);
      c[bit / 64] |= std::uint64_t{1} << (bit % 64);
    }
    for (std::size_t k = 0; k < kKeyWords; ++k) c[kWords + k] = next() % 7;
    const bool fresh = reference.insert(c).second;
    REQUIRE(set.insert(0, c.data() + kWords, c.data()) ==
            (fresh ? VisitedInsert::kNew : VisitedInsert::kSeen));
    REQUIRE(set.size() == reference.size());
  }
}

}  // namespace

TEST_CASE("small visited set: new and seen as a std::set says", "[checker]") {
  compare_with_std_set<1, 1>(1, 3);     // starts inline
  compare_with_std_set<1, 1>(2, 500);   // starts with a heap table
  compare_with_std_set<2, 1>(3, 10);    // the kv model's two-word keys
  compare_with_std_set<1, 2>(4, 100);
  compare_with_std_set<2, 2>(5, 70);
}

TEST_CASE("small visited set: a refused table leaves it as it was", "[checker]") {
  // Room for a table of 256 entries of 16 bytes (4096) while the one of 128 is copied (2048),
  // and not for the next.
  Budget budget(0, 8192);
  {
    SmallVisitedSet<1, 1> set(1, 3, budget);
    std::uint64_t inserted = 0;
    VisitedInsert r = VisitedInsert::kNew;
    for (std::uint64_t i = 1; r == VisitedInsert::kNew; ++i) {
      const std::uint64_t key = i % 5;
      r = set.insert(0, &key, &i);
      if (r == VisitedInsert::kNew) ++inserted;
    }
    CHECK(r == VisitedInsert::kFull);
    CHECK(inserted == 128);  // load at most 1/2 of 256
    CHECK(set.size() == 128);
    const std::uint64_t one = 1, key = 1;
    CHECK(set.insert(0, &key, &one) == VisitedInsert::kFull);  // it still cannot grow
    CHECK(set.size() == 128);
    CHECK_FALSE(budget.reserve(4097));  // the table's 4096 bytes are held
  }
  CHECK(budget.reserve(8192));  // and given back
}
