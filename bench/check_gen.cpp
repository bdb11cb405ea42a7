#include "bench/check_gen.h"

#include <cstdio>
#include <random>
#include <stdexcept>
#include <vector>

namespace faultline::bench {
namespace {

struct InFlight {
  bool busy = false;
  bool applied = false;
  int f = 0;  // 0 read, 1 write, 2 cas
  unsigned key = 0;
  std::int64_t a = 0, b = 0, result = 0;
  bool cas_ok = false;
};

const char* kF[] = {"read", "write", "cas"};

}  // namespace

void write_register_history(const std::string& path, const GenOptions& o) {
  std::FILE* out = std::fopen(path.c_str(), "w");
  if (out == nullptr) throw std::runtime_error("cannot write " + path);
  std::mt19937_64 rng(o.seed);
  std::vector<std::int64_t> reg(o.keys, 0);
  std::vector<InFlight> slots(o.processes);
  std::vector<std::int64_t> process(o.processes);
  for (unsigned p = 0; p < o.processes; ++p) process[p] = p;
  std::int64_t next_value = 1;
  std::uint64_t index = 0;
  auto emit = [&](const char* type, unsigned p, const InFlight& s, bool with_result) {
    std::fprintf(out, "{\"index\":%llu,\"time\":%llu,\"type\":\"%s\",\"process\":%lld,\"f\":\"%s\",\"key\":%u,\"value\":",
                 static_cast<unsigned long long>(index), static_cast<unsigned long long>(index * 1000),
                 type, static_cast<long long>(process[p]), kF[s.f], s.key);
    if (s.f == 0) {
      if (with_result) std::fprintf(out, "%lld}\n", static_cast<long long>(s.result));
      else std::fputs("null}\n", out);
    } else if (s.f == 1) {
      std::fprintf(out, "%lld}\n", static_cast<long long>(s.a));
    } else {
      std::fprintf(out, "[%lld,%lld]}\n", static_cast<long long>(s.a), static_cast<long long>(s.b));
    }
    ++index;
  };
  while (index < o.ops) {
    const unsigned p = static_cast<unsigned>(rng() % o.processes);
    InFlight& s = slots[p];
    if (!s.busy) {
      s = InFlight{};
      s.busy = true;
      s.f = static_cast<int>(rng() % 4);  // half reads
      if (s.f == 3) s.f = 0;
      s.key = static_cast<unsigned>(rng() % o.keys);
      if (s.f == 1) s.a = next_value++;
      if (s.f == 2) {
        s.a = (rng() & 1) ? reg[s.key] : next_value - 1 - static_cast<std::int64_t>(rng() % 3);
        s.b = next_value++;
      }
      emit("invoke", p, s, false);
    } else if (!s.applied) {
      s.applied = true;
      if (s.f == 0) s.result = reg[s.key];
      if (s.f == 1) reg[s.key] = s.a;
      if (s.f == 2 && reg[s.key] == s.a) {
        reg[s.key] = s.b;
        s.cas_ok = true;
      }
    } else {
      const bool info = std::uniform_real_distribution<double>(0, 1)(rng) < o.info_rate;
      if (info) {
        emit("info", p, s, false);
        process[p] += o.processes;
      } else if (s.f == 2 && !s.cas_ok) {
        emit("fail", p, s, false);
      } else {
        emit("ok", p, s, true);
      }
      s.busy = false;
    }
  }
  std::fclose(out);
}

}  // namespace faultline::bench
