// Requests and answers as results store them.
#include "harness/runner/exchange_record.hpp"

#include <fmt/format.h>

#include "harness/response_output.hpp"

namespace ipmict::runner {

Exchange describe_request(const catalog::CommandDescriptor* cmd, const session::Request& rq, bool secret) {
  Exchange ex;
  ex.command = cmd != nullptr ? cmd->name : fmt::format("NetFn {:02X}h cmd {:02X}h", rq.netfn, rq.cmd);
  ex.redacted = secret;
  if (secret) return ex;  // a request carrying $admin_password: neither bytes nor fields
  ex.request.reserve(rq.data.size() + 2);
  ex.request.push_back(rq.netfn);
  ex.request.push_back(rq.cmd);
  ex.request.insert(ex.request.end(), rq.data.begin(), rq.data.end());
  ex.request_text = fmt::format("{} request: {}\n", ex.command, rq.data.empty() ? std::string("(no data)") : to_hex(view(rq.data)));
  if (cmd != nullptr && !cmd->request.empty()) {
    auto d = catalog::decode_request(*cmd, view(rq.data));
    if (d) {
      ex.request_text += catalog::format_fields(*d, "  ");
    } else {
      ex.request_text += "  (does not fit the request layout: " + ipmict::to_string(d.error()) + ")\n";
    }
  }
  return ex;
}

void describe_answer(Exchange& ex, const catalog::Catalog& catalog, const session::Request& rq,
                     const tl::expected<session::Response, transport::TransportError>& answer) {
  if (answer) {
    ex.answered = true;
    ex.response.push_back(answer->completion_code);
    ex.response.insert(ex.response.end(), answer->data.begin(), answer->data.end());
    ex.response_text = format_response_text(catalog, rq, *answer);
  } else {
    ex.error = answer.error().message;
  }
}

}  // namespace ipmict::runner
