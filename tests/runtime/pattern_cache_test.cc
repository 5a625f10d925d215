// Tests for PatternCache: compiling once per key, errors, the bound and concurrent use.
#include "runtime/builtins/pattern_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace regoc {
namespace {

// A "compiled pattern" that remembers its text.
struct Compiled {
  std::string text;
};

// Returns a compile function that counts its calls in *calls.
auto counting_compiler(std::atomic<int>* calls) {
  return [calls](std::string_view text) {
    calls->fetch_add(1);
    return std::make_shared<const Compiled>(Compiled{std::string(text)});
  };
}

TEST(PatternCache, CompilesEachKeyOnce) {
  PatternCache<Compiled> cache(100);
  std::atomic<int> calls{0};
  const Compiled* first = cache.get("a*", counting_compiler(&calls));
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->text, "a*");
  const Compiled* again = cache.get("a*", counting_compiler(&calls));
  EXPECT_EQ(again, first);
  EXPECT_EQ(calls.load(), 1);
  const Compiled* other = cache.get("b*", counting_compiler(&calls));
  ASSERT_NE(other, nullptr);
  EXPECT_EQ(other->text, "b*");
  EXPECT_EQ(calls.load(), 2);
}

TEST(PatternCache, ErrorsAreNotCached) {
  PatternCache<Compiled> cache(100);
  int calls = 0;
  auto failing = [&calls](std::string_view) {
    ++calls;
    return std::shared_ptr<const Compiled>();
  };
  EXPECT_EQ(cache.get("[", failing), nullptr);
  EXPECT_EQ(cache.get("[", failing), nullptr);
  EXPECT_EQ(calls, 2);
}

// Two caches of the same type share each thread's table but never each other's entries.
TEST(PatternCache, CachesAreSeparate) {
  PatternCache<Compiled> first(100);
  PatternCache<Compiled> second(100);
  std::atomic<int> calls{0};
  first.get("x", counting_compiler(&calls));
  second.get("x", counting_compiler(&calls));
  EXPECT_EQ(calls.load(), 2);
}

// Once more keys than the capacity went through the cache, and this thread's table no longer
// contains them, the oldest ones must be compiled again.
TEST(PatternCache, StaysBounded) {
  constexpr int kKeys = 2000;
  PatternCache<Compiled> cache(100);
  std::atomic<int> calls{0};
  for (int i = 0; i < kKeys; ++i) cache.get("key-" + std::to_string(i), counting_compiler(&calls));
  EXPECT_EQ(calls.load(), kKeys);

  int recompiled_before = calls.load();
  for (int i = 0; i < kKeys; ++i) cache.get("key-" + std::to_string(i), counting_compiler(&calls));
  int recompiled = calls.load() - recompiled_before;
  // The shared table keeps at most 100 keys and this thread's table at most kThreadSlots.
  EXPECT_GE(recompiled,
            kKeys - 100 - static_cast<int>(PatternCache<Compiled>::kThreadSlots));
}

TEST(PatternCache, ConcurrentThreadsAgree) {
  PatternCache<Compiled> cache(16);
  std::atomic<int> calls{0};
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&cache, &calls, &mismatches, t] {
      for (int i = 0; i < 5000; ++i) {
        std::string key = "pattern-" + std::to_string((i * 7 + t) % 50);
        const Compiled* compiled = cache.get(key, counting_compiler(&calls));
        if (compiled == nullptr || compiled->text != key) mismatches.fetch_add(1);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
  EXPECT_GE(calls.load(), 50);
}

}  // namespace
}  // namespace regoc
