// A Budget is what one check() may spend, shared by all its partition searches: a deadline, a
// memory cap on the search structures (visited-set caches and stacks), and a stop flag that the
// first violation raises to cancel the other searches. A search polls it every few thousand steps
// and before every allocation it makes, so it ends promptly and never outgrows the cap.
// Thread-safety: all members are safe to use from every search thread at once.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace faultline::checker {

enum class StopReason : int { kNone = 0, kCancelled, kTimeLimit, kMemoryLimit };

class Budget {
 public:
  using Clock = std::chrono::steady_clock;

  Budget(double time_limit_s, std::uint64_t memory_limit_bytes)
      : has_deadline_(time_limit_s > 0),
        deadline_(time_limit_s > 0 ? Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                                         std::chrono::duration<double>(time_limit_s))
                                   : Clock::time_point{}),
        memory_limit_(memory_limit_bytes) {}

  // Why a search must stop now, or kNone.
  StopReason poll() const {
    if (cancelled_.load(std::memory_order_relaxed)) return StopReason::kCancelled;
    if (has_deadline_ && Clock::now() >= deadline_) return StopReason::kTimeLimit;
    return StopReason::kNone;
  }

  // Reserves `bytes` more; false (and nothing reserved) when that would pass the cap.
  bool reserve(std::uint64_t bytes) {
    const std::uint64_t after = used_.fetch_add(bytes, std::memory_order_relaxed) + bytes;
    if (after <= memory_limit_) return true;
    used_.fetch_sub(bytes, std::memory_order_relaxed);
    return false;
  }
  void release(std::uint64_t bytes) { used_.fetch_sub(bytes, std::memory_order_relaxed); }

  void cancel() { cancelled_.store(true, std::memory_order_relaxed); }
  bool cancelled() const { return cancelled_.load(std::memory_order_relaxed); }

 private:
  bool has_deadline_;
  Clock::time_point deadline_;
  std::uint64_t memory_limit_;
  std::atomic<std::uint64_t> used_{0};
  std::atomic<bool> cancelled_{false};
};

}  // namespace faultline::checker
