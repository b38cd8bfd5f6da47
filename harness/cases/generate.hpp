#pragma once
// Negative cases generated from a file's valid_request and the catalog (docs/case-format.md
// "Generated negative cases"):
//   <prefix>.<command id>.negative.short              one byte short      -> C7h
//   <prefix>.<command id>.negative.long               one byte long       -> C7h
//   <prefix>.<command id>.negative.reserved.<f>.bit<N> a reserved bit set  -> CCh
// <prefix> is the common part of the file's case ids before ".<command id>." (all cases must
// agree), else the netFn area: chassis, bridge, se, app, firmware, storage, transport, oem.
// N counts from bit 0 of the reserved field's lowest byte (for a field within one byte: the
// bit of that byte, as the spec tables write it).
//
// Lengths are relative to the exact valid request: no "short" case when the valid request is
// empty, no "long" case when the layout has an unbounded tail, and none at all for a length
// that is itself a valid request of the command (an optional group or another layout).
// Reserved bits come from the layout the valid request decodes to, and only those inside the
// bytes the valid request has.
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "harness/cases/case_model.hpp"
#include "protocol/catalog/catalog.hpp"

namespace ipmict::cases {

// A loaded Value as an encoder input (numbers, text, bytes). Variables ("$x") are text: resolve
// them before encoding.
catalog::FieldInput to_field_input(const Value& v);

// The request data (no netFn/cmd) of a send or raw step without variables; for raw steps the
// bytes after NETFN CMD.
tl::expected<Bytes, std::string> request_data(const Step& step, const catalog::Catalog& catalog);

// The netFn area name of a request netFn ("app" for 06h).
std::string netfn_area(std::uint8_t netfn);

// The id prefix of a file's generated cases (see above).
std::string generated_id_prefix(const CaseFile& file, const catalog::CommandDescriptor& cmd);

// The negative cases of one file (empty without a valid_request or with generation off).
std::vector<Case> generate_negative_cases(const CaseFile& file, const catalog::Catalog& catalog);

}  // namespace ipmict::cases
