// Datagram -> ServerSessions -> Bmc -> datagrams, with no I/O (see lan_channel.hpp).
#include "sim/lan_channel.hpp"

#include <utility>

namespace ipmict::sim {

LanChannel::LanChannel(Bmc& bmc, session::ServerConfig config, OnHandled on_handled)
    : bmc_(bmc),
      sessions_(std::make_unique<session::ServerSessions>(std::move(config), bmc)),
      on_handled_(std::move(on_handled)) {
  const session::ServerSessions* table = sessions_.get();
  bmc_.set_session_table([table] { return table->sessions(); });
}

LanChannel::~LanChannel() {
  // The Bmc outlives us: it must not call into the destroyed session table.
  bmc_.set_session_table([] { return std::vector<session::SessionInfo>{}; });
}

LanChannel::Result LanChannel::handle(const session::Peer& peer, ByteView datagram, session::TimePoint now) {
  auto received = sessions_->receive(peer, datagram, now);
  Result out{std::move(received.replies), std::move(received.notes), false};
  if (received.request) {
    const Context context{Context::Interface::lan, received.request->context};
    const session::Response response = bmc_.handle(context, received.request->request, now);
    out.handled = true;
    Bytes framed = sessions_->respond(*received.request, response, now);
    if (!framed.empty()) out.replies.push_back(std::move(framed));
    if (on_handled_) on_handled_(context, received.request->request, response);
  }
  return out;
}

void LanChannel::tick(session::TimePoint now) { sessions_->tick(now); }

}  // namespace ipmict::sim
