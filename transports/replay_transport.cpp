#include "transports/replay_transport.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>

#include "protocol/catalog/catalog.hpp"
#include "protocol/core/bytes.hpp"

namespace ipmict::transport {

ReplayTransport::ReplayTransport(std::vector<capture::Exchange> exchanges, std::string source)
    : exchanges_(std::move(exchanges)), used_(exchanges_.size(), false), source_(std::move(source)) {}

tl::expected<std::unique_ptr<ReplayTransport>, TransportError> ReplayTransport::from_capture(
    const std::filesystem::path& path, std::optional<capture::Credentials> credentials) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return tl::unexpected(TransportError{TransportError::Kind::io, "cannot open capture " + path.string(), {}});
  }
  const Bytes file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return tl::unexpected(TransportError{TransportError::Kind::io, "cannot read capture " + path.string(), {}});
  const catalog::Catalog catalog = catalog::builtin_catalog();
  auto extracted = capture::extract_exchanges(catalog, view(file), std::move(credentials));
  if (!extracted) {
    return tl::unexpected(TransportError{TransportError::Kind::io,
                                         path.string() + " is not a capture file: " + to_string(extracted.error()), {}});
  }
  return std::make_unique<ReplayTransport>(std::move(extracted->exchanges), path.filename().string());
}

tl::expected<session::Response, TransportError> ReplayTransport::request(const session::Request& request) {
  if (closed_) return tl::unexpected(TransportError{TransportError::Kind::closed, "request on " + describe() + " after close()", {}});
  if (request.bridge) {
    return tl::unexpected(TransportError{TransportError::Kind::bad_request,
                                         "replay cannot answer bridged requests: the capture holds the Send Message, send that "
                                         "instead", {}});
  }
  const auto same_command = [&](const capture::Exchange& e) { return e.netfn == request.netfn && e.cmd == request.cmd; };
  std::optional<std::size_t> pick;
  for (std::size_t i = 0; i < exchanges_.size() && !pick; ++i) {
    const auto& e = exchanges_[i];
    if (!used_[i] && same_command(e) && e.rs_lun == request.lun && e.request_data == request.data) pick = i;
  }
  for (std::size_t i = 0; i < exchanges_.size() && !pick; ++i) {
    if (!used_[i] && same_command(exchanges_[i])) pick = i;
  }
  if (!pick) {
    return tl::unexpected(TransportError{TransportError::Kind::unreachable,
                                         "no recorded answer for netFn " + to_hex(request.netfn) + "h cmd " + to_hex(request.cmd) +
                                             "h (" + std::to_string(request.data.size()) + " data bytes) in " + source_ +
                                             " (or every recorded one was used)",
                                         {}});
  }
  used_[*pick] = true;
  const capture::Exchange& e = exchanges_[*pick];
  return session::Response{e.response_netfn, e.cmd, e.completion_code, e.response_data};
}

void ReplayTransport::close() { closed_ = true; }

std::string ReplayTransport::describe() const {
  return "replay://" + source_ + " (" + std::to_string(exchanges_.size()) + " recorded exchanges)";
}

std::size_t ReplayTransport::unused() const {
  return static_cast<std::size_t>(std::count(used_.begin(), used_.end(), false));
}

}  // namespace ipmict::transport
