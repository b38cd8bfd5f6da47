#include "protocol/capture/exchange_extractor.hpp"

#include <string_view>
#include <utility>

#include "protocol/capture/pcap_reader.hpp"
#include "protocol/wire/lan_message.hpp"

namespace ipmict::capture {

namespace {

struct PendingRequest {
  IpmiRequest request;
  std::size_t frame = 0;
  std::string console;
  std::string bmc;
};

// Requests waiting for their answer, kept bounded: a capture of a console that never gets
// answers must not grow this without limit. The oldest are dropped (and counted).
constexpr std::size_t kMaxPending = 256;

}  // namespace

Decoded<ExtractedExchanges> extract_exchanges(const catalog::Catalog& catalog, ByteView capture_file,
                                              std::optional<Credentials> credentials) {
  auto capture = read_capture(capture_file);
  if (!capture) return tl::unexpected(capture.error());

  ExtractedExchanges out;
  std::vector<PendingRequest> pending;
  Dissector dissector(catalog, std::move(credentials));
  dissector.set_message_sink([&](const DatagramMeta& meta, ByteView message) {
    // IPMI 2.0 §5.1: requests have even netFns, responses odd. The netFn sits in the upper
    // six bits of byte 1 in both layouts.
    if (message.size() < 2) {
      ++out.undecodable_messages;
      return;
    }
    if (!is_response_netfn(static_cast<std::uint8_t>(message[1] >> 2))) {
      auto request = decode_ipmi_request(message);
      if (!request) {
        ++out.undecodable_messages;
        return;
      }
      if (pending.size() >= kMaxPending) {
        pending.erase(pending.begin());
        ++out.unanswered_requests;
      }
      pending.push_back(PendingRequest{std::move(*request), meta.frame, meta.src, meta.dst});
      return;
    }
    auto response = decode_ipmi_response(message);
    if (!response) {
      ++out.undecodable_messages;
      return;
    }
    // The newest matching request: a retry carries the same rqSeq, and its answer belongs
    // to the last copy sent. Match netFn, command and rqSeq (IPMB 1.0 §2.2), and the
    // endpoints when the capture has them.
    for (auto it = pending.rbegin(); it != pending.rend(); ++it) {
      const IpmiRequest& rq = it->request;
      if (static_cast<std::uint8_t>(rq.netfn + 1) != response->netfn || rq.cmd != response->cmd ||
          rq.rq_seq != response->rq_seq || (!meta.src.empty() && !it->bmc.empty() && it->bmc != meta.src)) {
        continue;
      }
      Exchange e;
      e.netfn = rq.netfn;
      e.rs_lun = rq.rs_lun;
      e.cmd = rq.cmd;
      e.request_data = rq.data;
      e.response_netfn = response->netfn;
      e.completion_code = response->completion_code;
      e.response_data = std::move(response->data);
      e.request_frame = it->frame;
      e.response_frame = meta.frame;
      e.console = it->console;
      e.bmc = it->bmc;
      out.exchanges.push_back(std::move(e));
      // Earlier copies of the same request (retries) are answered by this response too.
      const IpmiRequest answered = rq;
      std::erase_if(pending, [&](const PendingRequest& p) {
        return p.request.netfn == answered.netfn && p.request.cmd == answered.cmd && p.request.rq_seq == answered.rq_seq;
      });
      return;
    }
    ++out.unmatched_responses;
  });

  for (const CaptureFrame& frame : capture->frames) {
    if (!frame.is_udp) continue;
    DatagramMeta meta;
    meta.frame = frame.number;
    meta.timestamp_ns = frame.timestamp_ns;
    const auto endpoint = [](const std::string& address, std::uint16_t port) {
      const bool v6 = address.find(':') != std::string::npos;
      return (v6 ? "[" + address + "]" : address) + ":" + std::to_string(port);
    };
    meta.src = endpoint(frame.udp.src, frame.udp.src_port);
    meta.dst = endpoint(frame.udp.dst, frame.udp.dst_port);
    (void)dissector.dissect(meta, frame.udp.payload);
  }
  out.unanswered_requests += pending.size();
  out.notes = dissector.summary();
  return out;
}

}  // namespace ipmict::capture
