// The timing loop of `regoc bench`: runs one decision repeatedly and measures its latency.
//
// External interface: measure_latency(). Decisions run back to back in batches of k, and each
// batch is timed with std::chrono::steady_clock. k is picked after a warm-up so that a batch
// lasts at least kMinBatchNanoseconds (and 100 clock reads), and the measured cost of one clock
// read is subtracted from each batch. Percentiles are taken over the per-decision mean of
// each batch: with k > 1, an outlier shorter than a batch is averaged with its neighbours.
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "cli/bench_alloc.h"

namespace regoc::cli {

// Shortest batch to time. A batch also lasts at least 100 clock reads, so that reading the
// clock costs about 1% of it (a read took about 40 ns on the KVM guest of docs/benchmarks.md).
inline constexpr double kMinBatchNanoseconds = 1000;
// The warm-up runs decisions until this much time has passed (or kMaxWarmupDecisions ran).
inline constexpr std::chrono::milliseconds kWarmupTime{20};
inline constexpr uint64_t kMaxWarmupDecisions = 1000;

struct TimingOptions {
  std::chrono::nanoseconds min_time = std::chrono::seconds(1);  // used when iterations == 0
  uint64_t iterations = 0;  // when non-zero, time exactly this many decisions
};

struct LatencyStats {
  uint64_t decisions = 0;      // decisions timed, excluding the warm-up
  uint64_t batch_size = 0;     // decisions per timed batch (k)
  double total_ns = 0;         // time of all batches, clock cost subtracted
  double ns_per_op = 0;
  // Thread CPU time of the timed loop per decision: unlike ns_per_op, time that other
  // processes take from the benchmark's core does not count.
  double cpu_ns_per_op = 0;
  double p50_ns = 0;
  double p90_ns = 0;
  double p99_ns = 0;
  double clock_read_ns = 0;    // measured cost of one steady_clock::now()
  AllocationCounts allocations;  // operator new calls made by the timed decisions
};

/// Returns the median cost of one std::chrono::steady_clock::now() call, in nanoseconds.
double measure_clock_read_ns();

/// Returns the CPU time the calling thread has used, in nanoseconds (CLOCK_THREAD_CPUTIME_ID).
double thread_cpu_ns();

/// Picks the batch size for decisions that take about `ns_per_decision`.
uint64_t choose_batch_size(double ns_per_decision, double clock_read_ns);

/// Appends `sample` to *samples, adding any allocation that the append makes to *storage.
void record_sample(double sample, std::vector<double>* samples, AllocationCounts* storage);

/// Fills the ns_per_op and percentile fields of *stats from the per-decision batch means.
void summarize_latency(std::vector<double>* batch_means, LatencyStats* stats);

/// Runs `decide` until kWarmupTime passes or kMaxWarmupDecisions ran, to fill caches and run
/// any lazy initialization. Returns the mean nanoseconds per decision, or a negative number
/// when a decision failed.
template <typename Decision>
double warm_up(Decision& decide) {
  using Clock = std::chrono::steady_clock;
  uint64_t decisions = 0;
  const Clock::time_point start = Clock::now();
  Clock::time_point now = start;
  while (decisions < kMaxWarmupDecisions && now - start < kWarmupTime) {
    if (!decide()) return -1;
    ++decisions;
    now = Clock::now();
  }
  const auto elapsed = std::chrono::duration_cast<std::chrono::nanoseconds>(now - start);
  return static_cast<double>(elapsed.count()) / static_cast<double>(decisions);
}

/// Returns how many batches to reserve room for.
size_t expected_batch_count(const TimingOptions& options, double estimate_ns,
                            uint64_t batch_size);

/// Runs `decide` (a callable returning false on failure) repeatedly and fills *stats.
/// Returns false as soon as a decision fails.
template <typename Decision>
bool measure_latency(Decision&& decide, const TimingOptions& options, LatencyStats* stats) {
  using Clock = std::chrono::steady_clock;
  const double estimate_ns = warm_up(decide);
  if (estimate_ns < 0) return false;
  stats->clock_read_ns = measure_clock_read_ns();
  const uint64_t batch_size = choose_batch_size(estimate_ns, stats->clock_read_ns);
  stats->batch_size = batch_size;
  // Reserved before timing, so that storing a sample rarely allocates in the timed loop.
  std::vector<double> batch_means;
  batch_means.reserve(expected_batch_count(options, estimate_ns, batch_size));

  uint64_t decisions = 0;
  double total_ns = 0;
  AllocationCounts storage;  // allocations of batch_means itself, left out of the result
  const AllocationCounts before = current_thread_allocations();
  const double cpu_start_ns = thread_cpu_ns();
  const Clock::time_point run_start = Clock::now();
  for (;;) {
    uint64_t batch = batch_size;
    if (options.iterations > 0) {
      if (decisions >= options.iterations) break;
      batch = std::min(batch, options.iterations - decisions);
    }
    const Clock::time_point batch_start = Clock::now();
    for (uint64_t i = 0; i < batch; ++i) {
      if (!decide()) return false;
    }
    const Clock::time_point batch_end = Clock::now();
    const double measured_ns = static_cast<double>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(batch_end - batch_start).count());
    const double batch_ns = std::max(0.0, measured_ns - stats->clock_read_ns);
    decisions += batch;
    total_ns += batch_ns;
    record_sample(batch_ns / static_cast<double>(batch), &batch_means, &storage);
    if (options.iterations == 0 && batch_end - run_start >= options.min_time) break;
  }
  const double cpu_ns = thread_cpu_ns() - cpu_start_ns;
  const AllocationCounts after = current_thread_allocations();

  stats->decisions = decisions;
  stats->cpu_ns_per_op = cpu_ns / static_cast<double>(std::max<uint64_t>(decisions, 1));
  stats->total_ns = total_ns;
  stats->allocations.allocations = after.allocations - before.allocations - storage.allocations;
  stats->allocations.bytes = after.bytes - before.bytes - storage.bytes;
  summarize_latency(&batch_means, stats);
  return true;
}

}  // namespace regoc::cli
