#pragma once
// Plain POSIX UDP sockets for the transport tests: a peer on an ephemeral loopback port
// that the test drives by hand (no thread), every wait bounded by SO_RCVTIMEO.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>

#include "protocol/core/bytes.hpp"

namespace ipmict::test {

class UdpPeerSocket {
 public:
  // Binds 127.0.0.1 (or ::1) on an ephemeral port; fd() < 0 when that failed.
  explicit UdpPeerSocket(bool v6 = false) : v6_(v6) {
    fd_ = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_DGRAM, 0);
    if (fd_ < 0) return;
    timeval tv{2, 0};  // every recv waits at most 2 s
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_storage ss{};
    socklen_t len = 0;
    if (v6) {
      sockaddr_in6 a{};
      a.sin6_family = AF_INET6;
      a.sin6_addr = in6addr_loopback;
      std::memcpy(&ss, &a, sizeof a);
      len = sizeof a;
    } else {
      sockaddr_in a{};
      a.sin_family = AF_INET;
      a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      std::memcpy(&ss, &a, sizeof a);
      len = sizeof a;
    }
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&ss), len) != 0) {  // NOLINT: the sockets API
      close();
      return;
    }
    sockaddr_storage bound{};
    socklen_t blen = sizeof bound;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&bound), &blen);  // NOLINT
    if (v6) {
      sockaddr_in6 a{};
      std::memcpy(&a, &bound, sizeof a);
      port_ = ntohs(a.sin6_port);
    } else {
      sockaddr_in a{};
      std::memcpy(&a, &bound, sizeof a);
      port_ = ntohs(a.sin_port);
    }
  }
  ~UdpPeerSocket() { close(); }
  UdpPeerSocket(const UdpPeerSocket&) = delete;
  UdpPeerSocket& operator=(const UdpPeerSocket&) = delete;

  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  int fd() const { return fd_; }
  std::uint16_t port() const { return port_; }

  // One datagram (within 2 s) and the port it came from.
  std::optional<std::pair<Bytes, std::uint16_t>> receive() {
    Bytes buf(65536);
    sockaddr_storage from{};
    socklen_t flen = sizeof from;
    const ssize_t n = ::recvfrom(fd_, buf.data(), buf.size(), 0, reinterpret_cast<sockaddr*>(&from), &flen);  // NOLINT
    if (n < 0) return std::nullopt;
    buf.resize(static_cast<std::size_t>(n));
    std::uint16_t port = 0;
    if (from.ss_family == AF_INET6) {
      sockaddr_in6 a{};
      std::memcpy(&a, &from, sizeof a);
      port = ntohs(a.sin6_port);
    } else {
      sockaddr_in a{};
      std::memcpy(&a, &from, sizeof a);
      port = ntohs(a.sin_port);
    }
    return std::make_pair(std::move(buf), port);
  }

  bool send_to(std::uint16_t port, ByteView data) {
    ssize_t n = -1;
    if (v6_) {
      sockaddr_in6 a{};
      a.sin6_family = AF_INET6;
      a.sin6_addr = in6addr_loopback;
      a.sin6_port = htons(port);
      n = ::sendto(fd_, data.data(), data.size(), 0, reinterpret_cast<const sockaddr*>(&a), sizeof a);  // NOLINT
    } else {
      sockaddr_in a{};
      a.sin_family = AF_INET;
      a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      a.sin_port = htons(port);
      n = ::sendto(fd_, data.data(), data.size(), 0, reinterpret_cast<const sockaddr*>(&a), sizeof a);  // NOLINT
    }
    return n == static_cast<ssize_t>(data.size());
  }

 private:
  bool v6_ = false;
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace ipmict::test
