// Issue 4: the byte-level example exchanges of the seed pages (seed-catalog.md, 111 [RAW]
// examples) replayed against the simulator configured as the seed's BMC
// (tests/data/seed-bmc.yaml), in the seed's order, because the seed's BMC state changes
// between examples (global enables, Event Message Buffer, user table, sessions).
//
// Every tool framing is normalised to (netFn, cmd, request data) -> (completion code,
// response data):
//   ipmitool raw  stdout = response data; "no output shown" = CC 00h and no data (seed
//                 Part 0: an ipmitool error prints "Unable to send RAW command ... rsp=0xCC");
//   icmd/ipmiutil "respData[len=N]: ..." = data; "completed successfully" without respData
//                 = CC 00h and no data;
//   ipmi-raw      "rcvd: CMD CC data...";
//   DOS tool      "1c CMD CC data..." (App) / "20 14 CMD CC data..." (S/E, Master Write-Read).
// In-band examples go to the system interface (channel 0Fh, KCS, session-less); the
// ${bmc_ip} examples go over the simulator's real LAN server in a fresh IPMI 1.5 session
// per invocation (as ipmitool -I lan, icmd -N and ipmi-raw -h each open one): the seed's
// Get Session Info shows an IPMI v1.5 session (byte 7 = 01h) by user 2 at Administrator.
//
// A row is one of:
//   reproduced  completion code and every response byte equal the seed's;
//   masked      the same, except named fields that depend on state the seed does not
//               pin down (session handles, ports, the console's address), each with why;
//   skipped     the seed shows the exchange to be inconsistent (Part F), or the simulator
//               is right by the spec and differs (docs/interpretations.md). A skipped row
//               whose request is well formed is still sent, so that the BMC sees the same
//               sequence of requests as the seed's, but its answer is not compared.
// Steps that are not seed [RAW] rows but produce the state the seed shows (the seed's CLI
// examples and the Set System Info Parameters its A15 output implies) are "transitions":
// they are sent in order and must succeed, and are not counted among the 111.
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "protocol/core/bytes.hpp"
#include "sim/config_yaml.hpp"
#include "sim/simulator.hpp"
#include "transports/lan_client.hpp"

