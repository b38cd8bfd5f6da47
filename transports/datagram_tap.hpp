#pragma once
// Something that sees every datagram a link sends and receives, in order: the pcap writer
// (pcap_writer.hpp), and in tests a recorder. A tap only observes; it cannot fail the link.
#include "protocol/core/bytes.hpp"
#include "transports/ip_endpoint.hpp"

namespace ipmict::transport {

class DatagramTap {
 public:
  virtual ~DatagramTap() = default;
  virtual void datagram(const IpEndpoint& source, const IpEndpoint& destination, ByteView payload) = 0;
};

}  // namespace ipmict::transport
