#pragma once
// The declarative command catalog (DESIGN.md §5): one description per IPMI command drives
// request encoding, request/response decoding, printing, YAML `fields:` matching and
// negative-case generation. See docs/catalog.md for the model.
//
// Bit numbering: a field sits at `byte_offset` (0 = first data byte after netFn/cmd for a
// request, first byte AFTER the completion code for a response) and occupies `bit_width`
// bits starting at `bit_offset` (low bit first; 0 = least significant bit of that byte).
// Integers wider than one byte are read as an LE (or BE, when `endian == big`) integer of
// ceil((bit_offset + bit_width) / 8) bytes, then shifted and masked.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <tl/expected.hpp>

#include "protocol/core/bytes.hpp"
#include "protocol/core/decode_error.hpp"
#include "protocol/core/privilege.hpp"

namespace ipmict::catalog {

inline constexpr std::size_t unbounded = std::numeric_limits<std::size_t>::max();

enum class FieldKind : std::uint8_t {
  uint,   // unsigned integer of 1..64 bits (bit field or multi-byte integer)
  bytes,  // fixed-length byte array (GUID, MAC, key)
  ascii,  // fixed-length, NUL-padded text (user name, password)
  rest,   // variable tail: everything from byte_offset to the end (min_length..max_length)
};

enum class Endian : std::uint8_t { little, big };

// How a value is shown (the decoded number/bytes are the same either way).
enum class Display : std::uint8_t { hex, decimal, ipv4, mac, guid, text };

struct EnumValue {
  std::uint64_t value = 0;
  std::string name;
};

struct Field {
  std::string name;              // snake_case, spec wording; reserved bits are "reservedN"
  FieldKind kind = FieldKind::uint;
  std::size_t byte_offset = 0;   // within the layout's data
  std::uint8_t bit_offset = 0;   // uint only: lowest bit, 0..7
  std::uint8_t bit_width = 8;    // uint only: 1..64
  Endian endian = Endian::little;
  std::size_t length = 0;        // bytes/ascii: exact length; rest: minimum length
  std::size_t max_length = unbounded;  // rest only
  bool reserved = false;         // must be zero; non-zero is reported as a finding
  unsigned group = 0;            // 0 = required; N > 0 = optional trailing group N
  Display display = Display::hex;
  std::vector<EnumValue> values; // value names (uint only)
  std::string length_of;         // uint only: this field counts the bytes of that rest field
  std::string description;

  std::size_t byte_length() const;  // bytes the field spans (rest: its minimum)
};

// Selects a layout by the value of some bits of the data ("discriminator").
struct LayoutWhen {
  std::size_t byte_offset = 0;
  std::uint8_t bit_offset = 0;
  std::uint8_t bit_width = 8;
  std::uint64_t min_value = 0;  // inclusive range; min == max for a single value
  std::uint64_t max_value = 0;
  // Decisive: when the bits match, this layout is used even if the length is wrong (the
  // error then names the missing field). Not decisive: only a hint, used when the length
  // also fits (e.g. a full SEL record vs. a partial read).
  bool decisive = true;
};

struct Layout {
  std::string name;                 // "default", "ipmb", "system_interface", "password_20" ...
  std::vector<Field> fields;        // sorted by byte/bit offset
  std::optional<LayoutWhen> when;   // none: chosen by length among the un-discriminated layouts
  std::string description;

  std::size_t min_length() const;   // required fields only
  std::size_t max_length() const;   // all groups; `unbounded` when a rest field has no max
  const Field* field(std::string_view name) const;
};

enum class PrivilegeKind : std::uint8_t { level, local, any, session_less };

// The "privilege" column of IPMI 2.0 Appendix G: a level, or Local (system interface
// only), Any, or session-less.
struct RequiredPrivilege {
  PrivilegeKind kind = PrivilegeKind::any;
  Privilege level = Privilege::unspecified;
  friend bool operator==(const RequiredPrivilege&, const RequiredPrivilege&) = default;
};
std::string to_string(RequiredPrivilege p);  // "Administrator", "local", "any", "session-less"
std::optional<RequiredPrivilege> parse_required_privilege(std::string_view text);

struct CompletionCode {
  std::uint8_t code = 0;
  std::string name;
};

struct CommandDescriptor {
  std::uint8_t netfn = 0;  // request netFn (even)
  std::uint8_t cmd = 0;
  std::string name;        // the spec's name: "Get Channel Authentication Capabilities"
  std::string id;          // stable kebab id: "get-channel-auth-caps"
  RequiredPrivilege privilege;
  bool mandatory = false;  // M/O
  std::string support_note;  // e.g. "M for event generators, O for event receivers"
  std::string spec_ref;      // "IPMI 2.0 §22.13, Table 22-15"
  // Alternative layouts. Empty = no data bytes at all.
  std::vector<Layout> request;
  std::vector<Layout> response;
  std::vector<CompletionCode> completion_codes;  // command-specific only
  std::string source;  // "builtin" or "file.yaml:12:3" for OEM commands
};

// Checks a descriptor's internal consistency (bit ranges, overlaps, rest placement, enum
// widths, groups). `where` names the offending element ("request layout 'default' field
// 'channel_number'"), `side`/`layout_index`/`field_index` locate it for file loaders.
struct DescriptorIssue {
  std::string message;
  enum class Side : std::uint8_t { command, request, response } side = Side::command;
  std::size_t layout_index = 0;
  std::optional<std::size_t> field_index;
};
std::optional<DescriptorIssue> validate(const CommandDescriptor& cmd);

class Catalog {
 public:
  // Validates and adds; a duplicate netFn/cmd, name or id is an error. Pointers returned by
  // find() stay valid until the next add().
  tl::expected<void, std::string> add(CommandDescriptor cmd);

