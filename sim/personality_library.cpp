// The built-in personality library: sim/personalities/*.yaml embedded as text, so the
// binary needs no files next to it. Hand-maintained mirror of those files, kept exact by
// tests/sim/personality_library_test.cpp (it compares each entry with its file byte for
// byte and fails with what to do). Regenerate after editing a YAML file with the snippet
// in docs/simulator.md ("How the library is embedded").
#include <array>

#include "sim/personality_yaml.hpp"

namespace ipmict::sim {

namespace {

constexpr std::array kLibrary{
    BuiltinPersonality{"anonymous-login", R"yaml(# User 1, the null user (no name), is enabled with an empty password and an Administrator
# limit: anyone logs in without a name or a password.
name: anonymous-login
breaks: "IPMI 2.0 §6.9.1 and §22.28: the null user is a configuration option; enabled with a null password it is anonymous Administrator access (the security profile's check)"
accounts:
  - {id: 1, password: "", privilege: admin}
)yaml"},
    BuiltinPersonality{"bad-checksum", R"yaml(# Checksum 2 (the last byte of every IPMI response message) off by one. The checksum is
# patched after framing: where the message is authenticated, its AuthCode / integrity
# check fails too; encrypted payloads are left unchanged (their plain text is not seen).
name: bad-checksum
breaks: "IPMI 2.0 §13.8 (IPMB v1.0 §2.2): checksum 2 is the two's complement of the sum of rqAddr through the last data byte, so that the whole message sums to zero"
datagram:
  bad_checksum: true
)yaml"},
    BuiltinPersonality{"cipher-suite-0-accepted", R"yaml(# Sessions with cipher suite 0 (no authentication, integrity or confidentiality) are opened
# even though the configuration does not offer suite 0 (the "cipher zero" bypass).
name: cipher-suite-0-accepted
breaks: "IPMI 2.0 §13.17 and §22.15: Open Session must be refused (status 11h-13h) for algorithms the channel does not offer; suite 0 lets anyone who knows a user name in without a password (CVE-2013-4782 class)"
session:
  accept_cipher_suite_0: true
)yaml"},
    BuiltinPersonality{"closed-session-id-reusable", R"yaml(# Close Session answers 00h but the session stays open: its ID and keys keep working (the
# most recently closed session only, so that the table does not fill up).
name: closed-session-id-reusable
breaks: "IPMI 2.0 §22.19: Close Session terminates the session; later packets with its ID are not accepted (a stale session ID must not stay usable, CVE-2021-39295 class)"
session:
  keep_closed_sessions: true
)yaml"},
    BuiltinPersonality{"commands-above-privilege", R"yaml(# Every command is answered whatever the session's privilege: a User session runs
# Administrator commands.
name: commands-above-privilege
breaks: "IPMI 2.0 §6.8 and Appendix G: a command needing a higher privilege than the session's is refused with D4h (insufficient privilege)"
model:
  ignore_command_privilege: true
)yaml"},
    BuiltinPersonality{"default-credentials", R"yaml(# An extra Administrator account with the Supermicro factory default ADMIN / ADMIN.
name: default-credentials
breaks: "IPMI 2.0 §13.31 and §22.30: the user's password is the only secret RAKP has; a factory default shared by every unit (ADMIN/ADMIN on Supermicro BMCs) is no secret (the security profile's check; California SB-327 and ETSI EN 303 645 provision 5.1 ban universal default passwords)"
accounts:
  - {id: 3, name: ADMIN, password: ADMIN, privilege: admin}
)yaml"},
    BuiltinPersonality{"drop-every-3rd", R"yaml(# Every third reply datagram is lost.
name: drop-every-3rd
breaks: "IPMI 2.0 §5.1 and §6.12.14: every request gets a response; here every third datagram the BMC should send is dropped, as by an overloaded BMC, so that cases prove their retries and timeouts"
datagram:
  drop_every: 3
)yaml"},
    BuiltinPersonality{"extra-response-byte", R"yaml(# Get Self Test Results answered with one byte too many.
name: extra-response-byte
breaks: "IPMI 2.0 §20.4 Table 20-5: the Get Self Test Results response is exactly completion code + 2 bytes; trailing bytes are not allowed"
commands:
  - {netfn: 0x06, cmd: 0x04, extra_byte: true}
)yaml"},
    BuiltinPersonality{"hang-on-truncated-header", R"yaml(# After one IPMI datagram that ends inside its session header (an RMCP+ or IPMI 1.5 header
# cut before the length field), the BMC answers nothing ever again.
name: hang-on-truncated-header
breaks: "IPMI 2.0 §13.6 and §13.1.3: a truncated packet is malformed and silently discarded; OpenBMC netipmid fixed the same class in 'Enforce correct packet lengths' (CVE-2021-39295)"
datagram:
  hang_on_truncated_header: true
)yaml"},
    BuiltinPersonality{"hang-on-zero-length-payload", R"yaml(# After one RMCP+ packet whose payload length is 0, the BMC answers nothing ever again
# (for the fuzzer's liveness oracle).
name: hang-on-zero-length-payload
breaks: "IPMI 2.0 §13.6: a packet with a zero-length or malformed payload is discarded and the BMC keeps serving; OpenBMC netipmid crashed on payloadLen=0 (CVE-2021-39295 'packet of death')"
datagram:
  hang_on_zero_length_rmcpplus: true
)yaml"},
    BuiltinPersonality{"integrity-pad-always-4", R"yaml(# An integrity pad of 4 bytes even when the header and payload are already 4-byte aligned.
name: integrity-pad-always-4
breaks: "IPMI 2.0 §13.6 Table 13-8: the integrity pad makes the packet a multiple of 4 bytes, so it is 0 bytes when already aligned (the reading most BMCs and clients take; docs/interpretations.md)"
session:
  integrity_pad_always_4: true
)yaml"},
    BuiltinPersonality{"ipmi15-auth-none-enabled", R"yaml(# IPMI 1.5 authentication type "none" is enabled at every privilege level: anyone who
# knows a user name activates a session without the password.
name: ipmi15-auth-none-enabled
breaks: "IPMI 2.0 §22.13 and §6.12.2: auth type none leaves the session unauthenticated; a BMC must not enable it on a LAN channel by default (the security profile's check)"
lan:
  enable_auth_types: [none]
)yaml"},
    BuiltinPersonality{"ipmi15-straight-password-enabled", R"yaml(# IPMI 1.5 authentication type "straight password" is enabled at every privilege level:
# the password travels in clear text in every activation and in every packet's AuthCode.
name: ipmi15-straight-password-enabled
breaks: "IPMI 2.0 §6.12.2 and §22.17: straight password authentication sends the password in clear; a BMC must not enable it on a LAN channel by default (the security profile's check)"
lan:
  enable_auth_types: [password]
)yaml"},
    BuiltinPersonality{"missing-response-byte", R"yaml(# Get Device ID answered one byte short (14 data bytes: neither the 11-byte nor the 15-byte form).
name: missing-response-byte
breaks: "IPMI 2.0 §20.1 Table 20-2: the Get Device ID response is 11 bytes, or 15 with the auxiliary firmware revision; a response with completion code 00h must carry every field"
commands:
  - {netfn: 0x06, cmd: 0x01, drop_last_byte: true}
)yaml"},
    BuiltinPersonality{"null-user-any-password", R"yaml(# The null user (user 1, empty name) authenticates with any password. Observable only with
# a configuration that enables user 1.
name: null-user-any-password
breaks: "IPMI 2.0 §13.31 and §6.9.1: RAKP 2/3 and the IPMI 1.5 AuthCode are keyed by the user's own password; the null user is no exception"
session:
  null_user_any_password: true
)yaml"},
    BuiltinPersonality{"privilege-above-limit", R"yaml(# Set Session Privilege Level grants any level up to Administrator, above the user's and
# the channel's limit and above the RAKP 1 role.
name: privilege-above-limit
breaks: "IPMI 2.0 §22.18: a requested level above the channel or user privilege limit is refused with 81h (80h above the session's maximum); granting it is a privilege escalation"
session:
  privilege_above_limit: true
)yaml"},
    BuiltinPersonality{"rakp2-wrong-privilege", R"yaml(# RAKP 2's key exchange authentication code computed over the privilege nibble only,
# instead of the whole role byte of RAKP 1 (name-only lookup bit included).
name: rakp2-wrong-privilege
breaks: "IPMI 2.0 §13.31 (RAKP Message 2): the HMAC covers RoleM, the full requested maximum privilege byte of RAKP 1, including the name-only lookup bit 4"
session:
  rakp2_hmac_wrong_privilege: true
)yaml"},
    BuiltinPersonality{"replay-window-ignored", R"yaml(# Any inbound session sequence number is accepted, duplicates included.
name: replay-window-ignored
breaks: "IPMI 2.0 §6.12.13 and §13.28.1: a packet whose sequence number is outside the window or already seen must be dropped (replay protection)"
session:
  ignore_replay_window: true
)yaml"},
    BuiltinPersonality{"reserved-bits-set", R"yaml(# Every reserved bit of the Get Device ID response set to 1.
name: reserved-bits-set
breaks: "IPMI 2.0 §1.7 (reserved fields) and §20.1 Table 20-2: reserved bits (device revision bits 6:4) must be returned as 0"
commands:
  - {netfn: 0x06, cmd: 0x01, set_reserved_bits: true}
)yaml"},
    BuiltinPersonality{"sequence-byte-swapped", R"yaml(# Outbound session sequence numbers written most significant byte first.
name: sequence-byte-swapped
breaks: "IPMI 2.0 §13.6 Tables 13-8 and 13-9 (and §1.7): multi-byte fields, the session sequence number among them, are least significant byte first"
session:
  outbound_sequence_byte_swapped: true
)yaml"},
    BuiltinPersonality{"sequence-off-by-one", R"yaml(# The BMC skips one outbound session sequence number after each reply.
name: sequence-off-by-one
breaks: "IPMI 2.0 §6.12.13 and §13.28.1: the outbound session sequence number increments by exactly one for each packet the BMC sends in the session"
session:
  outbound_sequence_off_by_one: true
)yaml"},
    BuiltinPersonality{"sequential-session-ids", R"yaml(# Session IDs come from a counter (100h, 101h, 102h ...): the next session's ID is known
# before it is opened.
name: sequential-session-ids
breaks: "IPMI 2.0 §13.17 and §6.12.7: the managed system session ID should not be predictable (ipmi_sim hands out small sequential IDs too, docs/interpretations.md S-SESSION-IDS)"
session:
  sequential_session_ids: true
)yaml"},
    BuiltinPersonality{"session-ids-reused", R"yaml(# The BMC hands out the same session ID for every session.
name: session-ids-reused
breaks: "IPMI 2.0 §13.17 and §6.12.7: the managed system session ID identifies one session among the active ones and should not be predictable; a stale ID must not name a new session (CVE-2021-39295 class)"
session:
  reuse_session_ids: true
)yaml"},
    BuiltinPersonality{"session-table-exhaustion-without-recovery", R"yaml(# Sessions that never finish RAKP keep their slot for ever: no idle timeout, never given to
# a new session. A flood of Open Session requests locks every console out until a restart.
name: session-table-exhaustion-without-recovery
breaks: "IPMI 2.0 §6.12.15 and §13.17: sessions time out when idle and free their slot; a BMC whose table fills up with half-open sessions until reboot is a known real-world failure (DESIGN.md §12)"
session:
  hold_half_open_sessions: true
)yaml"},
    BuiltinPersonality{"slow-responses", R"yaml(# Every reply is sent 1500 ms late: longer than the one-second per-try timeout of ipmitool,
# FreeIPMI and ipmict, so clients retry and may see duplicate answers.
name: slow-responses
breaks: "IPMI 2.0 §6.12.14 (retries and timeouts): a BMC answers within the client's retry interval (1 s by ipmitool's and ipmict's defaults); later answers look lost"
datagram:
  delay_ms: 1500
)yaml"},
    BuiltinPersonality{"stop-on-oversized-length", R"yaml(# After one datagram whose IPMI 1.5 message length or RMCP+ payload length points past the
# end of the datagram, the BMC answers nothing ever again (for the fuzzer's liveness oracle).
name: stop-on-oversized-length
breaks: "IPMI 2.0 §13.6 and §13.1.3: a length field larger than the datagram makes the packet malformed; it is discarded without affecting other traffic (ipmitool CVE-2020-5208 is the client-side twin)"
datagram:
  stop_on_oversized_length: true
)yaml"},
    BuiltinPersonality{"usable-after-rakp1", R"yaml(# In-session requests are answered after Open Session and RAKP 1, before RAKP 3 proved the password.
name: usable-after-rakp1
breaks: "IPMI 2.0 §13.15 and §13.31: a session becomes active only after RAKP 3 is verified and RAKP 4 sent (CVE-2021-39296)"
session:
  usable_after_rakp1: true
)yaml"},
    BuiltinPersonality{"user1-enabled", R"yaml(# User 1, the null user (no name), is enabled with a password: it accepts logins with an
# empty user name and RAKP 2 hands its password HMAC to anyone who asks.
name: user1-enabled
breaks: "IPMI 2.0 §6.9.1 and §22.28: the null user should stay disabled unless needed; enabled, any console can try its password without knowing a name (the security profile's check)"
accounts:
  - {id: 1, password: "null-user-pw", privilege: admin}
)yaml"},
    BuiltinPersonality{"wrong-completion-code", R"yaml(# Get Device ID answered with C1h (invalid command).
name: wrong-completion-code
breaks: "IPMI 2.0 §20.1 and Appendix G: Get Device ID is mandatory for every BMC and must complete with 00h; C1h claims the command is not implemented"
commands:
  - {netfn: 0x06, cmd: 0x01, completion_code: 0xc1}
)yaml"},
};

}  // namespace

std::span<const BuiltinPersonality> builtin_personalities() { return kLibrary; }

}  // namespace ipmict::sim
