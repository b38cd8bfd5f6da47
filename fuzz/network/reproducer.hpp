#pragma once
// Reproducer files: the inputs of a finding as text, one "input" line each (input.hpp),
// followed by the datagrams that input sent ("> hex") and received ("< hex"), and a pcap
// of the same datagrams (LINKTYPE_RAW, transports/pcap_writer.hpp) for tshark/Wireshark.
//
//   # ipmict network fuzzer reproducer; replay: ipmict fuzz TARGET --replay FILE
//   input flow=open-session m=0:set-length:session:value=0x0
//     > 06 00 ff 07 06 10 00 00 00 00 00 00 00 00 00 00 00 00 ...
//   input flow=raw
//   > 06 00 ff 07 06 00 00 00 00 00 00 00 00 00 00 00
//     > 06 00 ff 07 06 00 00 00 00 00 00 00 00 00 00 00
//
// Replaying runs the input lines again against the live target (fresh session IDs, keys and
// randoms). Unindented "> " lines belong to a raw input: they are its datagrams, sent as
// they are. Indented "  > " (sent) and "  < " (received) lines are the record of the
// original run, for people and for tshark; replays ignore them. The same format holds
// corpus inputs (corpus.hpp).
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "fuzz/network/input.hpp"
#include "fuzz/network/input_record.hpp"
#include "transports/ip_endpoint.hpp"

namespace ipmict::netfuzz {

// comments become "# " lines at the top.
std::string format_reproducer(std::span<const InputRecord> records, std::span<const std::string> comments);

// Errors are one line: "FILE:LINE: what is wrong".
tl::expected<std::vector<Input>, std::string> parse_reproducer(std::string_view text, std::string_view source_name);
tl::expected<std::vector<Input>, std::string> read_reproducer(const std::filesystem::path& path);

// Writes DIR/STEM.txt and DIR/STEM.pcap (DIR is created). local/remote: the fuzzer's and
// the target's UDP endpoints, for the synthesized IP/UDP headers.
tl::expected<void, std::string> write_reproducer(const std::filesystem::path& dir, std::string_view stem,
                                                 std::span<const InputRecord> records,
                                                 std::span<const std::string> comments,
                                                 const transport::IpEndpoint& local,
                                                 const transport::IpEndpoint& remote);

}  // namespace ipmict::netfuzz