  // netfn may be the response netFn (odd): it is treated as netfn & ~1.
  const CommandDescriptor* find(std::uint8_t netfn, std::uint8_t cmd) const;
  // By id ("get-device-id") or by name, case-insensitive ("Get Device ID").
  const CommandDescriptor* find(std::string_view name_or_id) const;
  std::span<const CommandDescriptor> all() const { return commands_; }
  std::size_t size() const { return commands_.size(); }

 private:
  std::vector<CommandDescriptor> commands_;
};

// A fresh catalog with every built-in command (no global state).
Catalog builtin_catalog();

// One immutable built-in catalog, built on first use (thread-safe) and never changed: for
// code that only reads it and is created often (every session state machine, every
// simulated BMC), where building a fresh one was most of the cost of a short session.
const Catalog& shared_builtin_catalog();

// ---- decoding ---------------------------------------------------------------------------

struct FieldValue {
  std::string name;
  std::optional<std::uint64_t> number;  // uint fields
  Bytes bytes;                          // bytes/ascii/rest fields (and raw bytes of uints)
  std::string text;                     // ascii (up to the first NUL), ipv4/mac/guid rendering
  std::string label;                    // enum value name, if any
  bool reserved = false;
  std::size_t byte_offset = 0;
  std::uint8_t bit_offset = 0;
  std::uint8_t bit_width = 0;           // uint only
  FieldKind kind = FieldKind::uint;
  Display display = Display::hex;
};

struct DecodedFields {
  std::vector<FieldValue> fields;
  std::vector<std::string> findings;  // "reserved bits set in reserved1 (byte 0 bits 7:4 = 0x3)"
  std::string layout_name;
  std::optional<std::uint8_t> completion_code;  // responses only
  std::string completion_code_label;            // its name (command-specific or generic)
  bool error_reply = false;  // non-zero completion code: judged on the code alone

  const FieldValue* find(std::string_view name) const;
  // The number of a uint field; nullopt when absent.
  std::optional<std::uint64_t> number(std::string_view name) const;
};

// `data` is the request data (no netFn/cmd). Errors name the field (DecodeError::field
// points into the descriptor, which must outlive the error).
Decoded<DecodedFields> decode_request(const CommandDescriptor& cmd, ByteView data);
// `data` is everything AFTER the completion code. A non-zero code with no data is a valid,
// "sufficient" reply; data after a non-zero code is kept as `data` with a finding.
Decoded<DecodedFields> decode_response(const CommandDescriptor& cmd, std::uint8_t completion_code,
                                       ByteView data);

// ---- encoding ---------------------------------------------------------------------------

// A value for one field: a number, raw bytes, or text (an enum label or a number for uint
// fields; the characters for ascii/bytes/rest fields).
struct FieldInput {
  std::variant<std::uint64_t, Bytes, std::string> value;

  FieldInput() : value(std::uint64_t{0}) {}
  template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  FieldInput(T v) : value(static_cast<std::uint64_t>(v)) {}  // NOLINT(google-explicit-constructor)
  FieldInput(bool v) : value(std::uint64_t{v ? 1u : 0u}) {}  // NOLINT
  FieldInput(Bytes v) : value(std::move(v)) {}               // NOLINT
  FieldInput(std::string v) : value(std::move(v)) {}         // NOLINT
  FieldInput(const char* v) : value(std::string(v)) {}       // NOLINT
};

using FieldValues = std::vector<std::pair<std::string, FieldInput>>;

// Encodes request data. Unset fields are zero; an optional group is emitted when one of its
// fields (or of a later group) is given; the layout is `layout` if named, else chosen by
// the discriminator value given, else the first layout that has every named field.
// Errors name the field: "get-user-access: unknown request field 'chanel' (known: ...)".
tl::expected<Bytes, std::string> encode_request(const CommandDescriptor& cmd, const FieldValues& values,
                                                std::string_view layout = {});
// Encodes response data (the bytes after the completion code).
tl::expected<Bytes, std::string> encode_response(const CommandDescriptor& cmd, const FieldValues& values,
                                                 std::string_view layout = {});

// ---- printing ---------------------------------------------------------------------------

// One line per field: "channel_number: 0x01 (label)", "user_name: 74 65 ... \"test\"".
// with_completion_code = false leaves out the "completion_code:" line, for callers that
// already show the code in a heading.
std::string format_fields(const DecodedFields& decoded, std::string_view indent = "  ",
                          bool with_completion_code = true);

// ---- completion codes -------------------------------------------------------------------

// Command-specific name first, then generic, else "unknown (0xNN)". The view points into the
// descriptor or into immutable static storage.
std::string_view completion_code_name(const CommandDescriptor* cmd, std::uint8_t cc);

// ---- negative-case support --------------------------------------------------------------

struct LengthRange {
  std::string layout;
  std::size_t min = 0;        // shortest valid request (required fields only)
  std::size_t max = 0;        // longest (all groups); `unbounded` for an unbounded tail
  std::vector<std::size_t> valid;  // every valid length when max is bounded (min, group ends)
};
std::vector<LengthRange> request_lengths(const CommandDescriptor& cmd);
std::vector<LengthRange> response_lengths(const CommandDescriptor& cmd);

struct ReservedBit {
  std::string layout;
  std::string field;
  std::size_t byte = 0;      // byte offset in the request data
  std::uint8_t bit = 0;      // 0 = least significant
  unsigned group = 0;        // the field's optional group (the request must include it)
};
std::vector<ReservedBit> reserved_request_bits(const CommandDescriptor& cmd);

}  // namespace ipmict::catalog
