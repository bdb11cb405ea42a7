// The kv model (porcupine's key-value store), per key a string register, initially "" (or the
// init string):
//   get    value: the string read (known on an ok completion), a StringPrints::read() id: not
//          interned, as no search needs equal gets to encode equally (a pending get is
//          droppable); b is its length (mod 2^32), so that most reads that cannot match fail
//          without comparing fingerprints
//   put    value: the string written
//   append value: the string appended
// The checker partitions by Op::key.
//
// A state is the id of a string's fingerprint (StringPrints): an append extends the fingerprint
// in O(1) without building the string or looking it up, and a get compares fingerprints. One
// string may have several ids, so the search keys its memo by fingerprint (state_key). The
// strings themselves are only rebuilt to render a state in a counterexample.
// Thread-safety: one instance per search.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "checker/model_op.h"
#include "checker/models/string_prints.h"

namespace faultline::checker {

class KvModel {
 public:
  enum F : std::uint32_t { kGet, kPut, kAppend };
  static constexpr bool kPartitionByKey = true;

  explicit KvModel(const nlohmann::json& init);

  ModelOp encode(std::string_view f, const nlohmann::json& value, bool ok);
  // Throws the ModelError that encode() would, and stores nothing: a tenth of encode()'s cost,
  // which hashes the string (checker/models.h).
  static void validate(std::string_view f, const nlohmann::json& value) { parse(f, value); }
  // About `ops` encode() calls to come: each stores a string (checker/models.h).
  void reserve(std::size_t ops) { strings_.reserve(ops, ops * kCharsPerOp); }
  bool droppable_if_indeterminate(const ModelOp& op) const { return op.f == kGet; }
  std::uint32_t init_state();
  // Inlined into the search's loop, which calls it for every call event it tries: a call cost
  // a fifth of a kv/c10-ok check's steps. It keeps the prints of the state it steps from (at_)
  // and of the last state it made (made_), which the search asks state_key() for next and may
  // step from after: a string table lookup less for most steps and keys.
  [[gnu::always_inline]] bool step(std::uint32_t state, const ModelOp& op, std::uint32_t& next) {
    if (state != at_) enter(state);
    switch (op.f) {
      case kGet:
        next = state;
        if (op.a == state || op.a == kAnyValue) return true;
        // The length first: most reads that cannot match fail without comparing prints.
        return static_cast<std::uint32_t>(at_print_.len) == op.b &&
               strings_.print(op.a) == at_print_;
      case kPut:
        next = made_ = op.a;
        made_print_ = strings_.print(op.a);
        return true;
      default:
        next = made_ = strings_.append(state, at_print_, op.a, made_print_);
        return true;
    }
  }
  // The search's hooks for states that are not canonical ids (checker/wgl.h).
  // The key is the two hashes: strings of different lengths are different polynomials too, so
  // leaving the length out keeps the collision bound of string_prints.h. h1 is below 2^61, so
  // never the UINT64_MAX that wgl.h rules out of a key's first word.
  static constexpr std::size_t kStateKeyWords = 2;
  void state_key(std::uint32_t state, std::uint64_t* key) const {
    const StringPrints::Print& p = state == made_ ? made_print_
                                   : state == at_ ? at_print_
                                                  : strings_.print(state);
    key[0] = p.h1;
    key[1] = p.h2;
  }
  // `state` is then a put's literal (kept) or the id an append just made (taken back, and so
  // forgotten here: the next append reuses the id for another string).
  void discard_state(std::uint32_t state) {
    if (state == made_) made_ = kNoState;
    if (state == at_) at_ = kNoState;
    strings_.discard(state);
  }

  nlohmann::json render_state(std::uint32_t state) const { return strings_.text(state); }
  std::string describe(const ModelOp& op) const;
  std::string_view name() const { return "kv"; }

 private:
  // A guess at the text an op's literal stores: porcupine's appends are a few bytes, its gets
  // return the growing string.
  static constexpr std::size_t kCharsPerOp = 16;

  // Never an id: 2^32 - 1 strings would take 128 GB of entries.
  static constexpr std::uint32_t kNoState = UINT32_MAX;

  // The op that f names, and its string; throws ModelError.
  static std::pair<F, std::string_view> parse(std::string_view f, const nlohmann::json& value);

  void enter(std::uint32_t state) {
    at_ = state;
    at_print_ = state == made_ ? made_print_ : strings_.print(state);
  }

  StringPrints strings_;
  std::string init_text_;
  std::uint32_t init_ = kNoState;  // the literal of init_text_, once init_state() made it
  // Copies of strings_.print(at_) and of strings_.print(made_), unless kNoState.
  std::uint32_t at_ = kNoState, made_ = kNoState;
  StringPrints::Print at_print_{}, made_print_{};
};

}  // namespace faultline::checker
