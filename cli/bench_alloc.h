// Counting of heap allocations for `regoc bench --benchmem`.
//
// External interface: current_thread_allocations(). The counts come from replacements of the
// global C++ operator new and delete (cli/bench_alloc.cc) that add one thread-local increment
// to each allocation. Memory that C code takes with malloc directly (GMP's numbers, for
// example) is not counted.
#pragma once

#include <cstdint>

namespace regoc::cli {

// Allocations made by the calling thread since it started.
struct AllocationCounts {
  uint64_t allocations = 0;  // calls of operator new and new[]
  uint64_t bytes = 0;        // bytes requested by those calls
};

/// Returns the calling thread's counts; subtract two snapshots to count a stretch of code.
AllocationCounts current_thread_allocations();

/// Returns the process's peak resident set size in bytes (getrusage's ru_maxrss).
uint64_t peak_rss_bytes();

}  // namespace regoc::cli
