// Tests for regoc::Value: OPA's total order, lookup, deduplication, hashing and copy on write.
#include "runtime/value.h"

#include <gtest/gtest.h>

#include <thread>

#include "runtime/number.h"
#include "runtime/value_node.h"

namespace regoc {
namespace {

Value num(std::string_view text) { return Value::number(*Number::parse(text)); }
Value str(std::string_view s) { return Value::string(s); }
Value arr(std::vector<Value> items) { return Value::array(std::move(items)); }
Value set(std::vector<Value> items) { return Value::set(std::move(items)); }
Value obj(std::vector<Value::Entry> entries) { return Value::object(std::move(entries)); }

TEST(Value, HandleIsSixteenBytes) { EXPECT_EQ(sizeof(Value), 16u); }

TEST(Value, KindNames) {
  EXPECT_EQ(kind_name(Kind::Null), "null");
  EXPECT_EQ(kind_name(Kind::Boolean), "boolean");
  EXPECT_EQ(kind_name(Kind::Number), "number");
  EXPECT_EQ(kind_name(Kind::String), "string");
  EXPECT_EQ(kind_name(Kind::Array), "array");
  EXPECT_EQ(kind_name(Kind::Object), "object");
  EXPECT_EQ(kind_name(Kind::Set), "set");
}

TEST(Value, OrderAcrossKinds) {
  std::vector<Value> ascending = {Value::null(), Value::boolean(false), Value::boolean(true),
                                  Value::integer(-5), num("2.5"), str(""), str("a"),
                                  arr({}), obj({}), set({})};
  for (size_t i = 0; i < ascending.size(); ++i) {
    for (size_t j = 0; j < ascending.size(); ++j) {
      int expected = i < j ? -1 : (i > j ? 1 : 0);
      EXPECT_EQ(ascending[i].compare(ascending[j]), expected) << i << " vs " << j;
    }
  }
}

TEST(Value, NumbersCompareByValue) {
  EXPECT_EQ(Value::integer(1), num("1.0"));
  EXPECT_EQ(Value::integer(1000), num("1e3"));
  EXPECT_LT(Value::integer(3), num("3.5"));
  EXPECT_LT(Value::integer(INT64_MAX), num("9223372036854775808"));
  EXPECT_EQ(Value::integer(1).hash(), num("1.0").hash());
  EXPECT_EQ(arr({Value::integer(1)}).hash(), arr({num("1.0")}).hash());
}

TEST(Value, StringsCompareBytewise) {
  EXPECT_LT(str("B"), str("a"));
  EXPECT_LT(str("a"), str("ab"));
  EXPECT_LT(str("z"), str("\xc3\xa9"));  // bytes >= 0x80 sort after ASCII
}

// Strings compare by a cached 8-byte prefix first. These texts differ before, at and after
// byte 8, in length only, by a zero byte and by bytes of 0x80 or more.
TEST(Value, StringOrderMatchesByteOrder) {
  std::vector<std::string> texts = {"",          "a",         "ab",        std::string(1, '\0'),
                                    "abcdefg",   "abcdefgh",  "abcdefgi",  "abcdefgh\xff",
                                    "abcdefghi", "abcdefghj", "abcdefghij", "abcdefgz",
                                    "\xff",      "\x80\x80",  "abcdefgh" + std::string(1, '\0'),
                                    "abcdefg" + std::string(1, '\0'), "b"};
  for (const std::string& a : texts) {
    for (const std::string& b : texts) {
      int expected = a < b ? -1 : (a > b ? 1 : 0);
      EXPECT_EQ(str(a).compare(str(b)), expected) << a << " vs " << b;
    }
  }
}

TEST(Value, StringPrefixIsFirstEightBytesBigEndian) {
  std::string bytes = "\x01\x82\x03\xf4\x05\x06\xe7\x08\x09\x0a";
  for (size_t size = 0; size <= bytes.size(); ++size) {
    std::string_view text(bytes.data(), size);
    uint64_t expected = 0;
    for (size_t i = 0; i < 8; ++i) {
      uint64_t byte = i < size ? static_cast<unsigned char>(text[i]) : 0;
      expected |= byte << (56 - 8 * i);
    }
    EXPECT_EQ(string_prefix(text), expected) << "size " << size;
  }
}

TEST(Value, FindStringKeys) {
  std::vector<Value::Entry> entries;
  for (int i = 0; i < 100; ++i) {
    entries.emplace_back(str("user-" + std::to_string(i * 7)), Value::integer(i));
  }
  entries.emplace_back(Value::integer(5), str("five"));
  entries.emplace_back(arr({}), str("array"));
  Value object = obj(std::move(entries));
  for (int i = 0; i < 100; ++i) {
    std::string key = "user-" + std::to_string(i * 7);
    ASSERT_NE(object.find(str(key)), nullptr) << key;
    EXPECT_EQ(*object.find(str(key)), Value::integer(i));
    ASSERT_NE(object.find(std::string_view(key)), nullptr) << key;
    EXPECT_EQ(*object.find(std::string_view(key)), Value::integer(i));
  }
  EXPECT_EQ(object.find(str("user-1")), nullptr);
  EXPECT_EQ(object.find(std::string_view("user-1")), nullptr);
  EXPECT_EQ(object.find(str("")), nullptr);
  EXPECT_EQ(object.find(std::string_view("zzz")), nullptr);
  ASSERT_NE(object.find(Value::integer(5)), nullptr);
  EXPECT_EQ(*object.find(Value::integer(5)), str("five"));
  ASSERT_NE(object.find(arr({})), nullptr);
  EXPECT_EQ(*object.find(arr({})), str("array"));
}

TEST(Value, EqualStringsHashEqual) {
  Value a = str("a string longer than the prefix");
  Value b = str("a string longer than the prefix");
  EXPECT_NE(a.identity(), b.identity());
  EXPECT_EQ(a.hash(), b.hash());
  EXPECT_EQ(a.hash(), a.hash());  // the second call reads the cached hash
  EXPECT_NE(str("x").hash(), str("y").hash());
}

TEST(Value, ArraysCompareItemsThenLength) {
  EXPECT_LT(arr({Value::integer(1), Value::integer(2)}),
            arr({Value::integer(1), Value::integer(3)}));
  EXPECT_LT(arr({Value::integer(1)}), arr({Value::integer(1), Value::integer(0)}));
  EXPECT_GT(arr({Value::integer(2)}), arr({Value::integer(1), Value::integer(5)}));
}

TEST(Value, ObjectsCompareKeyThenValue) {
  Value a1 = obj({{str("a"), Value::integer(1)}});
  Value a2 = obj({{str("a"), Value::integer(2)}});
  Value b0 = obj({{str("b"), Value::integer(0)}});
  Value a1b0 = obj({{str("a"), Value::integer(1)}, {str("b"), Value::integer(0)}});
  EXPECT_LT(a1, a2);
  EXPECT_LT(a2, b0);  // key "a" < key "b" decides before the values
  EXPECT_LT(a1, a1b0);
  EXPECT_GT(a2, a1b0);  // value 2 > 1 at the first entry
}

TEST(Value, SetsCompareItemsThenLength) {
  EXPECT_LT(set({Value::integer(1), Value::integer(2)}),
            set({Value::integer(1), Value::integer(3)}));
  EXPECT_LT(set({Value::integer(1)}), set({Value::integer(1), Value::integer(2)}));
  EXPECT_EQ(set({Value::integer(2), Value::integer(1)}),
            set({Value::integer(1), Value::integer(2)}));
}

TEST(Value, SetSortsAndDeduplicates) {
  Value s = set({str("b"), Value::integer(1), str("a"), num("1.0"), str("b")});
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s.set_items()[0], Value::integer(1));
  EXPECT_EQ(s.set_items()[1], str("a"));
  EXPECT_EQ(s.set_items()[2], str("b"));
}

TEST(Value, ObjectLastDuplicateWins) {
  Value o = obj({{str("b"), Value::integer(1)}, {str("a"), Value::integer(2)},
                 {str("b"), Value::integer(3)}});
  ASSERT_EQ(o.size(), 2u);
  EXPECT_EQ(o.object_entries()[0].first, str("a"));
  EXPECT_EQ(o.object_entries()[1].first, str("b"));
  EXPECT_EQ(*o.find("b"), Value::integer(3));
}

// Sorted input skips the sort, but duplicates next to each other must still collapse.
TEST(Value, ObjectDuplicatesInSortedRuns) {
  Value o = obj({{str("a"), Value::integer(1)}, {str("b"), Value::integer(2)},
                 {str("b"), Value::integer(3)}, {str("b"), Value::integer(4)},
                 {str("c"), Value::integer(5)}, {str("a"), Value::integer(6)}});
  ASSERT_EQ(o.size(), 3u);
  EXPECT_EQ(*o.find("a"), Value::integer(6));
  EXPECT_EQ(*o.find("b"), Value::integer(4));
  EXPECT_EQ(*o.find("c"), Value::integer(5));

  Value sorted = obj({{str("a"), Value::integer(1)}, {str("b"), Value::integer(2)}});
  ASSERT_EQ(sorted.size(), 2u);
  EXPECT_EQ(*sorted.find("b"), Value::integer(2));

  Value adjacent = obj({{str("a"), Value::integer(1)}, {str("a"), Value::integer(2)}});
  ASSERT_EQ(adjacent.size(), 1u);
  EXPECT_EQ(*adjacent.find("a"), Value::integer(2));
}

TEST(Value, SetOfSortedItemsWithDuplicates) {
  Value s = set({str("a"), str("a"), str("b")});
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s.set_items()[0], str("a"));
  EXPECT_EQ(s.set_items()[1], str("b"));
}

