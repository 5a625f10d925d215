// A bounded, thread-safe cache of compiled patterns (globs, regular expressions) keyed by
// their text, so that a builtin called again with the same pattern skips compiling it.
// External interface: class PatternCache.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace regoc {

/// Maps a key to an immutable compiled pattern, in two levels:
///
/// - A table shared by all threads, split into shards by the key's hash, each behind its own
///   mutex. A full shard evicts one of its entries, chosen arbitrarily (as OPA's glob cache
///   does), so the table contains at most max(capacity, 16) entries.
/// - A small table per thread in front of it, so that a thread that finds its pattern there
///   takes no lock and touches no reference count that other threads write. Each thread keeps
///   at most kThreadSlots patterns alive this way, also after the shared table evicted them.
///
/// Any number of threads may call get() at once.
template <typename Compiled>
class PatternCache {
 public:
  static constexpr size_t kThreadSlots = 64;

  explicit PatternCache(size_t capacity)
      : id_(next_id()), shard_capacity_(capacity < kShards ? 1 : capacity / kShards) {}

  /// Returns the pattern cached under `key`, calling `compile(key)` on a miss. `compile`
  /// returns a std::shared_ptr<const Compiled>, or null on an error, which is not cached.
  /// The pointer returned stays valid until the calling thread calls get() again on a cache
  /// of the same type.
  template <typename Compile>
  const Compiled* get(std::string_view key, Compile&& compile) {
    size_t hash = std::hash<std::string_view>()(key);
    ThreadSlot& slot = thread_slots()[hash % kThreadSlots];
    if (slot.owner == id_ && slot.hash == hash && slot.key == key) return slot.compiled.get();

    std::shared_ptr<const Compiled> compiled = find_shared(key, hash);
    if (!compiled) {
      compiled = compile(key);
      if (!compiled) return nullptr;
      insert_shared(key, hash, compiled);
    }
    slot.owner = id_;
    slot.hash = hash;
    slot.key.assign(key);
    slot.compiled = std::move(compiled);
    return slot.compiled.get();
  }

 private:
  static constexpr size_t kShards = 16;

  // Lets the maps look up a string_view without building a std::string.
  struct KeyHash {
    using is_transparent = void;
    size_t operator()(std::string_view key) const { return std::hash<std::string_view>()(key); }
  };

  struct Shard {
    std::mutex mutex;
    std::unordered_map<std::string, std::shared_ptr<const Compiled>, KeyHash, std::equal_to<>>
        entries;
  };

  // One entry of a thread's table. `owner` is the id of the cache that filled it, because
  // caches of the same Compiled type share the table. Ids start at 1 and are never reused.
  struct ThreadSlot {
    uint64_t owner = 0;
    size_t hash = 0;
    std::string key;
    std::shared_ptr<const Compiled> compiled;
  };

  static uint64_t next_id() {
    static std::atomic<uint64_t> last{0};
    return last.fetch_add(1, std::memory_order_relaxed) + 1;
  }

  static std::array<ThreadSlot, kThreadSlots>& thread_slots() {
    thread_local std::array<ThreadSlot, kThreadSlots> slots;
    return slots;
  }

  std::shared_ptr<const Compiled> find_shared(std::string_view key, size_t hash) {
    Shard& shard = shards_[hash % kShards];
    std::lock_guard<std::mutex> lock(shard.mutex);
    auto it = shard.entries.find(key);
    return it == shard.entries.end() ? nullptr : it->second;
  }

  // A key that another thread stored meanwhile keeps that thread's pattern.
  void insert_shared(std::string_view key, size_t hash, std::shared_ptr<const Compiled> compiled) {
    Shard& shard = shards_[hash % kShards];
    std::lock_guard<std::mutex> lock(shard.mutex);
    if (shard.entries.find(key) != shard.entries.end()) return;
    if (shard.entries.size() >= shard_capacity_) shard.entries.erase(shard.entries.begin());
    shard.entries.emplace(std::string(key), std::move(compiled));
  }

  uint64_t id_;
  size_t shard_capacity_;
  std::array<Shard, kShards> shards_;
};

}  // namespace regoc
