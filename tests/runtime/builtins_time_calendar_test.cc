// Tests for time.parse_ns, time.parse_duration_ns and the calendar builtins (time.date,
// time.clock, time.weekday, time.format, time.add_date, time.diff) with tz database zones.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/builtins/builtin.h"
#include "runtime/builtins/term_text.h"
#include "runtime/json.h"
#include "tests/runtime/builtin_test_support.h"

namespace regoc {
namespace {

using testing_support::j;
using testing_support::run;
using testing_support::s;

TEST(TimeLayoutBuiltins, ParseWithGoLayouts) {
  EXPECT_EQ(run("time.parse_ns", {s("2006-01-02"), s("2020-02-02")}), "1580601600000000000");
  EXPECT_EQ(run("time.parse_ns", {s("2006-01-02T15:04:05Z07:00"), s("2017-06-02T19:00:00-07:00")}),
            "1496455200000000000");
  EXPECT_EQ(run("time.parse_ns", {s("Jan 2 2006 3:04PM"), s("Feb 10 2018 12:30AM")}),
            "1518222600000000000");
  EXPECT_EQ(run("time.parse_ns", {s("2006-01-02 15:04:05.000"), s("1970-01-01 00:00:01.500")}),
            "1500000000");
}

TEST(TimeLayoutBuiltins, ParseErrors) {
  EXPECT_EQ(run("time.parse_ns", {s("2006-01-02"), s("2020-13-02")}),
            "eval_builtin_error: time.parse_ns: parsing time \"2020-13-02\": month out of range");
  EXPECT_EQ(run("time.parse_ns", {s("2006-01-02"), s("2020/01/02")}),
            "eval_builtin_error: time.parse_ns: parsing time \"2020/01/02\" as \"2006-01-02\": "
            "cannot parse \"/01/02\" as \"-\"");
  EXPECT_EQ(run("time.parse_ns", {s("2006-01-02"), s("2021-02-29")}),
            "eval_builtin_error: time.parse_ns: parsing time \"2021-02-29\": day out of range");
}

TEST(TimeLayoutBuiltins, ParseDuration) {
  EXPECT_EQ(run("time.parse_duration_ns", {s("100ms")}), "100000000");
  EXPECT_EQ(run("time.parse_duration_ns", {s("1h30m")}), "5400000000000");
  EXPECT_EQ(run("time.parse_duration_ns", {s("-1.5s")}), "-1500000000");
  EXPECT_EQ(run("time.parse_duration_ns", {s("0")}), "0");
  EXPECT_EQ(run("time.parse_duration_ns", {s("1")}),
            "eval_builtin_error: time.parse_duration_ns: time: missing unit in duration \"1\"");
  EXPECT_EQ(run("time.parse_duration_ns", {s("1x")}),
            "eval_builtin_error: time.parse_duration_ns: time: unknown unit \"x\" in duration "
            "\"1x\"");
}

TEST(TimeCalendarBuiltins, DateClockWeekday) {
  EXPECT_EQ(run("time.date", {j("1517814000000000000")}), "[2018, 2, 5]");
  EXPECT_EQ(run("time.clock", {j("[1517832000000000000, \"America/New_York\"]")}), "[7, 0, 0]");
  EXPECT_EQ(run("time.weekday", {j("1518177600000000000")}), "\"Friday\"");
  EXPECT_EQ(run("time.date", {j("[0, \"Nowhere/City\"]")}),
            "eval_builtin_error: time.date: unknown time zone Nowhere/City");
  EXPECT_EQ(run("time.date", {j("1582977600000000000000")}),
            "eval_builtin_error: time.date: timestamp too big");
}

TEST(TimeCalendarBuiltins, FormatWithZonesAndLayouts) {
  EXPECT_EQ(run("time.format", {j("1670006453141828752")}), "\"2022-12-02T18:40:53.141828752Z\"");
  EXPECT_EQ(run("time.format", {j("[1670006453141828752, \"Asia/Kolkata\"]")}),
            "\"2022-12-03T00:10:53.141828752+05:30\"");
  EXPECT_EQ(run("time.format", {j("[1670006453141828752, \"Asia/Kolkata\", \"RFC1123Z\"]")}),
            "\"Sat, 03 Dec 2022 00:10:53 +0530\"");
  // July is daylight saving time in New York, after the last transition in many TZif files.
  EXPECT_EQ(run("time.format", {j("[4102444800000000000, \"America/New_York\", \"MST -07\"]")}),
            "\"EST -05\"");
  EXPECT_EQ(run("time.format", {j("[4118083200000000000, \"America/New_York\", \"MST -07\"]")}),
            "\"EDT -04\"");
}

TEST(TimeCalendarBuiltins, AddDateAndDiff) {
  EXPECT_EQ(run("time.add_date", {j("1585852421593912000"), j("3"), j("9"), j("12")}),
            "1705257221593912000");
  EXPECT_EQ(run("time.add_date", {j("0"), j("2262"), j("1"), j("1")}),
            "eval_builtin_error: time.add_date: time outside of valid range");
  EXPECT_EQ(run("time.diff", {j("1580601600000000000"), j("1583020800000000000")}),
            "[0, 0, 28, 0, 0, 0]");
}

}  // namespace
}  // namespace regoc
