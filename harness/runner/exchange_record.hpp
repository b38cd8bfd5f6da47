#pragma once
// One request and its answer as results store it (reports::Exchange): the request bytes
// and fields decoded by the catalog, the completion code and response fields, or the
// transport's error. Shared by the executor's send/raw steps and the security probes.
#include <string>

#include <tl/expected.hpp>

#include "harness/runner/report_model.hpp"
#include "protocol/catalog/catalog.hpp"
#include "protocol/session/request.hpp"
#include "transports/transport.hpp"

namespace ipmict::runner {

// The request half. `cmd` may be null (a raw request the catalog does not know); `secret`
// leaves the bytes and fields out (the request carried $admin_password).
Exchange describe_request(const catalog::CommandDescriptor* cmd, const session::Request& rq, bool secret);

// The answer half: the response (bytes, decoded text) or the error's one line.
void describe_answer(Exchange& ex, const catalog::Catalog& catalog, const session::Request& rq,
                     const tl::expected<session::Response, transport::TransportError>& answer);

}  // namespace ipmict::runner
