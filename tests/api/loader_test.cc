// Tests of the file and bundle loader (runtime/loader.h): where data files land, merging and
// its conflicts, and the errors that name the file that failed.
#include "runtime/loader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "runtime/json.h"

namespace regoc {
namespace {

namespace fs = std::filesystem;

Value json(const std::string& text) {
  Value out;
  std::string error;
  EXPECT_TRUE(parse_json(text, &out, &error)) << error;
  return out;
}

// A scratch folder that is removed at the end of the test.
class LoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string test_name =
        ::testing::UnitTest::GetInstance()->current_test_info()->name();
    root_ = fs::temp_directory_path() /
            ("regoc-loader-test-" + std::to_string(getpid()) + "-" + test_name);
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  std::string write(const std::string& relative, const std::string& text) {
    const fs::path path = root_ / relative;
    fs::create_directories(path.parent_path());
    std::ofstream(path) << text;
    return path.string();
  }

  fs::path root_;
};

TEST(MergeDocument, ObjectsMergeKeyByKey) {
  Value data = json(R"({"a": {"x": 1}})");
  std::string error;
  ASSERT_TRUE(merge_document(&data, {}, json(R"({"a": {"y": 2}, "b": 3})"), &error)) << error;
  EXPECT_EQ(to_json(data), R"({"a":{"x":1,"y":2},"b":3})");
}

TEST(MergeDocument, PlacesValueAtPath) {
  Value data = Value::object();
  std::string error;
  const std::vector<std::string> path = {"a", "b"};
  ASSERT_TRUE(merge_document(&data, path, json("[1]"), &error)) << error;
  EXPECT_EQ(to_json(data), R"({"a":{"b":[1]}})");
}

TEST(MergeDocument, ConflictNamesThePath) {
  Value data = json(R"({"a": {"k": 1}})");
  std::string error;
  EXPECT_FALSE(merge_document(&data, {}, json(R"({"a": {"k": 2}})"), &error));
  EXPECT_NE(error.find("data.a.k"), std::string::npos) << error;
}

TEST(MergeDocument, ValueInsideScalarConflicts) {
  Value data = json(R"({"a": 1})");
  std::string error;
  const std::vector<std::string> path = {"a", "b"};
  EXPECT_FALSE(merge_document(&data, path, json("2"), &error));
  EXPECT_NE(error.find("data.a"), std::string::npos) << error;
}

TEST_F(LoaderTest, FolderPlacesDataByFolder) {
  write("top.json", R"({"t": true})");
  write("a/b/data.json", R"({"x": 1})");
  write("a/b/more.yaml", "y: 2\n");
  write("a/p.rego", "package a\n");
  write("a/notes.txt", "skipped");
  LoadedFiles files;
  const std::vector<std::string> paths = {root_.string()};
  load_data_paths(paths, &files);
  ASSERT_TRUE(files.errors.empty()) << files.errors.front();
  EXPECT_EQ(to_json(files.data), R"({"a":{"b":{"x":1,"y":2}},"t":true})");
  ASSERT_EQ(files.modules.size(), 1u);
  EXPECT_EQ(files.modules[0].file_name, (root_ / "a/p.rego").string());
  EXPECT_EQ(files.modules[0].text, "package a\n");
}

TEST_F(LoaderTest, NamedFileMergesAtData) {
  const std::string file = write("deep/er/values.json", R"({"v": 1})");
  LoadedFiles files;
  const std::vector<std::string> paths = {file};
  load_data_paths(paths, &files);
  ASSERT_TRUE(files.errors.empty()) << files.errors.front();
  EXPECT_EQ(to_json(files.data), R"({"v":1})");
}

TEST_F(LoaderTest, ErrorsNameTheFile) {
  const std::string bad = write("bad.json", "{");
  const std::string missing = (root_ / "missing.json").string();
  LoadedFiles files;
  const std::vector<std::string> paths = {bad, missing};
  load_data_paths(paths, &files);
  ASSERT_EQ(files.errors.size(), 2u);
  EXPECT_EQ(files.errors[0].rfind(bad + ": ", 0), 0u) << files.errors[0];
  EXPECT_EQ(files.errors[1].rfind(missing + ": ", 0), 0u) << files.errors[1];
}

TEST_F(LoaderTest, RootDataMustBeObject) {
  const std::string file = write("list.json", "[1, 2]");
  LoadedFiles files;
  const std::vector<std::string> paths = {file};
  load_data_paths(paths, &files);
  ASSERT_EQ(files.errors.size(), 1u);
  EXPECT_NE(files.errors[0].find("must be an object"), std::string::npos) << files.errors[0];
}

TEST_F(LoaderTest, BundleReadsOnlyDataFiles) {
  write(".manifest", R"({"roots": ["roles"]})");
  write("roles/admin/data.json", R"({"level": 9})");
  write("roles/other.json", R"({"ignored": true})");
  write("roles/p.rego", "package roles\n");
  LoadedFiles files;
  load_bundle(root_.string(), &files);
  ASSERT_TRUE(files.errors.empty()) << files.errors.front();
  EXPECT_EQ(to_json(files.data), R"({"roles":{"admin":{"level":9}}})");
  EXPECT_EQ(files.modules.size(), 1u);
}

TEST_F(LoaderTest, BundleDataOutsideRootsFails) {
  write(".manifest", R"({"roots": ["roles"]})");
  write("users/data.json", R"({"u": 1})");
  LoadedFiles files;
  load_bundle(root_.string(), &files);
  ASSERT_EQ(files.errors.size(), 1u);
  EXPECT_NE(files.errors[0].find("outside the roots"), std::string::npos) << files.errors[0];
}

TEST(ParseDocument, AcceptsJsonAndYaml) {
  Value out;
  std::string error;
  ASSERT_TRUE(parse_document(R"({"a": 1})", &out, &error)) << error;
  EXPECT_EQ(to_json(out), R"({"a":1})");
  ASSERT_TRUE(parse_document("a: [x]\n", &out, &error)) << error;
  EXPECT_EQ(to_json(out), R"({"a":["x"]})");
}

}  // namespace
}  // namespace regoc
