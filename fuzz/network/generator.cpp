#include "fuzz/network/generator.hpp"

#include <algorithm>
#include <array>
#include <span>

#include "fuzz/network/flow_shape.hpp"
#include "fuzz/network/rng.hpp"

namespace ipmict::netfuzz {
namespace {

// How often each flow is chosen, relative to the others. In-session requests weigh most:
// they reach the command handlers, the largest attack surface behind a session.
unsigned flow_weight(FlowKind kind) {
  switch (kind) {
    case FlowKind::asf_ping: return 4;
    case FlowKind::auth_caps15: return 7;
    case FlowKind::auth_caps20: return 7;
    case FlowKind::open_session: return 12;
    case FlowKind::rakp1: return 10;
    case FlowKind::rakp3: return 8;
    case FlowKind::ipmi15_challenge: return 6;
    case FlowKind::ipmi15_activate: return 6;
    case FlowKind::ipmi15_request: return 12;
    case FlowKind::rmcpplus_request: return 28;
    case FlowKind::raw: return 0;
  }
  return 0;
}

template <class T, std::size_t N>
T pick(FuzzRng& rng, const std::array<T, N>& values) {
  return values[rng.below(N)];
}

constexpr std::array<std::uint32_t, 8> kInterestingBytes{0x00, 0x01, 0x10, 0x7f, 0x80, 0xfe, 0xff, 0x20};
constexpr std::array<std::uint32_t, 12> kInterestingLengths{0x0000, 0x0001, 0x0007, 0x0010, 0x001f, 0x0020,
                                                            0x007f, 0x00ff, 0x0100, 0x7fff, 0x8000, 0xffff};
constexpr std::array<std::uint32_t, 6> kInterestingWords{0x00000000, 0x00000001, 0x7fffffff,
                                                          0x80000000, 0xffffffff, 0x0000ffff};
constexpr std::array<std::int32_t, 8> kLengthDeltas{-1, 1, -2, 2, -4, 4, 16, -16};
// RMCP+ payload type bytes worth sending: every defined type, reserved ones, and the
// encrypted/authenticated bits in every combination for the IPMI type.
constexpr std::array<std::uint32_t, 14> kPayloadTypes{0x00, 0x40, 0x80, 0xc0, 0x01, 0x02, 0x10,
                                                      0x11, 0x12, 0x13, 0x14, 0x15, 0x20, 0x3f};
constexpr std::array<std::uint32_t, 8> kAuthTypes{0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07};

std::uint32_t field_value(FuzzRng& rng, Field field) {
  switch (field) {
    case Field::session_id:
    case Field::session_sequence:
      return rng.chance(60) ? pick(rng, kInterestingWords) : rng.u32();
    case Field::payload_type: return pick(rng, kPayloadTypes);
    case Field::auth_type: return pick(rng, kAuthTypes);
    case Field::ipmi_netfn_lun:
      // Mostly a standard request netFn with LUN 0; sometimes anything.
      return rng.chance(70) ? static_cast<std::uint32_t>(rng.below(0x10) * 2) << 2 : rng.byte();
    default: return rng.chance(50) ? pick(rng, kInterestingBytes) : rng.byte();
  }
}

Field random_field(FuzzRng& rng, const StepShape& shape) {
  std::vector<Field> fields{Field::rmcp_version, Field::rmcp_sequence, Field::rmcp_class};
  switch (shape.kind) {
    case StepKind::asf: fields.insert(fields.end(), {Field::asf_message_type, Field::asf_message_tag}); break;
    case StepKind::session15:
      fields.insert(fields.end(), {Field::auth_type, Field::session_id, Field::session_sequence});
      break;
    case StepKind::rmcpplus:
      fields.insert(fields.end(), {Field::auth_type, Field::payload_type, Field::payload_type, Field::session_id,
                                   Field::session_sequence});
      if (shape.in_session) fields.insert(fields.end(), {Field::pad_length, Field::next_header});
      break;
  }
  if (shape.ipmi_message) {
    fields.insert(fields.end(), {Field::ipmi_rs_addr, Field::ipmi_netfn_lun, Field::ipmi_netfn_lun, Field::ipmi_rq_addr,
                                 Field::ipmi_rq_seq_lun, Field::ipmi_cmd, Field::ipmi_cmd});
  }
  return fields[rng.below(fields.size())];
}

Mutation byte_mutation(FuzzRng& rng, std::uint8_t step, Layer layer) {
  Mutation m;
  m.step = step;
  m.layer = layer;
  static constexpr unsigned kWeights[] = {8, 8, 4, 4, 3};  // flip, set, insert, erase, truncate
  static constexpr MutationOp kOps[] = {MutationOp::flip_bit, MutationOp::set_byte, MutationOp::insert_bytes,
                                        MutationOp::erase_bytes, MutationOp::truncate};
  m.op = kOps[rng.weighted(kWeights)];
  m.pos = rng.u32();
  switch (m.op) {
    case MutationOp::flip_bit: m.value = static_cast<std::uint32_t>(rng.below(8)); break;
    case MutationOp::set_byte: m.value = rng.chance(60) ? pick(rng, kInterestingBytes) : rng.byte(); break;
    case MutationOp::insert_bytes:
      m.value = rng.chance(50) ? pick(rng, kInterestingBytes) : rng.byte();
      // Mostly a few bytes; sometimes enough to overflow a fixed-size buffer behind a field.
      m.count = static_cast<std::uint16_t>(rng.chance(85) ? 1 + rng.below(16) : 64 + rng.below(1024));
      break;
    case MutationOp::erase_bytes: m.count = static_cast<std::uint16_t>(1 + rng.below(8)); break;
    default: break;
  }
  return m;
}

std::uint8_t pick_step(FuzzRng& rng, std::span<const StepShape> shape) {
  std::vector<unsigned> weights;
  for (const StepShape& s : shape) weights.push_back(s.weight);
  return static_cast<std::uint8_t>(rng.weighted(weights));
}

}  // namespace

InputGenerator::InputGenerator(GeneratorConfig config) : config_(std::move(config)) {
  std::erase(config_.flows, FlowKind::raw);
  if (config_.requests.empty()) config_.requests.push_back({0x06, 0x01, {}});
}

void InputGenerator::add_base(Input input) { bases_.push_back(std::move(input)); }

Mutation InputGenerator::random_mutation(const Input& input, FuzzRng& rng) const {
  if (input.flow == FlowKind::raw) {
    const auto step = static_cast<std::uint8_t>(rng.below(std::max<std::size_t>(1, input.datagrams.size())));
    return canonical(byte_mutation(rng, step, Layer::datagram));
  }
  const auto shape = flow_shape(input.flow);
  const std::uint8_t step = pick_step(rng, shape);
  const StepShape& s = shape[step];

  enum Kind : std::uint8_t { set_len, adjust_len, inner_len, empty, field, payload, datagram, checksums, auth, drop, repeat };
  // The weights: length fields first (that is what fixing everything else up is for),
  // then fields and payload bytes in clear, then the outer-layer and flow-level ops.
  std::array<unsigned, 11> weights{14, 10, s.inner_lengths ? 7u : 0u, 4, 14, 26, 10, s.ipmi_message ? 2u : 0u,
                                   s.in_session ? 3u : 0u, shape.size() > 1 ? 2u : 0u, 3};
  Mutation m;
  m.step = step;
  switch (static_cast<Kind>(rng.weighted(weights))) {
    case set_len:
      m.op = MutationOp::set_length;
      m.length = LengthField::session;
      m.value = pick(rng, kInterestingLengths);
      break;
    case adjust_len:
      m.op = MutationOp::adjust_length;
      m.length = s.inner_lengths && rng.chance(30) ? LengthField::inner : LengthField::session;
      m.pos = static_cast<std::uint32_t>(rng.below(4));
      m.value = static_cast<std::uint32_t>(pick(rng, kLengthDeltas));
      break;
    case inner_len:
      m.op = MutationOp::set_length;
      m.length = LengthField::inner;
      m.pos = static_cast<std::uint32_t>(rng.below(4));
      m.value = rng.chance(70) ? pick(rng, kInterestingBytes) : rng.byte();
      break;
    case empty: m.op = MutationOp::empty_payload; break;
    case field:
      m.op = MutationOp::set_field;
      m.field = random_field(rng, s);
      m.value = field_value(rng, m.field);
      break;
    case payload:
      m = byte_mutation(rng, step, s.ipmi_message && rng.chance(60) ? Layer::ipmi_data : Layer::payload);
      break;
    case datagram: m = byte_mutation(rng, step, Layer::datagram); break;
    case checksums: m.op = MutationOp::keep_checksums; break;
    case auth: m.op = MutationOp::bad_auth_code; break;
    case drop: m.op = MutationOp::drop_step; break;
    case repeat: m.op = MutationOp::repeat_step; break;
  }
  return canonical(m);
}

Input InputGenerator::fresh(FuzzRng& rng) const {
  std::vector<unsigned> weights;
  for (const FlowKind f : config_.flows) weights.push_back(flow_weight(f));
  Input input;
  input.flow = config_.flows.empty() ? FlowKind::asf_ping : config_.flows[rng.weighted(weights)];
  if (has_request(input.flow)) {
    const RequestTemplate& t = config_.requests[rng.below(config_.requests.size())];
    input.netfn = t.netfn;
    input.cmd = t.cmd;
    input.data = t.data;
  }
  // 10% none, 60% one, 20% two, 10% three mutations.
  static constexpr unsigned kCounts[] = {10, 60, 20, 10};
  const std::size_t n = rng.weighted(kCounts);
  for (std::size_t i = 0; i < n; ++i) input.mutations.push_back(random_mutation(input, rng));
  return input;
}

Input InputGenerator::generate(std::uint64_t input_seed) const {
  FuzzRng rng(input_seed);
  if (!bases_.empty() && rng.chance(config_.corpus_percent)) {
    Input input = bases_[rng.below(bases_.size())];
    const bool allowed = input.flow == FlowKind::raw ||
                         std::find(config_.flows.begin(), config_.flows.end(), input.flow) != config_.flows.end();
    if (allowed) {
      const std::size_t n = 1 + rng.below(2);
      for (std::size_t i = 0; i < n && input.mutations.size() < config_.max_mutations; ++i) {
        input.mutations.push_back(random_mutation(input, rng));
      }
      return input;
    }
  }
  return fresh(rng);
}

}  // namespace ipmict::netfuzz
