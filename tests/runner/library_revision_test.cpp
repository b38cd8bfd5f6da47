// RunInfo::case_library_revision: "git:<commit>[-dirty]" in a git work tree (git run as a
// child process), else "sha256:<16 hex>" over the library's files in path order.
#include "harness/runner/library_revision.hpp"

#include <regex>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/ipmi_sim_peer.hpp"

namespace ipmict::runner {
namespace {

namespace fs = std::filesystem;
using ipmict::test::TempDir;
using ipmict::test::write_file;

void make_library(const fs::path& dir) {
  fs::create_directories(dir / "20-device");
  fs::create_directories(dir / "profiles");
  write_file(dir / "20-device" / "a.yaml", "command: get-device-id\ncases: []\n");
  write_file(dir / "profiles" / "core.yaml", "profile: core\n");
  write_file(dir / "quirks.yaml", "quirks: []\n");
}

bool matches(const std::string& text, const char* pattern) { return std::regex_match(text, std::regex(pattern)); }

TEST(LibraryRevisionTest, OutsideGitItIsTheHashOfTheYamlFiles) {
  TempDir dir("ipmict-rev");
  make_library(dir.path());
  const std::string rev = case_library_revision(dir.path());
  EXPECT_TRUE(matches(rev, "sha256:[0-9a-f]{16}")) << rev;
  EXPECT_EQ(rev, case_library_hash(dir.path()));
  EXPECT_EQ(case_library_revision(dir.path()), rev) << "stable across calls";

  // Files that are not case files do not count; a changed, added or renamed one does.
  write_file(dir.path() / "README.md", "notes\n");
  EXPECT_EQ(case_library_hash(dir.path()), rev);
  write_file(dir.path() / "20-device" / "a.yaml", "command: get-device-id\ncases: [] \n");
  const std::string changed = case_library_hash(dir.path());
  EXPECT_NE(changed, rev);
  fs::rename(dir.path() / "20-device" / "a.yaml", dir.path() / "20-device" / "b.yaml");
  EXPECT_NE(case_library_hash(dir.path()), changed) << "the path is part of the hash";
}

TEST(LibraryRevisionTest, TheSameFilesInAnotherFolderHashTheSame) {
  TempDir a("ipmict-rev-a");
  TempDir b("ipmict-rev-b");
  make_library(a.path());
  make_library(b.path() / "nested" / "cases");
  EXPECT_EQ(case_library_hash(a.path()), case_library_hash(b.path() / "nested" / "cases"));
}

TEST(LibraryRevisionTest, AFolderThatDoesNotExistHasNoRevision) {
  TempDir dir("ipmict-rev");
  EXPECT_EQ(case_library_revision(dir.path() / "missing"), "");
}

class GitLibraryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!ipmict::test::find_in_path("git")) GTEST_SKIP() << "git not installed";
    make_library(dir_.path() / "cases");
    write_file(dir_.path() / "other.txt", "not the case library\n");
    git({"init", "-q"});
    git({"add", "."});
    git({"-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "library"});
    const auto head = ipmict::test::run_capture({"git", "-C", dir_.path().string(), "rev-parse", "HEAD"}, env_);
    ASSERT_EQ(head.exit_code, 0) << head.output;
    commit_ = head.output.substr(0, head.output.find('\n'));
  }
  void git(std::vector<std::string> args) {
    std::vector<std::string> argv{"git", "-C", dir_.path().string()};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto r = ipmict::test::run_capture(argv, env_);
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }
  TempDir dir_{"ipmict-rev-git"};
  // A repository of its own: no global or system configuration, no hooks, no signing.
  std::vector<std::string> env_{"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null", "HOME=/nonexistent"};
  std::string commit_;
};

TEST_F(GitLibraryTest, ACleanWorkTreeIsItsCommit) {
  const std::string rev = case_library_revision(dir_.path() / "cases");
  EXPECT_EQ(rev, "git:" + commit_);
  EXPECT_TRUE(matches(rev, "git:[0-9a-f]{40}")) << rev;
}

TEST_F(GitLibraryTest, AChangeUnderTheCasesFolderIsDirtyOneElsewhereIsNot) {
  write_file(dir_.path() / "other.txt", "changed outside the library\n");
  EXPECT_EQ(case_library_revision(dir_.path() / "cases"), "git:" + commit_);
  write_file(dir_.path() / "cases" / "20-device" / "a.yaml", "command: get-device-id\ncases: [] # edited\n");
  EXPECT_EQ(case_library_revision(dir_.path() / "cases"), "git:" + commit_ + "-dirty");
}

TEST_F(GitLibraryTest, AnUntrackedCaseFileIsDirty) {
  write_file(dir_.path() / "cases" / "20-device" / "new.yaml", "command: get-device-id\ncases: []\n");
  EXPECT_EQ(case_library_revision(dir_.path() / "cases"), "git:" + commit_ + "-dirty");
}

}  // namespace
}  // namespace ipmict::runner
