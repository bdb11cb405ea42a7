#include "harness/generator/generator.h"

#include <stdexcept>

namespace faultline::harness {

std::uint64_t worker_seed(std::uint64_t seed, unsigned worker) {
  std::uint64_t z = seed + 0x9e3779b97f4a7c15ull * (static_cast<std::uint64_t>(worker) + 1);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

WorkerSchedule::WorkerSchedule(Workload& workload, const OpMix& mix, unsigned worker,
                               std::uint64_t seed, Clock::time_point due,
                               Clock::duration period)
    : workload_(&workload), mix_(&mix), worker_(worker), rng_(seed), due_(due), period_(period) {}

clients::Invocation WorkerSchedule::next() {
  const std::string& f = mix_->pick(rng_);
  if (period_.count() > 0) due_ += period_;
  return workload_->invocation(worker_, f, rng_);
}

Generator::Generator(Workload& workload, GeneratorOptions options)
    : workload_(workload), options_(std::move(options)),
      mix_(options_.mix.empty() ? workload.default_mix() : options_.mix) {
  if (options_.concurrency == 0) throw std::invalid_argument("concurrency must be at least 1");
  if (options_.rate < 0) throw std::invalid_argument("rate must not be negative");
}

WorkerSchedule Generator::schedule(unsigned worker, Clock::time_point start) const {
  Clock::duration period{0};
  Clock::time_point due = Clock::time_point::min();
  if (options_.rate > 0) {
    auto per_op = std::chrono::duration<double>(options_.concurrency / options_.rate);
    period = std::chrono::duration_cast<Clock::duration>(per_op);
    due = start + std::chrono::duration_cast<Clock::duration>(
                      std::chrono::duration<double>(worker / options_.rate));
  }
  return WorkerSchedule(workload_, mix_, worker, worker_seed(options_.seed, worker), due, period);
}

}  // namespace faultline::harness
