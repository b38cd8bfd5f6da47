#include "harness/connect.hpp"

#include <unistd.h>

#include <cstdlib>

#include <fmt/format.h>

#include "protocol/crypto/secure_bytes.hpp"
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

}  // namespace

tl::expected<Connection, std::string> connect_target(const Target& target, const SecretSource& password,
                                                     const SecretSource& kg,
                                                     const std::optional<std::string>& pcap_path) {
  if (target.scheme == Target::Scheme::sim) {
    return tl::unexpected(std::string("sim:// targets need the built-in simulator, which is not built yet (issue 4)"));
  }
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

  Connection c;
  if (pcap_path) {
    auto tap = transport::PcapWriter::create(*pcap_path);
    if (!tap) return tl::unexpected(fmt::format("--pcap {}: {}", *pcap_path, tap.error().message));
    c.tap = std::move(*tap);
  }
  auto client = transport::LanClient::connect(target.host, target.port, std::move(config), c.tap.get());
  if (!client) return tl::unexpected(fmt::format("{}: {}", target.to_string(), client.error().message));
  c.transport = std::move(*client);
  return c;
}

}  // namespace ipmict
