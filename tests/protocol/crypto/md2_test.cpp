// RFC 1319 §A.5 test suite for the in-tree MD2 (OpenSSL 3 on Debian has none).
#include <string_view>

#include <gtest/gtest.h>

#include "protocol/crypto/digest.hpp"
#include "tests/protocol/crypto/crypto_test_util.hpp"

namespace ipmict::crypto {
namespace {

using test::ascii;
using test::hexs;

struct Md2Vector {
  std::string_view message;
  std::string_view digest;
};

TEST(Md2, MatchesEveryRfc1319TestVector) {
  constexpr Md2Vector vectors[] = {
      {"", "8350e5a3e24c153df2275c9f80692773"},
      {"a", "32ec01ec4a6dac72c0ab96fb34c0b5d1"},
      {"abc", "da853b0d3f88d99b30283a69e6ded6bb"},
      {"message digest", "ab4f496bfb2a530b219ff33031fe06b0"},
      {"abcdefghijklmnopqrstuvwxyz", "4e8ddff3650292ab5a4108c3aa47940b"},
      {"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "da33def2a42df13975352846c30338cd"},
      // 80 bytes, a whole number of blocks: exercises the full 16-byte pad block of §3.1.
      {"12345678901234567890123456789012345678901234567890123456789012345678901234567890",
       "d5976f79d83d3a0dc9806c3c66f3efd8"},
  };
  for (const auto& v : vectors) {
    EXPECT_EQ(hexs(md2(ascii(v.message))), v.digest) << "MD2(\"" << v.message << "\")";
  }
}

TEST(Md2, PangramVectorsDifferInOneLetter) {
  // Commonly cited MD2 values (Wikipedia "MD2"), a second independent source.
  EXPECT_EQ(hexs(md2(ascii("The quick brown fox jumps over the lazy dog"))), "03d85a0d629d2c442e987525319fc471");
  EXPECT_EQ(hexs(md2(ascii("The quick brown fox jumps over the lazy cog"))), "6b890c9292668cdbbfda00a4ebf31f05");
}

}  // namespace
}  // namespace ipmict::crypto
