#pragma once
// The network fuzzer's input model. An input is one run of a protocol flow (a short
// sequence of steps, each one datagram built from the live exchange) plus the mutations to
// apply to its steps. Inputs are data, not bytes: the flow runner builds every step from
// what the BMC answered (session IDs, randoms, keys), applies the mutations to the
// structured message, and only then serialises it with lengths, checksums, integrity and
// encryption fixed up (step_message.hpp). So an input replays against a fresh target, and
// a mutation of an in-session request reaches the BMC's command handlers.
//
// The text form (one line per input) is what reproducers and corpus files hold:
//   flow=rmcpplus-request netfn=0x06 cmd=0x01 m=0:flip-bit:ipmi_data:pos=3:value=0x5
//   flow=open-session m=0:set-length:session:value=0x0
//   flow=raw              (its datagrams follow as "> hex" lines, see reproducer.hpp)
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "protocol/core/bytes.hpp"

namespace ipmict::netfuzz {

// What an input does; docs/network-fuzzer.md has the steps of each.
enum class FlowKind : std::uint8_t {
  asf_ping,          // RMCP Presence Ping (ASF 2.0 §3.2.4.3)
  auth_caps15,       // Get Channel Authentication Capabilities, IPMI 1.5 framing (§22.13)
  auth_caps20,       // the same with "IPMI v2.0 extended data" set, RMCP+ framing, Session ID 0
  open_session,      // RMCP+ Open Session Request (§13.17)
  rakp1,             // Open Session, RAKP Message 1 (§13.20)
  rakp3,             // Open Session, RAKP 1, RAKP Message 3 (§13.22)
  ipmi15_challenge,  // Get Session Challenge (§22.16)
  ipmi15_activate,   // Get Session Challenge, Activate Session (§22.17)
  ipmi15_request,    // one request in an established IPMI 1.5 session
  rmcpplus_request,  // one request in an established RMCP+ session (integrity and AES applied)
  raw,               // datagrams sent verbatim (a shrunk reproducer, a hand-written case)
};

// The --flows groups.
enum class FlowGroup : std::uint8_t { pre_session, ipmi15, in_session, raw };

inline constexpr FlowKind kAllFlowKinds[] = {
    FlowKind::asf_ping,         FlowKind::auth_caps15,     FlowKind::auth_caps20,    FlowKind::open_session,
    FlowKind::rakp1,            FlowKind::rakp3,           FlowKind::ipmi15_challenge, FlowKind::ipmi15_activate,
    FlowKind::ipmi15_request,   FlowKind::rmcpplus_request, FlowKind::raw};

std::string_view flow_name(FlowKind kind);  // "rmcpplus-request"
std::optional<FlowKind> parse_flow(std::string_view name);
FlowGroup flow_group(FlowKind kind);
std::string_view group_name(FlowGroup group);  // "pre-session", "ipmi15", "in-session", "raw"
std::optional<FlowGroup> parse_group(std::string_view name);

enum class MutationOp : std::uint8_t {
  flip_bit,        // byte `pos` of the layer ^= 1 << (value & 7)
  set_byte,        // byte `pos` of the layer = value
  insert_bytes,    // `count` bytes of `value` inserted before byte `pos`
  erase_bytes,     // `count` bytes erased from byte `pos`
  truncate,        // the layer cut to `pos` bytes
  set_field,       // a header field set to `value`; lengths, checksums and AuthCodes still fixed up
  set_length,      // a length field set to `value` and NOT fixed up: the classic length bugs
  adjust_length,   // a length field set to its right value plus `value` read as a signed delta
  empty_payload,   // the payload cut to 0 bytes, its length field (fixed up) then 0
  keep_checksums,  // the IPMI message's checksums are not recomputed after the other mutations
  bad_auth_code,   // the AuthCode (RMCP+ integrity or IPMI 1.5) is computed, then its last byte flipped
  drop_step,       // the step is not sent; the flow goes on without it
  repeat_step,     // the step's datagram is sent twice (a replay)
};

// Which bytes a byte-level op works on. Positions are taken modulo the layer's size (+1 for
// inserts), so one input applies to whatever size the live message has.
enum class Layer : std::uint8_t {
  payload,    // the session payload in clear (IPMI message, RAKP ...), before fix-ups
  ipmi_data,  // the data bytes of an IPMI request (after cmd, before checksum 2); else payload
  datagram,   // the finished datagram: nothing is fixed up after this
};

enum class Field : std::uint8_t {
  rmcp_version, rmcp_sequence, rmcp_class,
  auth_type,         // the session header's Authentication Type byte
  payload_type,      // RMCP+ payload type byte with its encrypted/authenticated bits
  session_id, session_sequence,
  asf_message_type, asf_message_tag,
  ipmi_rs_addr, ipmi_netfn_lun, ipmi_rq_addr, ipmi_rq_seq_lun, ipmi_cmd,
  pad_length, next_header,  // RMCP+ session trailer
};

enum class LengthField : std::uint8_t {
  session,  // RMCP+ IPMI Payload Length, IPMI 1.5 Message Length, ASF Data Length
  inner,    // a length inside the payload (RAKP 1 User Name Length, Open Session algorithm
            // Payload Length); `pos` picks which when there are several
};

std::string_view op_name(MutationOp op);
std::string_view layer_name(Layer layer);
std::string_view field_name(Field field);
std::string_view length_name(LengthField length);

struct Mutation {
  std::uint8_t step = 0;  // index of the flow step it applies to
  MutationOp op = MutationOp::flip_bit;
  Layer layer = Layer::payload;               // byte ops
  Field field = Field::session_id;            // set_field
  LengthField length = LengthField::session;  // set_length
  std::uint32_t pos = 0;
  std::uint32_t value = 0;
  std::uint16_t count = 1;  // insert_bytes / erase_bytes

  friend bool operator==(const Mutation&, const Mutation&) = default;
};

// The mutation with the members its op does not use reset, so that equal effects compare
// equal (and survive the text form, which leaves them out).
Mutation canonical(Mutation m);

// "0:set-length:session:value=0x0", "2:flip-bit:ipmi_data:pos=3:value=0x5".
std::string format_mutation(const Mutation& m);
tl::expected<Mutation, std::string> parse_mutation(std::string_view text);

struct Input {
  FlowKind flow = FlowKind::asf_ping;
  // ipmi15_request / rmcpplus_request: the request before mutation.
  std::uint8_t netfn = 0x06;
  std::uint8_t cmd = 0x01;
  Bytes data;
  // raw: the datagrams, sent in order (mutations apply with step = datagram index).
  std::vector<Bytes> datagrams;
  std::vector<Mutation> mutations;

  friend bool operator==(const Input&, const Input&) = default;
};

// The one-line text form (without a raw input's datagrams).
std::string format_input(const Input& input);
// Parses that line. Errors are one line naming the token.
tl::expected<Input, std::string> parse_input(std::string_view line);

// True when the flow carries an IPMI request chosen by the input (netfn/cmd/data).
bool has_request(FlowKind kind);

}  // namespace ipmict::netfuzz