namespace ipmict::sim {
namespace {

const std::string kPasswordVar = "IPMICT_SEED_BMC_ADMIN_PASSWORD";
const std::string kAdminPassword = "seed-admin-pw";  // the seed's ${bmc_password}; test only
const std::string kNullUserVar = "IPMICT_SEED_BMC_NULL_USER_PASSWORD";
const std::string kNullUserPassword = "seed-null-pw";

enum class Kind : std::uint8_t { row, transition };
enum class Via : std::uint8_t { inband, lan };

// A response data field that the comparison leaves out. Offsets count response data bytes
// from 0 (the seed's "Byte 2" is offset 0).
struct Mask {
  std::size_t offset = 0;
  std::size_t length = 1;
  std::string field;
  std::string reason;
};

struct Row {
  Kind kind = Kind::row;
  std::string ref;  // seed-catalog section, example number and tool
  Via via = Via::inband;
  std::uint8_t netfn = 0;
  std::uint8_t cmd = 0;
  std::string request;  // hex
  std::uint8_t cc = 0;
  std::string response;  // hex, data only
  std::vector<Mask> masks;
  std::string skip;      // non-empty: skipped, with the reason
  bool send_when_skipped = true;
};

Row raw(std::string ref, Via via, std::uint8_t netfn, std::uint8_t cmd, std::string request, std::uint8_t cc,
        std::string response, std::vector<Mask> masks = {}) {
  Row r;
  r.ref = std::move(ref);
  r.via = via;
  r.netfn = netfn;
  r.cmd = cmd;
  r.request = std::move(request);
  r.cc = cc;
  r.response = std::move(response);
  r.masks = std::move(masks);
  return r;
}

Row skipped(std::string ref, Via via, std::uint8_t netfn, std::uint8_t cmd, std::string request, std::uint8_t seed_cc,
            std::string seed_response, std::string reason, bool send = true) {
  Row r = raw(std::move(ref), via, netfn, cmd, std::move(request), seed_cc, std::move(seed_response));
  r.skip = std::move(reason);
  r.send_when_skipped = send;
  return r;
}

Row transition(std::string ref, std::uint8_t netfn, std::uint8_t cmd, std::string request) {
  Row r = raw(std::move(ref), Via::inband, netfn, cmd, std::move(request), 0x00, "");
  r.kind = Kind::transition;
  return r;
}

constexpr auto I = Via::inband;
constexpr auto L = Via::lan;

// ---- masks ------------------------------------------------------------------------------
// A28: "Count of User IDs with Fixed Names". The seed's BMC reports 2, the simulator fixes
// only the null user's name (1) and the configuration cannot say otherwise
// (docs/interpretations.md I-FIXED-NAMES).
const Mask kFixedNames{2, 1, "Byte 4 count of user IDs with fixed names",
                       "implementation property, not state the configuration can set: the seed's BMC fixes 2 names, "
                       "the simulator only the null user's (I-FIXED-NAMES)"};

// A21 over LAN: everything that belongs to the one session the invocation opened.
const std::vector<Mask> kSessionInfoMasks{
    {0, 1, "Byte 2 session handle", "assigned per session (seed: 37h, 38h, 44h for three invocations; A21 decode)"},
    {6, 4, "Bytes 8:11 remote console IP address",
     "the capturing console's address (172.16.98.99); here the console is 127.0.0.1 on loopback"},
    {10, 6, "Bytes 12:17 remote console MAC address",
     "the capturing console's MAC; the simulator sits above UDP and does not know the peer's MAC (reports zeros)"},
    {16, 2, "Bytes 18:19 remote console port", "the console's ephemeral UDP port (seed: e9 3d, db ab, af 89)"},
};

const std::string kPasswordTest = "74 65 73 74 00 00 00 00 00 00 00 00 00 00 00 00";

// ---- skip reasons ---------------------------------------------------------------------------
const std::string kSkipF1Dump =
    "Part F 1: the dump ends in a garbled token '010' (16 tokens for a 16-byte record) and holds a BMC fan "
    "event, not the test event of the step before; the bytes cannot be an oracle (interpretations: I-EVENT-DELIVERY "
    "is the simulator's reading of the buffer)";
const std::string kSkipMwr =
    "the seed's BMC has private I2C buses with devices (EEPROMs A0h/A4h, a sensor 90h on bus 6); the simulator "
    "models only the public IPMB with no devices and refuses private buses with CCh, as the spec allows "
    "(§22.11: error code for an unsupported bus); the configuration cannot add buses: interpretations I-MWR-BUSES";
const std::string kSkipF3 =
    "Part F 3: CC 82h (\"cannot disable User Level authentication\") to a session-less request fits no meaning; "
    "the simulator answers D5h: interpretations I-SESSION-CMDS-INBAND";
const std::string kSkipF2 =
    "Part F 2: handle 36h with no active session, where §22.20 says 00h; the simulator answers 00 24 00: "
    "interpretations I-SESSION-INFO-NONE";
const std::string kSkipF4 =
    "Part F 4: the 7-byte IPMB form of Platform Event Message over KCS, accepted and reinterpreted by the seed's "
    "BMC; the simulator answers C7h: interpretations I-PEM-FORM";

std::vector<Row> seed_rows() {
  return {
      // A1 Set BMC Global Enables (2Eh). Replayed in order, the last write (DOS, 04h) is what A2 reads.
      raw("A1.1 ipmitool raw", I, 0x06, 0x2e, "04", 0x00, ""),
      raw("A1.3 ipmiutil cmd", I, 0x06, 0x2e, "0f", 0x00, ""),
      raw("A1.4 ipmi-raw", I, 0x06, 0x2e, "0f", 0x00, ""),
      raw("A1.5 DOS", I, 0x06, 0x2e, "04", 0x00, ""),
      // A2 Get BMC Global Enables (2Fh).
      raw("A2.1 ipmitool raw", I, 0x06, 0x2f, "", 0x00, "04"),
      raw("A2.3 icmd", I, 0x06, 0x2f, "", 0x00, "04"),
      raw("A2.4 ipmi-raw", I, 0x06, 0x2f, "", 0x00, "04"),
      // A3 Clear Message Flags (30h).
      raw("A3.1 ipmitool raw", I, 0x06, 0x30, "eb", 0x00, ""),
      raw("A3.2 ipmiutil cmd", I, 0x06, 0x30, "eb", 0x00, ""),
      raw("A3.3 ipmi-raw", I, 0x06, 0x30, "eb", 0x00, ""),
      raw("A3.4 DOS", I, 0x06, 0x30, "e3", 0x00, ""),
      // A4 Get Message Flags (31h).
      raw("A4.1 ipmitool raw", I, 0x06, 0x31, "", 0x00, "00"),
      raw("A4.2 icmd", I, 0x06, 0x31, "", 0x00, "00"),
      raw("A4.3 ipmi-raw", I, 0x06, 0x31, "", 0x00, "00"),
      raw("A4.4 DOS", I, 0x06, 0x31, "", 0x00, "00"),
      // A5 Enable Message Channel Receive (32h).
      raw("A5.1 ipmitool raw", I, 0x06, 0x32, "01 01", 0x00, "01 01"),
      raw("A5.2 icmd", I, 0x06, 0x32, "01 01", 0x00, "01 01"),
      raw("A5.3 ipmi-raw", I, 0x06, 0x32, "01 01", 0x00, "01 01"),
      raw("A5.4 DOS", I, 0x06, 0x32, "01 01", 0x00, "01 01"),
      // A8 Read Event Message Buffer (35h), then its test procedure.
      raw("A8.1 ipmitool raw (buffer empty)", I, 0x06, 0x35, "", 0x80, ""),
      raw("A8.2 step 1 ipmitool raw (enable EMB)", I, 0x06, 0x2e, "04", 0x00, ""),
      // Step 2 is the CLI `ipmitool event 1` (sample 1: Temperature, sensor 30h, Upper
      // Critical going high); the seed shows only its decoded SEL line, so these bytes are
      // ipmitool's system-interface form of that sample (GenID 41h system software).
      transition("A8.2 step 2 CLI `ipmitool event 1`", 0x04, 0x02, "41 04 01 30 01 09 ff ff"),
      skipped("A8.2 step 3 ipmitool raw (buffer dump)", I, 0x06, 0x35, "", 0x00,
              "32 4f 02 a6 b3 ff 4e 20 00 04 04 b0 01 50 00 10", kSkipF1Dump),
      raw("A8.2 step 4 ipmitool raw (text says disable; 04h enables)", I, 0x06, 0x2e, "04", 0x00, ""),
      raw("A8.2 step 5 ipmitool raw (buffer empty again)", I, 0x06, 0x35, "", 0x80, ""),
      // A9 Get System Interface Capabilities (57h).
      // Part F 12 notes the seed's BMC answers the SSIF query although its system interface
      // is KCS; the spec allows a BMC to report capabilities of interfaces it has, and the
      // simulator reproduces these bytes (interpretations I-SYSIF-CAPS).
      raw("A9.1 ipmitool raw (SSIF)", I, 0x06, 0x57, "00", 0x00, "00 88 ff 7d"),
      raw("A9.2 ipmitool raw (KCS)", I, 0x06, 0x57, "01", 0x00, "00 00 ff"),
      raw("A9.3 icmd (KCS)", I, 0x06, 0x57, "01", 0x00, "00 00 ff"),
      raw("A9.4 ipmi-raw (KCS)", I, 0x06, 0x57, "01", 0x00, "00 00 ff"),
      // A10 Get BT Interface Capabilities (36h).
      raw("A10.1 ipmitool raw", I, 0x06, 0x36, "", 0x00, "01 3f 3f 0a 01"),  // Part F 12, as above
      // A11 Master Write-Read (52h): writes, then reads of what was written.
      skipped("A11.1 ipmitool raw (write A0h bus 2)", I, 0x06, 0x52, "05 a0 00 00 00 31 32 33 34", 0x00, "", kSkipMwr),
      skipped("A11.2 ipmitool raw (write A4h bus 1)", I, 0x06, 0x52, "03 a4 00 00 00 01 20 00 01 00 10 00 ce", 0x00, "",
              kSkipMwr),
      skipped("A11.4 icmd (write A0h bus 2)", I, 0x06, 0x52, "05 a0 00 00 00 31 32 33 34", 0x00, "", kSkipMwr),
      skipped("A11.5 ipmi-raw (write A0h bus 2)", I, 0x06, 0x52, "05 a0 00 00 00 31 32 33 34", 0x00, "", kSkipMwr),
      skipped("A11.6 DOS (write A4h bus 1)", I, 0x06, 0x52, "03 a4 00 00 00 01 20 00 01 00 10 00 ce", 0x00, "",
              kSkipMwr),
      skipped("A11.7 ipmitool raw (read A4h bus 1)", I, 0x06, 0x52, "03 a4 08 00 00", 0x00, "01 20 00 01 00 10 00 ce",
              kSkipMwr),
      skipped("A11.8 ipmitool raw (read A0h bus 2)", I, 0x06, 0x52, "05 a0 04 00 00", 0x00, "31 32 33 34", kSkipMwr),
      skipped("A11.10 ipmitool raw (read 90h bus 6)", I, 0x06, 0x52, "0d 90 02", 0x00, "23 80", kSkipMwr),
      skipped("A11.12 ipmitool raw (A4h bus 2 NAK)", I, 0x06, 0x52, "05 a4 04", 0x83, "", kSkipMwr),
      skipped("A11.14 icmd (read A0h bus 2)", I, 0x06, 0x52, "05 a0 04 00 00", 0x00, "31 32 33 34", kSkipMwr),
      skipped("A11.15 ipmi-raw (read A0h bus 2)", I, 0x06, 0x52, "05 a0 04 00 00", 0x00, "31 32 33 34", kSkipMwr),
      skipped("A11.16 DOS (read A4h bus 1)", I, 0x06, 0x52, "03 a4 08 00 00", 0x00, "01 20 00 01 00 10 00 ce",
              kSkipMwr),
      // A12 Get Channel Authentication Capabilities (38h), in-band, channel 1, Administrator.
      raw("A12.1 ipmitool raw", I, 0x06, 0x38, "81 04", 0x00, "01 b7 04 03 00 00 00 00"),
      raw("A12.3 icmd", I, 0x06, 0x38, "81 04", 0x00, "01 b7 04 03 00 00 00 00"),
      raw("A12.4 ipmi-raw", I, 0x06, 0x38, "81 04", 0x00, "01 b7 04 03 00 00 00 00"),
      // A13 Get System GUID (37h).
      raw("A13.1 ipmitool raw", I, 0x06, 0x37, "", 0x00, "d8 cb 8a f7 c6 b6 9f 03 00 10 de bf ae 90 40 6c"),
      raw("A13.3 icmd", I, 0x06, 0x37, "", 0x00, "d8 cb 8a f7 c6 b6 9f 03 00 10 de bf ae 90 40 6c"),
      raw("A13.6 ipmi-raw", I, 0x06, 0x37, "", 0x00, "d8 cb 8a f7 c6 b6 9f 03 00 10 de bf ae 90 40 6c"),
      // A14 Set System Info Parameters has no examples; the strings A15 reads must have been
      // set with it (param, set selector = block 0, 16-byte block: encoding, length, text).
      transition("A14 (implied by A15.2) system firmware version \"Version1.0\"", 0x06, 0x58,
                 "01 00 00 0a 56 65 72 73 69 6f 6e 31 2e 30 00 00 00 00"),
      transition("A14 (implied by A15.3) system name \"RMManager\"", 0x06, 0x58,
                 "02 00 00 09 52 4d 4d 61 6e 61 67 65 72 00 00 00 00 00"),
      transition("A14 (implied by A15.4) primary OS name \"SUSEServer1.0\"", 0x06, 0x58,
                 "03 00 00 0d 53 55 53 45 53 65 72 76 65 72 31 2e 30 00"),
      // A15 Get System Info Parameters (59h).
      raw("A15.1 ipmitool raw (set in progress)", I, 0x06, 0x59, "00 00 00 00", 0x00, "11 00"),
      raw("A15.2 ipmitool raw (firmware version)", I, 0x06, 0x59, "00 01 00 00", 0x00,
          "11 00 00 0a 56 65 72 73 69 6f 6e 31 2e 30 00 00 00 00"),
      raw("A15.3 ipmitool raw (system name)", I, 0x06, 0x59, "00 02 00 00", 0x00,
          "11 00 00 09 52 4d 4d 61 6e 61 67 65 72 00 00 00 00 00"),
      raw("A15.4 ipmitool raw (primary OS name)", I, 0x06, 0x59, "00 03 00 00", 0x00,
          "11 00 00 0d 53 55 53 45 53 65 72 76 65 72 31 2e 30 00"),
      raw("A15.5 ipmitool raw (OS name, unset)", I, 0x06, 0x59, "00 04 00 00", 0x00,
          "11 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"),
      raw("A15.6 ipmitool raw (OS version, unset)", I, 0x06, 0x59, "00 05 00 00", 0x00,
          "11 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"),
      raw("A15.7 icmd (set in progress)", I, 0x06, 0x59, "00 00 00 00", 0x00, "11 00"),
      raw("A15.8 ipmi-raw (set in progress)", I, 0x06, 0x59, "00 00 00 00", 0x00, "11 00"),
      // A16 Get Channel Cipher Suites (54h), list of supported algorithms.
      raw("A16.1 ipmitool raw", I, 0x06, 0x54, "01 00 00", 0x00, "01 00 01 02 03 40 41 42 43 44 80 81"),
      raw("A16.3 icmd", I, 0x06, 0x54, "01 00 00", 0x00, "01 00 01 02 03 40 41 42 43 44 80 81"),
      raw("A16.4 ipmi-raw", I, 0x06, 0x54, "01 00 00", 0x00, "01 00 01 02 03 40 41 42 43 44 80 81"),
      raw("A16.5 DOS", I, 0x06, 0x54, "01 00 00", 0x00, "01 00 01 02 03 40 41 42 43 44 80 81"),
      // A19 Set Session Privilege Level (3Bh).
      raw("A19.1 ipmitool -H (LAN)", L, 0x06, 0x3b, "04", 0x00, "04"),
      skipped("A19.2 ipmitool raw (in-band)", I, 0x06, 0x3b, "04", 0x82, "", kSkipF3),
      raw("A19.3 icmd -N (LAN)", L, 0x06, 0x3b, "04", 0x00, "04"),
      raw("A19.4 ipmi-raw -h (LAN)", L, 0x06, 0x3b, "04", 0x00, "04"),
      // A21 Get Session Info (3Dh).
      skipped("A21.1 ipmitool raw (in-band)", I, 0x06, 0x3d, "00", 0x00, "36 24 00", kSkipF2),
      raw("A21.2 ipmitool -H (LAN)", L, 0x06, 0x3d, "00", 0x00, "37 24 01 02 04 01 ac 10 62 63 d8 cb 8a f7 c6 90 e9 3d",
          kSessionInfoMasks),
      raw("A21.3 icmd -N (LAN)", L, 0x06, 0x3d, "00", 0x00, "38 24 01 02 04 01 ac 10 62 63 d8 cb 8a f7 c6 90 db ab",
          kSessionInfoMasks),
      raw("A21.4 ipmi-raw -h (LAN)", L, 0x06, 0x3d, "00", 0x00,
          "44 24 01 02 04 01 ac 10 62 63 d8 cb 8a f7 c6 90 af 89", kSessionInfoMasks),
      // A23 Set Channel Access (40h): the sample is a no-op (both "don't change").
      raw("A23.1 ipmitool raw", I, 0x06, 0x40, "01 00 04", 0x00, ""),
      raw("A23.3 icmd", I, 0x06, 0x40, "01 00 04", 0x00, ""),
      raw("A23.4 ipmi-raw", I, 0x06, 0x40, "01 00 04", 0x00, ""),
      // A24 Get Channel Access (41h), volatile.
      raw("A24.1 ipmitool raw", I, 0x06, 0x41, "01 80", 0x00, "02 04"),
      raw("A24.3 icmd", I, 0x06, 0x41, "01 80", 0x00, "02 04"),
      raw("A24.4 ipmi-raw", I, 0x06, 0x41, "01 80", 0x00, "02 04"),
      // A25 Get Channel Info (42h). Channel 1 shows no active session: the LAN rows closed theirs.
      raw("A25.1 ipmitool raw (0Fh)", I, 0x06, 0x42, "0f", 0x00, "0f 0c 05 00 f2 1b 00 ff ff"),
      raw("A25.3 ipmitool raw (01h)", I, 0x06, 0x42, "01", 0x00, "01 04 01 80 f2 1b 00 00 00"),
      raw("A25.5 icmd (01h)", I, 0x06, 0x42, "01", 0x00, "01 04 01 80 f2 1b 00 00 00"),
      raw("A25.6 ipmi-raw (01h)", I, 0x06, 0x42, "01", 0x00, "01 04 01 80 f2 1b 00 00 00"),
      // A27 Set User Access (43h): user 1 on channel 1 -> User, bits unchanged.
      raw("A27.1 ipmitool raw", I, 0x06, 0x43, "01 01 02 00", 0x00, ""),
      raw("A27.5 icmd", I, 0x06, 0x43, "01 01 02 00", 0x00, ""),
      raw("A27.7 ipmi-raw", I, 0x06, 0x43, "01 01 02 00", 0x00, ""),
      // A28 Get User Access (44h). State A (ipmitool) precedes state B (ipmiutil, FreeIPMI).
      raw("A28.1 ipmitool raw (state A)", I, 0x06, 0x44, "01 02", 0x00, "0a 42 02 54", {kFixedNames}),
      // State A -> B, from the seed's CLI examples: `ipmitool user enable 0x03` (A27.3,
      // Set User Password "enable") and `iuser set 2 priv 2 1` (A27.6: SETUSERENAB "2 1",
      // SETUSER_ACCESS inputData "91 2 2").
      transition("A27.3 CLI `ipmitool user enable 0x03`", 0x06, 0x47, "03 01"),
      transition("A27.6 CLI `iuser set 2 priv 2 1` SETUSERENAB", 0x06, 0x47, "02 01"),
      transition("A27.6 CLI `iuser set 2 priv 2 1` SETUSER_ACCESS", 0x06, 0x43, "91 02 02"),
      raw("A28.4 icmd (state B)", I, 0x06, 0x44, "01 02", 0x00, "0a 43 02 12", {kFixedNames}),
      raw("A28.6 ipmi-raw (state B)", I, 0x06, 0x44, "01 02", 0x00, "0a 43 02 12", {kFixedNames}),
      // A29 Set User Name (45h): user 3 "test".
      raw("A29.1 ipmitool raw", I, 0x06, 0x45, "03 " + kPasswordTest, 0x00, ""),
      raw("A29.3 icmd", I, 0x06, 0x45, "03 " + kPasswordTest, 0x00, ""),
      raw("A29.5 ipmi-raw", I, 0x06, 0x45, "03 " + kPasswordTest, 0x00, ""),
      // A30 Get User Name (46h).
      raw("A30.1 ipmitool raw", I, 0x06, 0x46, "03", 0x00, kPasswordTest),
      raw("A30.3 icmd", I, 0x06, 0x46, "03", 0x00, kPasswordTest),
      raw("A30.5 ipmi-raw", I, 0x06, 0x46, "03", 0x00, kPasswordTest),
      // A31 Set User Password (47h): set "test" (16-byte form), test it, test "tesu".
      raw("A31.1 ipmitool raw (set)", I, 0x06, 0x47, "03 02 " + kPasswordTest, 0x00, ""),
      raw("A31.3 ipmitool raw (test, match)", I, 0x06, 0x47, "03 03 " + kPasswordTest, 0x00, ""),
      raw("A31.4 ipmitool raw (test, \"tesu\")", I, 0x06, 0x47,
          "03 03 74 65 73 75 00 00 00 00 00 00 00 00 00 00 00 00", 0x80, ""),
      raw("A31.5 icmd (set)", I, 0x06, 0x47, "03 02 " + kPasswordTest, 0x00, ""),
      raw("A31.7 ipmi-raw (set)", I, 0x06, 0x47, "03 02 " + kPasswordTest, 0x00, ""),
      // C1 Set Event Receiver (04h/00h).
      raw("C1.1 ipmitool raw", I, 0x04, 0x00, "20 00", 0x00, ""),
      raw("C1.2 icmd", I, 0x04, 0x00, "20 00", 0x00, ""),
      raw("C1.3 ipmi-raw", I, 0x04, 0x00, "20 00", 0x00, ""),
      raw("C1.4 DOS", I, 0x04, 0x00, "20 00", 0x00, ""),
      // C2 Get Event Receiver (04h/01h).
      raw("C2.1 ipmitool raw", I, 0x04, 0x01, "", 0x00, "20 00"),
      raw("C2.2 icmd", I, 0x04, 0x01, "", 0x00, "20 00"),
      raw("C2.3 ipmi-raw", I, 0x04, 0x01, "", 0x00, "20 00"),
      raw("C2.4 DOS", I, 0x04, 0x01, "", 0x00, "20 00"),
      // C3 Platform Event Message (04h/02h), system interface.
      skipped("C3.1 ipmitool raw (7-byte IPMB form)", I, 0x04, 0x02, "04 30 17 75 a0 04 07", 0x00, "", kSkipF4),
      raw("C3.6 icmd (BIOS)", I, 0x04, 0x02, "01 04 0c 00 00 01 00 00", 0x00, ""),
      raw("C3.8 ipmi-raw (BIOS)", I, 0x04, 0x02, "01 04 0c 00 00 01 00 00", 0x00, ""),
      raw("C3.10 DOS (GenID 00h)", I, 0x04, 0x02, "00 04 30 17 75 a0 04 07", 0x00, ""),
      raw("C3.11 DOS (BIOS)", I, 0x04, 0x02, "01 04 0c 00 00 01 00 00", 0x00, ""),
      raw("C3.12 DOS (SMI handler)", I, 0x04, 0x02, "21 04 0c 00 00 01 00 00", 0x00, ""),
      raw("C3.13 DOS (system management software)", I, 0x04, 0x02, "41 04 0c 00 00 01 00 00", 0x00, ""),
      raw("C3.14 DOS (remote console software)", I, 0x04, 0x02, "81 04 0c 00 00 01 00 00", 0x00, ""),
      raw("C3.15 DOS (terminal mode remote console)", I, 0x04, 0x02, "8f 04 0c 00 00 01 00 00", 0x00, ""),
  };
}

Bytes hex_bytes(const std::string& s) {
  auto b = parse_hex(s);
  EXPECT_TRUE(b.has_value()) << "bad hex in the table: '" << s << "'";
  return b.value_or(Bytes{});
}

std::string hex_string(const Bytes& b) { return b.empty() ? std::string("(none)") : to_hex(view(b)); }

std::string cc_hex(std::uint8_t cc) {
  std::ostringstream o;
  o << std::hex << std::setw(2) << std::setfill('0') << int{cc} << 'h';
  return o.str();
}

// The configuration: tests/data/seed-bmc.yaml with the test's admin password.
std::optional<SimConfig> seed_config() {
  SimConfigOptions options;
  options.getenv = [](const std::string& name) -> std::optional<std::string> {
    if (name == kPasswordVar) return kAdminPassword;
    if (name == kNullUserVar) return kNullUserPassword;
    return std::nullopt;
  };
  auto loaded = load_sim_config(std::filesystem::path(IPMICT_TEST_DATA_DIR) / "seed-bmc.yaml", options);
  EXPECT_TRUE(loaded) << (loaded ? "" : loaded.error());
  if (!loaded) return std::nullopt;
  return loaded->config;
}

session::ClientConfig lan15_admin() {
  // ipmitool -I lan / icmd -N / ipmi-raw -h: an IPMI 1.5 session at Administrator.
  session::ClientConfig c;
  c.protocol = session::Protocol::lan15;
  c.username = Bytes{'a', 'd', 'm', 'i', 'n'};
  c.password = Bytes(kAdminPassword.begin(), kAdminPassword.end());
  c.auth_type = AuthType::md5;
  c.privilege = Privilege::administrator;
  c.timeout = session::Millis(1000);
  return c;
}

struct Outcome {
  bool answered = false;
  std::uint8_t cc = 0;
  Bytes data;
  std::string error;
};

Outcome send(Simulator& sim, transport::Transport& inband, const Row& row) {
  session::Request req{row.netfn, row.cmd, hex_bytes(row.request), 0, std::nullopt};
  Outcome out;
  tl::expected<session::Response, transport::TransportError> r = tl::unexpected(transport::TransportError{});
  if (row.via == Via::inband) {
    r = inband.request(req);
  } else {
    auto client = transport::LanClient::connect("127.0.0.1", sim.port(), lan15_admin());
    if (!client) {
      out.error = "LAN session: " + client.error().message;
      return out;
    }
    r = (*client)->request(req);
    (*client)->close();  // one session per invocation, as the seed's tools
  }
  if (!r) {
    out.error = r.error().message;
    return out;
  }
  out.answered = true;
  out.cc = r->completion_code;
  out.data = r->data;
  return out;
}

TEST(SeedExchanges, TableCoversEveryRawExampleWithReasons) {
  const auto rows = seed_rows();
  std::size_t raw_rows = 0;
  std::map<std::string, int> refs;
  for (const auto& r : rows) {
    if (r.kind == Kind::transition) continue;
    ++raw_rows;
    EXPECT_EQ(++refs[r.ref], 1) << "duplicate row " << r.ref;
    const Bytes expected = hex_bytes(r.response);
    std::size_t masked = 0;
    for (const auto& m : r.masks) {
      EXPECT_FALSE(m.field.empty()) << r.ref;
      EXPECT_FALSE(m.reason.empty()) << r.ref << ": mask " << m.field << " has no reason";
      EXPECT_LE(m.offset + m.length, expected.size()) << r.ref << ": mask " << m.field << " past the response";
      masked += m.length;
    }
    // A row must compare something: the completion code always, and some data byte when
    // it has data.
    if (!expected.empty()) {
      EXPECT_LT(masked, expected.size()) << r.ref << ": every byte masked";
    }
    if (!r.skip.empty()) {
      EXPECT_TRUE(r.masks.empty()) << r.ref;
      EXPECT_TRUE(r.skip.find("Part F") != std::string::npos || r.skip.find("interpretations") != std::string::npos)
          << r.ref << ": a skip cites Part F or docs/interpretations.md";
    }
  }
  // seed-catalog Part E: 148 example invocations, 111 of them [RAW] with explicit bytes.
  EXPECT_EQ(raw_rows, 111u);
}

TEST(SeedExchanges, ReplayedInSeedOrderAgainstTheSeedBmc) {
  auto config = seed_config();
  ASSERT_TRUE(config.has_value());
  SimulatorOptions o;
  o.config = std::move(*config);
  o.lan = true;
  auto started = Simulator::start(std::move(o));
  ASSERT_TRUE(started) << started.error();
  Simulator& sim = **started;
  auto inband = sim.system_interface();
  ASSERT_TRUE(inband);

  std::size_t reproduced = 0, masked = 0, transitions = 0;
  std::vector<std::string> skip_lines;
  std::map<std::string, std::size_t> skip_reasons;
  for (const auto& row : seed_rows()) {
    SCOPED_TRACE(row.ref);
    if (row.kind == Kind::transition) {
      const Outcome got = send(sim, *inband, row);
      ASSERT_TRUE(got.answered) << row.ref << ": " << got.error;
      EXPECT_EQ(got.cc, 0x00) << "transition " << row.ref << " failed: the state the seed shows is not reached";
      ++transitions;
      continue;
    }
    if (!row.skip.empty()) {
      std::string note = "not sent";
      if (row.send_when_skipped) {
        const Outcome got = send(sim, *inband, row);
        note = got.answered ? "simulator: " + cc_hex(got.cc) + " " + hex_string(got.data) : "no answer: " + got.error;
      }
      skip_lines.push_back("  skipped " + row.ref + " (seed: " + cc_hex(row.cc) + " " +
                           hex_string(hex_bytes(row.response)) + "; " + note + ")");
      ++skip_reasons[row.skip];
      continue;
    }
    const Outcome got = send(sim, *inband, row);
    ASSERT_TRUE(got.answered) << row.ref << ": " << got.error;
    const Bytes expected = hex_bytes(row.response);
    EXPECT_EQ(cc_hex(got.cc), cc_hex(row.cc)) << row.ref << ": completion code";
    if (got.data.size() != expected.size()) {
      ADD_FAILURE() << row.ref << ": response length " << got.data.size() << ", seed " << expected.size() << "; seed "
                    << hex_string(expected) << ", simulator " << hex_string(got.data);
      continue;  // the later rows still run
    }
    std::vector<bool> compare(expected.size(), true);
    for (const auto& m : row.masks)
      for (std::size_t i = m.offset; i < m.offset + m.length && i < compare.size(); ++i) compare[i] = false;
    for (std::size_t i = 0; i < expected.size(); ++i) {
      if (!compare[i]) continue;
      EXPECT_EQ(cc_hex(got.data[i]), cc_hex(expected[i]))
          << row.ref << ": response data offset " << i << " (seed Byte " << i + 2 << "); seed " << hex_string(expected)
          << ", simulator " << hex_string(got.data);
    }
    if (row.masks.empty()) {
      ++reproduced;
    } else {
      ++masked;
    }
  }

  std::ostringstream summary;
  summary << "seed exchanges: " << reproduced << " reproduced, " << masked << " masked, " << skip_lines.size()
          << " skipped (" << reproduced + masked + skip_lines.size() << " [RAW] rows; " << transitions
          << " state transitions from the seed's CLI examples and A15)\n";
  summary << "masked fields:\n";
  std::map<std::string, std::string> mask_reasons;
  for (const auto& row : seed_rows())
    for (const auto& m : row.masks) mask_reasons[m.field] = m.reason;
  for (const auto& [field, reason] : mask_reasons) summary << "  " << field << ": " << reason << "\n";
  summary << "skip reasons:\n";
  for (const auto& [reason, n] : skip_reasons) summary << "  " << n << " x " << reason << "\n";
  for (const auto& line : skip_lines) summary << line << "\n";
  std::cout << summary.str();
  EXPECT_EQ(reproduced + masked + skip_lines.size(), 111u);
}

}  // namespace
}  // namespace ipmict::sim
