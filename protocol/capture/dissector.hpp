#pragma once
// The dissector behind `ipmict decode`: turns UDP payloads into readable blocks of named
// fields. It keeps state across datagrams so that, given the user's password (and K_G),
// it can follow each RMCP+ handshake in a capture, check RAKP 2 and RAKP 4, derive the
// session keys, verify integrity, decrypt, and decode the IPMI messages inside with the
// command catalog. IPMI 1.5 auth codes are verified from each packet's own header.
//
// It never throws on peer bytes: a datagram it cannot parse is reported with the reason
// and offset, and the next datagram is decoded as usual.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "protocol/core/bytes.hpp"
#include "protocol/core/decode_error.hpp"

namespace ipmict::catalog {
class Catalog;
}

namespace ipmict::capture {

// Secrets for decryption. Held only in memory; never printed.
struct Credentials {
  Bytes password;           // the user's password as bytes (at most 20)
  std::optional<Bytes> kg;  // K_G (BMC key); absent or all zero means "use the password"
  ~Credentials();           // zeroes both
};

// Where a datagram came from, for the block heading.
struct DatagramMeta {
  std::size_t frame = 0;  // 1-based frame number, or the line number of hex input
  std::uint64_t timestamp_ns = 0;
  std::string src;  // "127.0.0.1:623" or empty when unknown
  std::string dst;
};

struct PacketReport {
  std::string text;            // the readable block, ending in a newline
  bool malformed = false;      // the datagram did not parse (a finding about the sender)
  bool verify_failed = false;  // an auth code / HMAC did not verify, or decryption failed
};

class Dissector {
 public:
  explicit Dissector(const catalog::Catalog& catalog, std::optional<Credentials> credentials = std::nullopt);
  ~Dissector();
  Dissector(const Dissector&) = delete;
  Dissector& operator=(const Dissector&) = delete;

  PacketReport dissect(const DatagramMeta& meta, ByteView udp_payload);

  // Session-level conclusions for the end of the output ("RAKP 2 check failed ...").
  std::vector<std::string> summary() const;

  // Called during dissect() with each IPMI LAN message (IPMI 2.0 §13.8) the dissector gets
  // to: in the clear, or decrypted with the session's keys. The view lives only during the
  // call. Lets capture/exchange_extractor reuse the decryption instead of repeating it.
  using MessageSink = std::function<void(const DatagramMeta& meta, ByteView ipmi_lan_message)>;
  void set_message_sink(MessageSink sink);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace ipmict::capture
