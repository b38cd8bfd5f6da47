#include "protocol/session/sequence_window.hpp"

#include <gtest/gtest.h>

namespace ipmict::session {
namespace {

TEST(SequenceWindow, RmcpPlusAcceptsUpTo16AheadAnd15BehindOnce) {
  SequenceWindow w(SequenceWindow::kRmcpPlus);
  EXPECT_FALSE(w.accept(100));
  EXPECT_TRUE(w.accept(100));        // duplicate of the highest
  EXPECT_FALSE(w.accept(116));       // 16 ahead
  EXPECT_TRUE(w.accept(133));        // 17 ahead
  EXPECT_FALSE(w.accept(101));       // 15 behind, unseen
  EXPECT_TRUE(w.accept(101));        // seen now
  EXPECT_TRUE(w.accept(100));        // 16 behind: outside
  EXPECT_FALSE(w.accept(115));
  EXPECT_TRUE(w.accept(115));
}

TEST(SequenceWindow, RmcpPlusRefusesZeroAndSkipsItOnWrap) {
  SequenceWindow w(SequenceWindow::kRmcpPlus);
  EXPECT_TRUE(w.accept(0));
  EXPECT_FALSE(w.accept(0xfffffffe));
  EXPECT_FALSE(w.accept(1));   // two steps ahead when 0 is skipped
  EXPECT_FALSE(w.accept(0xffffffff));  // behind, unseen
  EXPECT_TRUE(w.accept(0xffffffff));
}

TEST(SequenceWindow, Ipmi15WindowIsEightEachWay) {
  SequenceWindow w(SequenceWindow::kIpmi15);
  w.expect_first(50);
  EXPECT_TRUE(w.accept(49));   // before the first expected number
  EXPECT_FALSE(w.accept(52));  // a lost first reply is fine
  EXPECT_FALSE(w.accept(50));
  EXPECT_TRUE(w.accept(50));
  EXPECT_TRUE(w.accept(61));   // 9 ahead
  EXPECT_FALSE(w.accept(60));  // 8 ahead
  EXPECT_TRUE(w.accept(51));   // 10 behind: outside
}

TEST(SequenceWindow, ReordersWithinTheWindowAreAccepted) {
  SequenceWindow w(SequenceWindow::kRmcpPlus);
  for (std::uint32_t s : {5u, 7u, 6u, 9u, 8u}) EXPECT_FALSE(w.accept(s)) << s;
  for (std::uint32_t s : {5u, 6u, 7u, 8u, 9u}) EXPECT_TRUE(w.accept(s)) << s;
}

}  // namespace
}  // namespace ipmict::session
