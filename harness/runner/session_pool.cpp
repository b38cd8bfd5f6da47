// One session per privilege level per target, reopened when lost.
#include "harness/runner/session_pool.hpp"

#include <utility>

#include "sim/simulator.hpp"
#include "transports/lan_client.hpp"

namespace ipmict::runner {

std::string describe_privilege(Privilege p) {
  const auto name = privilege_name(static_cast<std::uint8_t>(p));
  return name ? std::string(*name) : std::string("privilege ") + std::to_string(static_cast<unsigned>(p));
}

SessionPool::SessionPool(Opener opener) : opener_(std::move(opener)) {}

SessionPool::~SessionPool() { close_all(); }

tl::expected<transport::Transport*, transport::TransportError> SessionPool::get(Privilege privilege) {
  auto it = sessions_.find(privilege);
  if (it != sessions_.end()) return it->second.get();
  auto opened = opener_(privilege);
  if (!opened) return tl::unexpected(opened.error());
  ++opened_;
  auto* raw = opened->get();
  sessions_.emplace(privilege, std::move(*opened));
  return raw;
}

tl::expected<session::Response, transport::TransportError> SessionPool::request(Privilege privilege,
                                                                               const session::Request& request) {
  for (int attempt = 0;; ++attempt) {
    auto t = get(privilege);
    if (!t) return tl::unexpected(t.error());
    auto r = (*t)->request(request);
    if (r) return r;
    // A dropped session (closed by the BMC, idle timeout, a restart) is the pool's business,
    // not the case's: reopen once. Timeouts are left alone: a case may expect no answer.
    if (r.error().kind != transport::TransportError::Kind::closed || attempt > 0) return r;
    drop(privilege);
  }
}

void SessionPool::drop(Privilege privilege) {
  auto it = sessions_.find(privilege);
  if (it == sessions_.end()) return;
  it->second->close();
  sessions_.erase(it);
}

void SessionPool::close_all() {
  for (auto& [p, t] : sessions_) t->close();
  sessions_.clear();
}

SessionPool::Opener lan_opener(LanEndpoint endpoint) {
  return [endpoint = std::move(endpoint)](Privilege privilege)
             -> tl::expected<std::unique_ptr<transport::Transport>, transport::TransportError> {
    session::ClientConfig config = endpoint.config;  // a copy: the endpoint keeps its password
    config.privilege = privilege;
    auto client = transport::LanClient::connect(endpoint.host, endpoint.port, std::move(config), endpoint.tap);
    if (!client) return tl::unexpected(client.error());
    return std::unique_ptr<transport::Transport>(std::move(*client));
  };
}

SessionPool::Opener in_memory_opener(sim::Simulator& simulator) {
  return [&simulator](Privilege privilege) -> tl::expected<std::unique_ptr<transport::Transport>, transport::TransportError> {
    return simulator.lan_context(privilege);
  };
}

}  // namespace ipmict::runner
