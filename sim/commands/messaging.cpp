// Message channels and bridging: Enable Message Channel Receive (§22.5), Get Message
// (§22.6), Send Message (§22.7), Master Write-Read (§22.11).
#include "sim/commands/handler.hpp"

namespace ipmict::sim {

namespace {

inline constexpr std::size_t kReceiveQueueCapacity = 8;  // §6.13 asks for at least 2

Reply enable_message_channel_receive(Call& c) {
  const std::uint8_t n = c.channel();
  if (c.model.channel(n) == nullptr) return completion(cc::invalid_field);
  bool& enabled = c.model.channel_receive_enabled[n];
  switch (c.number("channel_operation")) {
    case 0: enabled = false; break;
    case 1: enabled = true; break;
    case 2: break;
    default: return completion(cc::invalid_field);
  }
  return ok({{"channel_number", n}, {"channel_state", enabled}});
}

Reply get_message(Call& c) {
  auto& q = c.model.receive_queue;
  if (q.empty()) return completion(0x80);  // data not available (queue empty)
  ReceivedMessage m = std::move(q.front());
  q.pop_front();
  return ok({{"channel_number", m.channel & 0x0f},
             {"inferred_privilege_level", privilege_nibble(m.privilege)},
             {"message_data", std::move(m.data)}});
}

Reply send_message(Call& c) {
  if (c.number("tracking") == 3) return completion(cc::invalid_field);
  const std::uint8_t n = c.channel();
  const ChannelConfig* ch = c.model.channel(n);
  if (ch == nullptr) return completion(cc::invalid_field);
  const Bytes message = c.bytes("message_data");
  switch (ch->medium) {
    case ChannelConfig::Medium::ipmb:
      // An IPMB request needs at least rsSA, netFn/rsLUN, checksum, rqSA, rqSeq/rqLUN, cmd,
      // checksum. No other controller is on this IPMB: the write is not acknowledged
      // (§22.7: 83h "NAK on Write").
      if (message.size() < 7) return completion(cc::invalid_field);
      return completion(0x83);
    case ChannelConfig::Medium::system_interface: {
      // To system software: into the Receive Message Queue (§6.13), if the channel's
      // receiver is enabled.
      if (!c.model.channel_receive_enabled[n]) return completion(cc::not_supported_in_state);
      if (c.model.receive_queue.size() >= kReceiveQueueCapacity) return completion(cc::node_busy);
      ReceivedMessage m;
      m.channel = Model::resolve_channel(kThisChannel, c.context);
      m.privilege = c.context.interface == Context::Interface::lan
                        ? c.context.session.privilege.value_or(Privilege::unspecified)
                        : Privilege::administrator;
      m.data = message;
      c.model.receive_queue.push_back(std::move(m));
      return ok({{"response_data", Bytes{}}});
    }
    case ChannelConfig::Medium::lan: {
      // To a LAN session: the message starts with the session handle (§22.7 Table 22-10).
      if (message.empty()) return completion(cc::invalid_field);
      for (const auto& s : c.model.sessions())
        if (s.handle == message[0] && s.channel == n)
          return completion(cc::not_supported_in_state);  // delivery into a session is not modelled
      return completion(0x80);  // invalid session handle
    }
  }
  return completion(cc::invalid_field);
}

Reply master_write_read(Call& c) {
  // Only the public bus (IPMB, channel 0, bus 0) exists; private buses are not present.
  if (c.number("bus_type") != 0 || c.number("bus_id") != 0) return completion(cc::invalid_field);
  const ChannelConfig* ch = c.model.channel(c.u8("channel_number"));
  if (ch == nullptr || ch->medium != ChannelConfig::Medium::ipmb) return completion(cc::invalid_field);
  if (c.u8("slave_address") == (kBmcSlaveAddress >> 1)) return completion(cc::invalid_field);  // ourselves
  return completion(0x83);  // nobody on the bus acknowledges: NAK on write
}

}  // namespace

void add_messaging_handlers(std::vector<HandlerEntry>& out) {
  out.push_back({0x06, 0x32, enable_message_channel_receive});
  out.push_back({0x06, 0x33, get_message});
  out.push_back({0x06, 0x34, send_message});
  out.push_back({0x06, 0x52, master_write_read});
}

}  // namespace ipmict::sim
