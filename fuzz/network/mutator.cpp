#include "fuzz/network/mutator.hpp"

#include <algorithm>

namespace ipmict::netfuzz {
namespace {

// IPMI request layout (§13.8): rsAddr, netFn/rsLUN, checksum 1, rqAddr, rqSeq/rqLUN, cmd,
// data..., checksum 2.
constexpr std::size_t kIpmiDataAt = 6;

std::uint8_t low8(std::uint32_t v) { return static_cast<std::uint8_t>(v & 0xffu); }

void set_ipmi_byte(StepMessage& msg, std::size_t at, std::uint32_t value) {
  if (msg.ipmi_message && msg.payload.size() > at) msg.payload[at] = low8(value);
}

void set_field(StepMessage& msg, Field field, std::uint32_t value) {
  switch (field) {
    case Field::rmcp_version: msg.rmcp_version = low8(value); break;
    case Field::rmcp_sequence: msg.rmcp_sequence = low8(value); break;
    case Field::rmcp_class: msg.rmcp_class = low8(value); break;
    case Field::auth_type:
      if (msg.kind != StepKind::asf) msg.auth_type = low8(value);
      break;
    case Field::payload_type:
      if (msg.kind == StepKind::rmcpplus) msg.payload_type = low8(value);
      break;
    case Field::session_id:
      if (msg.kind != StepKind::asf) msg.session_id = value;
      break;
    case Field::session_sequence:
      if (msg.kind != StepKind::asf) msg.session_sequence = value;
      break;
    case Field::asf_message_type:
      if (msg.kind == StepKind::asf) msg.asf_message_type = low8(value);
      break;
    case Field::asf_message_tag:
      if (msg.kind == StepKind::asf) msg.asf_message_tag = low8(value);
      break;
    case Field::ipmi_rs_addr: set_ipmi_byte(msg, 0, value); break;
    case Field::ipmi_netfn_lun: set_ipmi_byte(msg, 1, value); break;
    case Field::ipmi_rq_addr: set_ipmi_byte(msg, 3, value); break;
    case Field::ipmi_rq_seq_lun: set_ipmi_byte(msg, 4, value); break;
    case Field::ipmi_cmd: set_ipmi_byte(msg, 5, value); break;
    case Field::pad_length: msg.pad_length_override = low8(value); break;
    case Field::next_header: msg.next_header_override = low8(value); break;
  }
}

void set_length(StepMessage& msg, const Mutation& m, bool relative) {
  const auto delta = static_cast<std::int64_t>(static_cast<std::int32_t>(m.value));
  if (m.length == LengthField::session) {
    // Relative to the length as sent (after encryption), which only serialise() knows.
    if (relative) {
      msg.length_delta += delta;
    } else {
      msg.length_override = m.value;
    }
    return;
  }
  if (msg.inner_lengths.empty()) return;
  const std::size_t at = msg.inner_lengths[m.pos % msg.inner_lengths.size()];
  if (at >= msg.payload.size()) return;
  const std::int64_t v = relative ? static_cast<std::int64_t>(msg.payload[at]) + delta : m.value;
  msg.payload[at] = static_cast<std::uint8_t>(v);
}

}  // namespace

bool acts_on_datagram(const Mutation& m) {
  switch (m.op) {
    case MutationOp::flip_bit:
    case MutationOp::set_byte:
    case MutationOp::insert_bytes:
    case MutationOp::erase_bytes:
    case MutationOp::truncate: return m.layer == Layer::datagram;
    default: return false;
  }
}

bool acts_on_flow(const Mutation& m) { return m.op == MutationOp::drop_step || m.op == MutationOp::repeat_step; }

void apply_byte_op(const Mutation& m, Bytes& bytes, std::size_t begin, std::size_t end) {
  end = std::min(end, bytes.size());
  begin = std::min(begin, end);
  const std::size_t span = end - begin;
  const auto at = [&](std::size_t range) { return begin + (range == 0 ? 0 : m.pos % range); };
  const auto first = bytes.begin() + static_cast<std::ptrdiff_t>(begin);
  switch (m.op) {
    case MutationOp::flip_bit:
      if (span > 0) bytes[at(span)] = static_cast<std::uint8_t>(bytes[at(span)] ^ (1u << (m.value & 7u)));
      break;
    case MutationOp::set_byte:
      if (span > 0) bytes[at(span)] = low8(m.value);
      break;
    case MutationOp::insert_bytes: {
      const std::size_t room = bytes.size() < kMaxMutatedPayload ? kMaxMutatedPayload - bytes.size() : 0;
      const std::size_t n = std::min<std::size_t>(m.count, room);
      bytes.insert(first + static_cast<std::ptrdiff_t>(at(span + 1) - begin), n, low8(m.value));
      break;
    }
    case MutationOp::erase_bytes:
      if (span > 0) {
        const std::size_t from = at(span);
        const std::size_t n = std::min<std::size_t>(m.count, end - from);
        bytes.erase(bytes.begin() + static_cast<std::ptrdiff_t>(from), bytes.begin() + static_cast<std::ptrdiff_t>(from + n));
      }
      break;
    case MutationOp::truncate: {
      const std::size_t keep = at(span + 1);
      bytes.erase(bytes.begin() + static_cast<std::ptrdiff_t>(keep), bytes.begin() + static_cast<std::ptrdiff_t>(end));
      break;
    }
    default: break;
  }
}

void apply_to_message(const Mutation& m, StepMessage& msg) {
  switch (m.op) {
    case MutationOp::flip_bit:
    case MutationOp::set_byte:
    case MutationOp::insert_bytes:
    case MutationOp::erase_bytes:
    case MutationOp::truncate:
      if (m.layer == Layer::datagram) return;
      if (m.layer == Layer::ipmi_data && msg.ipmi_message && msg.payload.size() >= kIpmiDataAt + 1) {
        // The request data: after cmd, before checksum 2, so the checksums still frame it.
        apply_byte_op(m, msg.payload, kIpmiDataAt, msg.payload.size() - 1);
      } else {
        apply_byte_op(m, msg.payload, 0, msg.payload.size());
      }
      return;
    case MutationOp::set_field: set_field(msg, m.field, m.value); return;
    case MutationOp::set_length: set_length(msg, m, false); return;
    case MutationOp::adjust_length: set_length(msg, m, true); return;
    case MutationOp::empty_payload:
      msg.payload.clear();
      msg.payload_cleared = true;
      return;
    case MutationOp::keep_checksums: msg.fix_checksums = false; return;
    case MutationOp::bad_auth_code: msg.corrupt_auth_code = true; return;
    case MutationOp::drop_step:
    case MutationOp::repeat_step: return;
  }
}

void apply_to_datagram(const Mutation& m, Bytes& datagram) {
  if (!acts_on_datagram(m)) return;
  apply_byte_op(m, datagram, 0, datagram.size());
}

}  // namespace ipmict::netfuzz
