#pragma once
// One flow step as a structured datagram, and its serialisation with the fix-ups that let
// a mutated message through the BMC's outer checks: the IPMI message's two checksums, the
// session layer's length field, AES-CBC-128 encryption, the RMCP+ integrity AuthCode and
// the IPMI 1.5 AuthCode are all recomputed from the (mutated) fields at send time, unless
// a mutation says otherwise (set-length, keep-checksums, bad-auth-code).
//
// Layouts: RMCP (ASF 2.0 §3.2.2.1), ASF (§3.2.4), IPMI 1.5 session (IPMI 2.0 §13.6, Table
// 13-8), RMCP+ session header and trailer (§13.6, §13.28.4), AES-CBC-128 (§13.29), IPMI
// LAN message checksums (§13.8). The writer here is deliberately not the protocol/wire
// encoder: that one refuses inconsistent fields, and a fuzzer's job is to send them.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "protocol/core/auth_type.hpp"
#include "protocol/core/bytes.hpp"
#include "protocol/crypto/cipher_suite.hpp"

namespace ipmict::netfuzz {

class FuzzRng;

enum class StepKind : std::uint8_t { asf, session15, rmcpplus };

// The keys a step is protected with. Views into the live session state, which outlives
// the step's serialisation.
struct StepCrypto {
  // RMCP+: integrity (K1, or the user key for MD5-128) and confidentiality (K2).
  crypto::IntegrityAlg integrity = crypto::IntegrityAlg::none;
  crypto::ConfidentialityAlg confidentiality = crypto::ConfidentialityAlg::none;
  ByteView k1, k2, user_key;
  // IPMI 1.5: the 16-byte password the AuthCode algorithms hash (§22.17.1).
  ByteView password16;
};

struct StepMessage {
  StepKind kind = StepKind::rmcpplus;
  // RMCP header, every byte as sent (class byte whole: ACK bit and class).
  std::uint8_t rmcp_version = 0x06;
  std::uint8_t rmcp_reserved = 0x00;
  std::uint8_t rmcp_sequence = 0xff;
  std::uint8_t rmcp_class = 0x07;
  // ASF (kind asf): the payload is the message data.
  std::uint32_t asf_iana = 4542;
  std::uint8_t asf_message_type = 0x80;
  std::uint8_t asf_message_tag = 0x00;
  // Session header (session15 and rmcpplus).
  std::uint8_t auth_type = 0x06;
  std::uint8_t payload_type = 0x00;  // RMCP+: [7] encrypted, [6] authenticated, [5:0] type
  std::uint32_t session_id = 0;
  std::uint32_t session_sequence = 0;
  // In clear: the IPMI message, Open Session Request, RAKP message, or ASF data.
  Bytes payload;
  bool ipmi_message = false;  // payload is an IPMI LAN message: its checksums are fixed up
  // Offsets of 1-byte length fields inside the payload (RAKP 1 User Name Length ...).
  std::vector<std::size_t> inner_lengths;
  std::optional<StepCrypto> crypto;

  // What mutations changed about the fix-ups.
  std::optional<std::uint32_t> length_override;  // the session length field as sent
  std::int64_t length_delta = 0;                 // else the right length plus this
  bool fix_checksums = true;
  bool corrupt_auth_code = false;
  bool payload_cleared = false;  // empty-payload: no encryption either, so the length is 0
  std::optional<std::uint8_t> pad_length_override;
  std::optional<std::uint8_t> next_header_override;
};

// The datagram. IVs for AES come from iv_rng (the runner's session stream).
Bytes serialise(const StepMessage& message, FuzzRng& iv_rng);

// Recomputes the two checksums of an IPMI LAN message in place (as far as it is long
// enough to have them).
void fix_ipmi_checksums(Bytes& message);

}  // namespace ipmict::netfuzz
