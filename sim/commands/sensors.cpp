// Sensor commands (IPMI 2.0 ch. 35): Get Sensor Reading, Get Sensor Thresholds, and Set
// Sensor Reading And Event Status (§35.17, not in the catalog yet) so that tests and cases
// can move a reading across its thresholds.
#include "sim/commands/handler.hpp"

namespace ipmict::sim {

namespace {

Reply get_sensor_reading(Call& c) {
  const SensorState* s = c.model.sensor(c.u8("sensor_number"));
  if (s == nullptr) return completion(cc::not_present);
  catalog::FieldValues v{
      {"sensor_reading", s->config.event_reading_type == 0x01 ? s->config.raw_reading : 0},
      {"reading_unavailable", 0},
      {"sensor_scanning_enabled", s->scanning},
      {"event_messages_enabled", s->events_enabled},
  };
  if (s->config.event_reading_type == 0x01) {
    v.push_back({"sensor_state_bits_0_7", s->threshold_status});
  } else {
    // Discrete: states 0-7 in byte 3, states 8-14 in byte 4 whose bit 7 is "returned as 1b".
    v.push_back({"sensor_state_bits_0_7", s->config.discrete_state & 0xff});
    v.push_back({"sensor_state_bits_8_14", (s->config.discrete_state >> 8) & 0x7f});
    v.push_back({"reserved2", 1});
  }
  return ok(std::move(v));
}

Reply get_sensor_thresholds(Call& c) {
  const SensorState* s = c.model.sensor(c.u8("sensor_number"));
  if (s == nullptr) return completion(cc::not_present);
  if (s->config.event_reading_type != 0x01) return completion(cc::illegal_for_sensor);
  const auto& t = s->config.thresholds;  // lnr, lcr, lnc, unc, ucr, unr
  return ok({
      {"lower_non_critical_readable", t[2].has_value()},
      {"lower_critical_readable", t[1].has_value()},
      {"lower_non_recoverable_readable", t[0].has_value()},
      {"upper_non_critical_readable", t[3].has_value()},
      {"upper_critical_readable", t[4].has_value()},
      {"upper_non_recoverable_readable", t[5].has_value()},
      {"lower_non_critical_threshold", t[2].value_or(0)},
      {"lower_critical_threshold", t[1].value_or(0)},
      {"lower_non_recoverable_threshold", t[0].value_or(0)},
      {"upper_non_critical_threshold", t[3].value_or(0)},
      {"upper_critical_threshold", t[4].value_or(0)},
      {"upper_non_recoverable_threshold", t[5].value_or(0)},
  });
}

// §35.17 request: sensor number; operation ([1:0] 01b = write the reading of byte 3,
// [5:4] assertion bits: 01b write, 10b set the 1s, 11b clear the 1s); reading;
// assertion event bits 0-7 and 8-14 (optional). Deassertion and event data bytes are
// accepted and ignored: events are derived from the state change.
Reply set_sensor_reading_and_event_status(Call& c) {
  const ByteView d = c.data;
  SensorState* s = c.model.sensor(d[0]);
  if (s == nullptr) return completion(cc::not_present);
  const std::uint8_t op = d[1];
  if ((op & 0x03) == 0x01) {
    if (d.size() < 3) return completion(cc::request_length_invalid);
    if (s->config.event_reading_type == 0x01) c.model.set_sensor_reading(*s, d[2], c.now);
    else s->config.raw_reading = d[2];
  } else if ((op & 0x03) != 0x00) {
    return completion(cc::invalid_field);
  }
  const std::uint8_t assertion_op = (op >> 4) & 0x03;
  if (assertion_op != 0) {
    if (d.size() < 5) return completion(cc::request_length_invalid);
    if (s->config.event_reading_type == 0x01) return completion(cc::illegal_for_sensor);
    const auto bits = static_cast<std::uint16_t>(d[3] | (d[4] << 8));
    std::uint16_t state = s->config.discrete_state;
    if (assertion_op == 1) state = bits;
    if (assertion_op == 2) state = static_cast<std::uint16_t>(state | bits);
    if (assertion_op == 3) state = static_cast<std::uint16_t>(state & ~bits);
    c.model.set_discrete_state(*s, state, c.now);
  }
  return raw_reply({});
}

}  // namespace

void add_sensor_handlers(std::vector<HandlerEntry>& out, std::vector<ExtraCommand>& extra) {
  out.push_back({0x04, 0x2d, get_sensor_reading});
  out.push_back({0x04, 0x27, get_sensor_thresholds});
  extra.push_back({0x04, 0x30, {catalog::PrivilegeKind::level, Privilege::operator_}, 2, 10,
                   set_sensor_reading_and_event_status});
}

}  // namespace ipmict::sim
