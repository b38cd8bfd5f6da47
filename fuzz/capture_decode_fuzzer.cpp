// `ipmict decode` of a capture: the pcap/pcapng reader, link layers, IP and UDP, and the
// dissector following RMCP+ handshakes with a fixed password (so keys are derived and
// integrity/decryption paths run when the input holds a valid handshake).
// Properties: every frame is reported (a UDP datagram, a skip reason, or an error) and
// errors point inside the file.
#include <cstdint>

#include "fuzz/fuzz_assert.hpp"
#include "protocol/capture/dissector.hpp"
#include "protocol/capture/pcap_reader.hpp"
#include "protocol/catalog/catalog.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ipmict;
  static const catalog::Catalog cat = catalog::builtin_catalog();
  const ByteView in(data, size);
  auto cap = capture::read_capture(in);
  if (!cap) {
    FUZZ_ASSERT(cap.error().offset <= size);
    return 0;
  }
  capture::Credentials creds;
  const std::string_view pw = "test-password";  // the committed sample captures' password
  creds.password.assign(pw.begin(), pw.end());
  capture::Dissector dissector(cat, std::move(creds));
  for (const auto& frame : cap->frames) {
    FUZZ_ASSERT(frame.is_udp || !frame.skipped.empty() || frame.error.has_value());
    if (frame.error) FUZZ_ASSERT(frame.error->offset <= size);
    if (!frame.is_udp) continue;
    const auto report = dissector.dissect(capture::DatagramMeta{frame.number, frame.timestamp_ns, frame.udp.src, frame.udp.dst},
                                          frame.udp.payload);
    FUZZ_ASSERT(!report.text.empty());
  }
  (void)dissector.summary();
  return 0;
}
