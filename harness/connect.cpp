#include "harness/connect.hpp"

#include <unistd.h>

#include <cstdlib>

#include <fmt/format.h>

#include "protocol/crypto/secure_bytes.hpp"
#include "protocol/session/random_source.hpp"
#include "sim/personality_yaml.hpp"
#include "sim/simulator.hpp"
#include "transports/lan_client.hpp"
#include "transports/pcap_writer.hpp"

namespace ipmict {

Connection::Connection() = default;
Connection::Connection(Connection&&) noexcept = default;
Connection& Connection::operator=(Connection&&) noexcept = default;
Connection::~Connection() {
  // Close the session before the tap goes, so the Close Session exchange is recorded.
  if (transport) transport->close();
  transport.reset();
}

namespace {

tl::expected<Bytes, std::string> read_password(const SecretSource& given, std::size_t max_bytes) {
  SecretSource source = given;
  if (!source.given()) {
    if (std::getenv(kDefaultPasswordEnv) != nullptr) {
      source.env = kDefaultPasswordEnv;
    } else if (::isatty(STDIN_FILENO)) {
      source.prompt = true;
    } else {
      return tl::unexpected(fmt::format(
          "no password given: use --password-env VAR, --password-file FILE or --password-prompt (or set {})",
          kDefaultPasswordEnv));
    }
  }
  return read_secret(source, "password", SecretEncoding::text, max_bytes);
}

// A sim:// connection: owns the in-process simulator behind the transport it hands out, so
// the simulator lives exactly as long as the connection (the transport closes first).
class SimTransport final : public transport::Transport {
 public:
  SimTransport(std::unique_ptr<sim::Simulator> simulator, std::unique_ptr<transport::Transport> inner,
               std::string description)
      : simulator_(std::move(simulator)), inner_(std::move(inner)), description_(std::move(description)) {}
  ~SimTransport() override { close(); }
  tl::expected<session::Response, transport::TransportError> request(const session::Request& request) override {
    return inner_->request(request);
  }
  void close() override {
    if (inner_) inner_->close();
  }
  std::string describe() const override { return description_ + ": " + inner_->describe(); }

 private:
  std::unique_ptr<sim::Simulator> simulator_;  // declared first: outlives the transport using it
  std::unique_ptr<transport::Transport> inner_;
  std::string description_;
};

}  // namespace

Bytes random_sim_password() {
  Bytes password(20);
  session::RandomSource random({});
  static constexpr char kAlphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  for (auto& b : password) b = static_cast<std::uint8_t>(kAlphabet[random.u32() % (sizeof(kAlphabet) - 1)]);
  return password;
}

tl::expected<session::ClientConfig, std::string> client_config(const Target& target, const SecretSource& password,
                                                               const SecretSource& kg) {
  session::ClientConfig config;
  config.protocol = target.scheme == Target::Scheme::lan ? session::Protocol::lan15 : session::Protocol::lanplus;
  config.username.assign(target.user.begin(), target.user.end());
  // IPMI 1.5 passwords are 16 bytes (§22.17); RMCP+ keys 20 (§13.31).
  auto pw = read_password(password, config.protocol == session::Protocol::lan15 ? 16 : 20);
  if (!pw) return tl::unexpected(pw.error());
  config.password = std::move(*pw);
  if (kg.given()) {
    if (config.protocol == session::Protocol::lan15) return tl::unexpected(std::string("K_G is for lanplus:// targets"));
    auto key = read_secret(kg, "K_G", SecretEncoding::hex_or_text, 20);
    if (!key) return tl::unexpected(key.error());
    config.kg = std::move(*key);
  }
  config.cipher_suite = target.cipher_suite;
  config.auth_type = target.auth_type;
  config.privilege = target.privilege;
  if (target.timeout_ms) config.timeout = session::Millis(*target.timeout_ms);
  if (target.retries) config.retries = *target.retries;
  if (target.name_only_lookup) config.name_only_lookup = *target.name_only_lookup;
  return config;
}

namespace {

// sim:// (issue 4): the built-in simulator with its secure default configuration, started
// in-process. Over LAN it listens on 127.0.0.1 and an ephemeral port with user "admin" and a
// random password that exists only in this process; ?interface=system skips the network and
// talks to the BMC model as its system interface would.
tl::expected<Connection, std::string> connect_sim(const Target& target, const std::optional<std::string>& pcap_path) {
  const bool system = target.interface == "system";
  const Bytes password = random_sim_password();
  sim::SimulatorOptions options;
  options.config = sim::default_sim_config(password);
  for (const auto& name : target.personalities) {
    auto p = sim::builtin_personality(name);
    if (!p) return tl::unexpected(fmt::format("{}: {}", target.to_string(), p.error()));
    options.config.personalities.push_back(std::move(*p));
  }
  options.lan = !system;
  options.listen_address = "127.0.0.1";
  options.port = 0;
  auto simulator = sim::Simulator::start(std::move(options));
  if (!simulator) return tl::unexpected(fmt::format("{}: cannot start the simulator: {}", target.to_string(), simulator.error()));

  Connection c;
  if (system) {
    if (pcap_path) return tl::unexpected(std::string("--pcap needs a network target; sim://?interface=system has no datagrams"));
    auto inner = (*simulator)->system_interface();
    c.transport = std::make_unique<SimTransport>(std::move(*simulator), std::move(inner), "sim://?interface=system");
    return c;
  }
  session::ClientConfig config;
  config.protocol = session::Protocol::lanplus;
  const std::string user = "admin";
  config.username.assign(user.begin(), user.end());
  config.password = std::move(password);
  config.privilege = target.privilege;
  if (target.timeout_ms) config.timeout = session::Millis(*target.timeout_ms);
  if (target.retries) config.retries = *target.retries;
  if (pcap_path) {
    auto tap = transport::PcapWriter::create(*pcap_path);
    if (!tap) return tl::unexpected(fmt::format("--pcap {}: {}", *pcap_path, tap.error().message));
    c.tap = std::move(*tap);
  }
  auto client = transport::LanClient::connect("127.0.0.1", (*simulator)->port(), std::move(config), c.tap.get());
  if (!client) return tl::unexpected(fmt::format("{}: {}", target.to_string(), client.error().message));
  const std::string description = "sim:// on " + (*simulator)->endpoint();
  c.transport = std::make_unique<SimTransport>(std::move(*simulator), std::move(*client), description);
  return c;
}

}  // namespace

tl::expected<Connection, std::string> connect_target(const Target& target, const SecretSource& password,
                                                     const SecretSource& kg,
                                                     const std::optional<std::string>& pcap_path) {
  if (target.scheme == Target::Scheme::sim) return connect_sim(target, pcap_path);
  auto config = client_config(target, password, kg);
  if (!config) return tl::unexpected(config.error());

  Connection c;
  if (pcap_path) {
    auto tap = transport::PcapWriter::create(*pcap_path);
    if (!tap) return tl::unexpected(fmt::format("--pcap {}: {}", *pcap_path, tap.error().message));
    c.tap = std::move(*tap);
  }
  auto client = transport::LanClient::connect(target.host, target.port, std::move(*config), c.tap.get());
  if (!client) return tl::unexpected(fmt::format("{}: {}", target.to_string(), client.error().message));
  c.transport = std::move(*client);
  return c;
}

}  // namespace ipmict
