// A Budget is what one check() may spend, shared by all its partition searches: a deadline, a
// memory cap on the search structures (visited-set caches, event lists and stacks, traces, and
// the models' state tables), and a stop flag that the first violation raises to cancel the other
// searches. A search polls it when it starts and every few thousand steps after, and reserves
// before every allocation it makes, so it ends promptly and never outgrows the cap.
//
// A model's tables grow inside model.step(), which knows nothing of budgets: they charge the
// ChargeScope that the search opened on its thread (below). A charge that would pass the cap
// throws MemoryLimitReached, a std::bad_alloc, which the search turns into kMemoryLimit as it does
// a real allocation failure.
// Thread-safety: all members of Budget are safe to use from every search thread at once; a
// ChargeScope belongs to the thread that opened it.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <new>

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

  // A budget for work that cancelling `parent` must not stop (the traced search of a violation
  // already proved): `parent`'s deadline, its memory (every reservation is made in `parent`, so
  // both count against one cap), and a stop flag of its own. `parent` must outlive it.
  struct LimitsOf {
    Budget& parent;
  };
  explicit Budget(LimitsOf limits)
      : has_deadline_(limits.parent.has_deadline_),
        deadline_(limits.parent.deadline_),
        memory_limit_(limits.parent.memory_limit_),
        parent_(&limits.parent) {}

  Budget(const Budget&) = delete;
  Budget& operator=(const Budget&) = delete;

  // Why a search must stop now, or kNone.
  StopReason poll() const {
    if (cancelled_.load(std::memory_order_relaxed)) return StopReason::kCancelled;
    if (has_deadline_ && Clock::now() >= deadline_) return StopReason::kTimeLimit;
    return StopReason::kNone;
  }

  // Reserves `bytes` more; false (and nothing reserved) when that would pass the cap.
  bool reserve(std::uint64_t bytes) {
    if (parent_ != nullptr) return parent_->reserve(bytes);
    const std::uint64_t after = used_.fetch_add(bytes, std::memory_order_relaxed) + bytes;
    if (after <= memory_limit_) return true;
    used_.fetch_sub(bytes, std::memory_order_relaxed);
    return false;
  }
  void release(std::uint64_t bytes) {
    if (parent_ != nullptr) return parent_->release(bytes);
    used_.fetch_sub(bytes, std::memory_order_relaxed);
  }

  void cancel() { cancelled_.store(true, std::memory_order_relaxed); }
  bool cancelled() const { return cancelled_.load(std::memory_order_relaxed); }

 private:
  bool has_deadline_;
  Clock::time_point deadline_;
  std::uint64_t memory_limit_;
  Budget* parent_ = nullptr;
  std::atomic<std::uint64_t> used_{0};
  std::atomic<bool> cancelled_{false};
};

// What a charge that would pass the cap throws.
class MemoryLimitReached : public std::bad_alloc {
 public:
  const char* what() const noexcept override { return "the check's memory limit was reached"; }
};

// While a ChargeScope lives, the structures that grow on its thread without a Budget of their
// own (StateTable) charge it through the static charge() and release(); it reserves in `budget`
// in chunks, so that a charge is a subtraction most of the time. When it ends it gives back all
// it reserved: the search is over, and its caller frees the model (or keeps an invalid
// partition's for the counterexample, no longer counted). With no scope on the thread (a model
// encoding ops before the search) charge() and release() do nothing: that memory grows with the
// history, not with the search. Scopes nest; the innermost is charged.
class ChargeScope {
 public:
  explicit ChargeScope(Budget& budget) : budget_(budget), outer_(current_) { current_ = this; }
  ~ChargeScope() {
    // Most scopes charge nothing (a register model has no tables): no atomic for them.
    if (charged_ + credit_ != 0) budget_.release(charged_ + credit_);
    current_ = outer_;
  }
  ChargeScope(const ChargeScope&) = delete;
  ChargeScope& operator=(const ChargeScope&) = delete;

  static bool active() { return current_ != nullptr; }

  // Throws MemoryLimitReached, with nothing charged, when `bytes` more would pass the cap.
  static void charge(std::uint64_t bytes) {
    if (current_ != nullptr) current_->take(bytes);
  }
  // Gives back bytes that were charged in this scope (at most what it charged: what grew before
  // the scope was never charged to it).
  static void release(std::uint64_t bytes) {
    if (current_ != nullptr) current_->give(bytes);
  }

 private:
  static constexpr std::uint64_t kChunk = 64 << 10;

  void take(std::uint64_t bytes) {
    if (bytes > credit_) {
      const std::uint64_t need = bytes - credit_;
      std::uint64_t ask = std::max(need, kChunk);
      if (!budget_.reserve(ask)) {
        ask = need;
        if (!budget_.reserve(ask)) throw MemoryLimitReached();
      }
      credit_ += ask;
    }
    credit_ -= bytes;
    charged_ += bytes;
  }
  void give(std::uint64_t bytes) {
    bytes = std::min(bytes, charged_);
    charged_ -= bytes;
    credit_ += bytes;
    if (credit_ > 2 * kChunk) {
      budget_.release(credit_ - kChunk);
      credit_ = kChunk;
    }
  }

  Budget& budget_;
  ChargeScope* outer_;
  std::uint64_t charged_ = 0;  // charged and not given back
  std::uint64_t credit_ = 0;   // reserved in budget_, not charged yet
  static inline thread_local ChargeScope* current_ = nullptr;
};

}  // namespace faultline::checker