TEST(Value, FindInArrayByIntegralIndex) {
  Value a = arr({str("x"), str("y")});
  ASSERT_NE(a.find(Value::integer(1)), nullptr);
  EXPECT_EQ(*a.find(Value::integer(1)), str("y"));
  ASSERT_NE(a.find(num("1.0")), nullptr);
  EXPECT_EQ(*a.find(num("1.0")), str("y"));
  EXPECT_EQ(a.find(num("1.5")), nullptr);
  EXPECT_EQ(a.find(Value::integer(2)), nullptr);
  EXPECT_EQ(a.find(Value::integer(-1)), nullptr);
  EXPECT_EQ(a.find(str("0")), nullptr);
}

TEST(Value, FindInObjectAndSet) {
  Value o = obj({{Value::integer(1), str("one")}, {str("k"), str("v")}});
  EXPECT_EQ(*o.find(num("1.0")), str("one"));
  EXPECT_EQ(*o.find("k"), str("v"));
  EXPECT_EQ(o.find("missing"), nullptr);
  EXPECT_EQ(*o.find(str("k")), str("v"));

  Value s = set({num("3.5"), str("a")});
  const Value* member = s.find(num("3.50"));
  ASSERT_NE(member, nullptr);
  EXPECT_EQ(member, &s.set_items()[0]);
  EXPECT_EQ(s.find(str("b")), nullptr);
}

