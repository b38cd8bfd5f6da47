// Bmc + LanServer + persistence.
#include "sim/simulator.hpp"

#include <mutex>
#include <system_error>

#include "sim/in_memory_transport.hpp"
#include "sim/lan_server.hpp"

namespace ipmict::sim {

bool changes_persistent_state(const session::Request& r) {
  struct Command {
    std::uint8_t netfn, cmd;
  };
  // IPMI 2.0 command numbers (Appendix G) of the state Bmc::save keeps.
  static constexpr Command kCommands[] = {
      {0x00, 0x06},  // Set Power Restore Policy
      {0x00, 0x08},  // Set System Boot Options
      {0x04, 0x00},  // Set Event Receiver
      {0x06, 0x2e},  // Set BMC Global Enables
      {0x06, 0x40},  // Set Channel Access
      {0x06, 0x43},  // Set User Access
      {0x06, 0x45},  // Set User Name
      {0x06, 0x47},  // Set User Password
      {0x06, 0x58},  // Set System Info Parameters
      {0x0a, 0x12},  // Write FRU Data
      {0x0a, 0x24},  // Add SDR
      {0x0a, 0x25},  // Partial Add SDR
      {0x0a, 0x26},  // Delete SDR
      {0x0a, 0x27},  // Clear SDR Repository
      {0x0a, 0x44},  // Add SEL Entry
      {0x0a, 0x45},  // Partial Add SEL Entry
      {0x0a, 0x46},  // Delete SEL Entry
      {0x0a, 0x47},  // Clear SEL
      {0x0c, 0x01},  // Set LAN Configuration Parameters
  };
  if (r.bridge) return false;  // answered by another controller
  for (const auto& c : kCommands) {
    if (c.netfn == r.netfn && c.cmd == r.cmd) return true;
  }
  return false;
}

struct Simulator::Impl {
  std::function<void(const std::string&)> log;
  std::optional<std::filesystem::path> state_dir;
  std::mutex mutex;  // serialises the Bmc (LAN thread, in-memory transports)
  std::unique_ptr<Bmc> bmc;
  std::unique_ptr<LanServer> lan;
  bool stopped = false;
  std::mutex stop_mutex;

  void note(const std::string& line) {
    if (log) log(line);
  }

  // With `mutex` held.
  tl::expected<void, std::string> save_locked() {
    if (!state_dir) return {};
    auto r = bmc->save(*state_dir);
    if (!r) return tl::unexpected("cannot save the simulator state to " + state_dir->string() + ": " + r.error());
    return {};
  }

  void after_request(const Context&, const session::Request& request, const session::Response& response) {
    if (!state_dir || response.completion_code != 0x00 || !changes_persistent_state(request)) return;
    auto r = save_locked();
    if (!r) note(r.error());
  }
};

Simulator::Simulator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

tl::expected<std::unique_ptr<Simulator>, std::string> Simulator::start(SimulatorOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->log = options.log;
  if (options.state_dir) {
    if (!options.state_dir->empty()) impl->state_dir = *options.state_dir;
  } else if (!options.config.state_dir.empty()) {
    impl->state_dir = std::filesystem::path(options.config.state_dir);
  }
  impl->bmc = std::make_unique<Bmc>(std::move(options.config));
  if (impl->state_dir) {
    std::error_code ec;
    std::filesystem::create_directories(*impl->state_dir, ec);
    if (ec) return tl::unexpected("cannot create the state directory " + impl->state_dir->string() + ": " + ec.message());
    auto loaded = impl->bmc->load(*impl->state_dir);
    if (!loaded) return tl::unexpected("cannot load the simulator state from " + impl->state_dir->string() + ": " + loaded.error());
  }
  if (options.lan) {
    LanServerOptions lan;
    lan.address = options.listen_address;
    lan.port = options.port;
    lan.bmc_mutex = &impl->mutex;
    Impl* self = impl.get();
    lan.on_handled = [self](const Context& c, const session::Request& rq, const session::Response& rs) {
      self->after_request(c, rq, rs);
    };
    if (options.log) lan.log = options.log;
    auto server = LanServer::start(*impl->bmc, std::move(lan));
    if (!server) return tl::unexpected(server.error());
    impl->lan = std::move(*server);
  }
  return std::unique_ptr<Simulator>(new Simulator(std::move(impl)));
}

Simulator::~Simulator() {
  auto r = stop();
  if (!r) impl_->note(r.error());
}

tl::expected<void, std::string> Simulator::stop() {
  std::lock_guard<std::mutex> once(impl_->stop_mutex);
  if (impl_->stopped) return {};
  impl_->stopped = true;
  if (impl_->lan) impl_->lan->stop();
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->save_locked();
}

std::string Simulator::address() const { return impl_->lan ? impl_->lan->address() : std::string(); }
std::uint16_t Simulator::port() const { return impl_->lan ? impl_->lan->port() : 0; }
std::string Simulator::endpoint() const {
  const std::string a = address();
  return (a.find(':') != std::string::npos ? "[" + a + "]" : a) + ":" + std::to_string(port());
}

std::unique_ptr<transport::Transport> Simulator::system_interface() {
  Impl* self = impl_.get();
  return std::make_unique<InMemoryTransport>(
      *impl_->bmc, impl_->mutex, InMemoryTransport::system_interface(),
      [self](const Context& c, const session::Request& rq, const session::Response& rs) { self->after_request(c, rq, rs); });
}

std::unique_ptr<transport::Transport> Simulator::lan_context(Privilege privilege, std::uint8_t user_id) {
  Impl* self = impl_.get();
  return std::make_unique<InMemoryTransport>(
      *impl_->bmc, impl_->mutex, InMemoryTransport::lan_session(privilege, user_id),
      [self](const Context& c, const session::Request& rq, const session::Response& rs) { self->after_request(c, rq, rs); });
}

tl::expected<void, std::string> Simulator::save() {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->save_locked();
}

const std::optional<std::filesystem::path>& Simulator::state_dir() const { return impl_->state_dir; }

Simulator::LanStats Simulator::lan_stats() const {
  LanStats out;
  if (!impl_->lan) return out;
  const auto s = impl_->lan->stats();
  out.datagrams_received = s.datagrams_received;
  out.requests_handled = s.requests_handled;
  out.replies_sent = s.replies_sent;
  out.replies_dropped = s.replies_dropped;
  out.replies_corrupted = s.replies_corrupted;
  out.replies_delayed = s.replies_delayed;
  out.dead = s.dead;
  out.dead_reason = s.dead_reason;
  return out;
}

}  // namespace ipmict::sim
