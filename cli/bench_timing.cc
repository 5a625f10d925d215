// Helpers of the timing loop of `regoc bench` (see cli/bench_timing.h).
#include "cli/bench_timing.h"

#include <time.h>

namespace regoc::cli {

namespace {

// Nearest-rank percentile of sorted samples: the smallest sample that at least `fraction`
// of all samples do not exceed.
double percentile(const std::vector<double>& sorted, double fraction) {
  if (sorted.empty()) return 0;
  const double rank = std::ceil(fraction * static_cast<double>(sorted.size()));
  const size_t index = rank < 1 ? 0 : static_cast<size_t>(rank) - 1;
  return sorted[std::min(index, sorted.size() - 1)];
}

}  // namespace

double measure_clock_read_ns() {
  using Clock = std::chrono::steady_clock;
  constexpr int kReads = 1001;
  std::vector<double> gaps;
  gaps.reserve(kReads);
  Clock::time_point previous = Clock::now();
  for (int i = 0; i < kReads; ++i) {
    const Clock::time_point now = Clock::now();
    gaps.push_back(static_cast<double>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(now - previous).count()));
    previous = now;
  }
  std::nth_element(gaps.begin(), gaps.begin() + kReads / 2, gaps.end());
  return gaps[kReads / 2];
}

double thread_cpu_ns() {
  struct timespec now = {};
  if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now) != 0) return 0;
  return static_cast<double>(now.tv_sec) * 1e9 + static_cast<double>(now.tv_nsec);
}

uint64_t choose_batch_size(double ns_per_decision, double clock_read_ns) {
  const double min_batch_ns = std::max(kMinBatchNanoseconds, 100 * clock_read_ns);
  if (!(ns_per_decision > 0)) return 1;
  const double size = std::ceil(min_batch_ns / ns_per_decision);
  return static_cast<uint64_t>(std::clamp(size, 1.0, 1e6));
}

size_t expected_batch_count(const TimingOptions& options, double estimate_ns,
                            uint64_t batch_size) {
  const double batch = static_cast<double>(batch_size);
  if (options.iterations > 0) {
    return static_cast<size_t>(std::ceil(static_cast<double>(options.iterations) / batch));
  }
  const double min_ns = static_cast<double>(options.min_time.count());
  // Half again the estimate, because decisions after the warm-up are often faster.
  const double expected = 1.5 * min_ns / (std::max(estimate_ns, 1.0) * batch) + 64;
  return static_cast<size_t>(std::min(expected, 1e7));
}

void record_sample(double sample, std::vector<double>* samples, AllocationCounts* storage) {
  if (samples->size() < samples->capacity()) {
    samples->push_back(sample);
    return;
  }
  const AllocationCounts before = current_thread_allocations();
  samples->push_back(sample);
  const AllocationCounts after = current_thread_allocations();
  storage->allocations += after.allocations - before.allocations;
  storage->bytes += after.bytes - before.bytes;
}

void summarize_latency(std::vector<double>* batch_means, LatencyStats* stats) {
  if (stats->decisions > 0) {
    stats->ns_per_op = stats->total_ns / static_cast<double>(stats->decisions);
  }
  std::sort(batch_means->begin(), batch_means->end());
  stats->p50_ns = percentile(*batch_means, 0.50);
  stats->p90_ns = percentile(*batch_means, 0.90);
  stats->p99_ns = percentile(*batch_means, 0.99);
}

}  // namespace regoc::cli
