// Sensor commands (IPMI 2.0 ch. 35): Get Sensor Reading, Get Sensor Thresholds, and Set
// Sensor Reading And Event Status (§35.17), so that tests and cases can move a reading
// across its thresholds or change a discrete sensor's states.
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

// §35.17: the sensor reading operation 01b writes `sensor_reading`; the assertion bits
// operation (01b write, 10b set the 1s, 11b clear the 1s) changes a discrete sensor's states
// from `assertion_event_bits_0_7` / `_8_14`. Deassertion bits and event data bytes are
// accepted and ignored: events are derived from the state change.
Reply set_sensor_reading_and_event_status(Call& c) {
  SensorState* s = c.model.sensor(c.u8("sensor_number"));
  if (s == nullptr) return completion(cc::not_present);
  const std::uint8_t reading_op = c.u8("sensor_reading_operation");
  if (reading_op == 0x01) {
    if (!c.has("sensor_reading")) return completion(cc::request_length_invalid);
    if (s->config.event_reading_type == 0x01) c.model.set_sensor_reading(*s, c.u8("sensor_reading"), c.now);
    else s->config.raw_reading = c.u8("sensor_reading");
  } else if (reading_op != 0x00) {
    return completion(cc::invalid_field);  // 10b, 11b reserved
  }
  const std::uint8_t assertion_op = c.u8("assertion_bits_operation");
  if (assertion_op != 0) {
    if (!c.has("assertion_event_bits_8_14")) return completion(cc::request_length_invalid);
    if (s->config.event_reading_type == 0x01) return completion(cc::illegal_for_sensor);
    const auto bits = static_cast<std::uint16_t>(c.u8("assertion_event_bits_0_7") | c.u8("assertion_event_bits_8_14") << 8);
    std::uint16_t state = s->config.discrete_state;
    if (assertion_op == 1) state = bits;
    if (assertion_op == 2) state = static_cast<std::uint16_t>(state | bits);
    if (assertion_op == 3) state = static_cast<std::uint16_t>(state & ~bits);
    c.model.set_discrete_state(*s, state, c.now);
  }
  return ok();
}

}  // namespace

void add_sensor_handlers(std::vector<HandlerEntry>& out) {
  out.push_back({0x04, 0x2d, get_sensor_reading});
  out.push_back({0x04, 0x27, get_sensor_thresholds});
  out.push_back({0x04, 0x30, set_sensor_reading_and_event_status});
}

}  // namespace ipmict::sim
