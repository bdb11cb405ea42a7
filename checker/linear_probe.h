// The regrowth of the checker's flat open-addressing tables (checker/pending_index.h, and the
// string key ids of checker/partition.cpp), which probe linearly in a power-of-two table.
// Thread-safety: a pure function of its arguments.
#pragma once

#include <cstddef>
#include <vector>

namespace faultline::checker {

// Doubles `slots` (16 slots at first) and puts each used slot back at the first free slot from
// its home. `used(slot)` tells a used slot from a free one; `home(slot)` is its hash.
template <typename Slot, typename Used, typename Home>
void regrow_linear_probe(std::vector<Slot>& slots, Used used, Home home) {
  std::vector<Slot> old(slots.empty() ? 16 : slots.size() * 2);
  old.swap(slots);
  const std::size_t mask = slots.size() - 1;
  for (const Slot& s : old) {
    if (!used(s)) continue;
    std::size_t i = home(s) & mask;
    while (used(slots[i])) i = (i + 1) & mask;
    slots[i] = s;
  }
}

}  // namespace faultline::checker