TEST(Value, IdentityOfInlineValuesIsNull) {
  EXPECT_EQ(Value::integer(12345).identity(), nullptr);
  EXPECT_EQ(Value::boolean(true).identity(), nullptr);
  EXPECT_EQ(Value::null().identity(), nullptr);
  Value s = str("x");
  Value copy = s;
  EXPECT_NE(s.identity(), nullptr);
  EXPECT_EQ(s.identity(), copy.identity());
}

TEST(Value, NumberKeepsLiteralThroughValue) {
  EXPECT_EQ(num("1.0").as_number().to_string(), "1.0");
  int64_t i = 0;
  EXPECT_TRUE(num("1e3").as_int64(&i));
  EXPECT_EQ(i, 1000);
  EXPECT_FALSE(num("1.5").as_int64(&i));
  EXPECT_EQ(Value::integer(7).as_number().to_string(), "7");
}

TEST(Value, CopyOnWriteLeavesSharedCopiesAlone) {
  Value a = arr({Value::integer(1)});
  Value shared = a;
  a.array_append(Value::integer(2));
  EXPECT_EQ(a.size(), 2u);
  EXPECT_EQ(shared.size(), 1u);
  EXPECT_NE(a.identity(), shared.identity());

  Value o = obj({{str("k"), Value::integer(1)}});
  Value o_shared = o;
  o.object_insert(str("k"), Value::integer(9));
  o.object_insert(str("a"), Value::integer(0));
  EXPECT_EQ(*o.find("k"), Value::integer(9));
  EXPECT_EQ(o.object_entries()[0].first, str("a"));
  EXPECT_EQ(*o_shared.find("k"), Value::integer(1));
  EXPECT_EQ(o_shared.size(), 1u);

  Value s = set({Value::integer(2)});
  Value s_shared = s;
  s.set_insert(Value::integer(1));
  s.set_insert(num("2.0"));
  EXPECT_EQ(s.size(), 2u);
  EXPECT_EQ(s.set_items()[0], Value::integer(1));
  EXPECT_EQ(s_shared.size(), 1u);
}

TEST(Value, UniqueBuilderMutatesInPlace) {
  Value a = arr({});
  const void* node = a.identity();
  for (int i = 0; i < 10; ++i) a.array_append(Value::integer(i));
  EXPECT_EQ(a.identity(), node);
  EXPECT_EQ(a.size(), 10u);
}

TEST(Value, HashChangesAfterInsert) {
  Value s = set({Value::integer(1)});
  size_t before = s.hash();
  s.set_insert(Value::integer(2));
  EXPECT_NE(s.hash(), before);
  EXPECT_EQ(s.hash(), set({Value::integer(2), Value::integer(1)}).hash());
}

TEST(Value, SharedAcrossThreads) {
  Value shared = arr({str("x"), obj({{str("k"), num("1.5")}})});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([shared] {
      for (int i = 0; i < 10000; ++i) {
        Value copy = shared;
        Value inner = *copy.find(Value::integer(1));
        (void)inner.hash();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(shared.size(), 2u);
}

TEST(Value, MoveLeavesSourceUndefined) {
  Value a = str("x");
  Value b = std::move(a);
  EXPECT_FALSE(a.is_defined());  // NOLINT(bugprone-use-after-move)
  EXPECT_EQ(b, str("x"));
}

TEST(Value, Truthiness) {
  EXPECT_FALSE(Value::boolean(false).is_truthy());
  EXPECT_FALSE(Value().is_truthy());
  EXPECT_TRUE(Value::null().is_truthy());
  EXPECT_TRUE(Value::integer(0).is_truthy());
}

}  // namespace
}  // namespace regoc
