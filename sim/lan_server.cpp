// The simulator's UDP server: datagrams -> ServerSessions -> Bmc -> datagrams, on one thread.
#include "sim/lan_server.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "protocol/session/server_session.hpp"
#include "sim/lan_channel.hpp"
#include "sim/personality_yaml.hpp"

namespace ipmict::sim {

namespace asio = boost::asio;
using asio::ip::udp;

namespace lan_datagram {

namespace {
constexpr std::size_t kRmcpHeader = 4;
constexpr std::uint8_t kRmcpVersion = 0x06;
constexpr std::uint8_t kClassIpmi = 0x07;
constexpr std::uint8_t kAuthRmcpPlus = 0x06;

bool is_ipmi_class(ByteView d) {
  return d.size() > kRmcpHeader && d[0] == kRmcpVersion && (d[3] & 0x1fu) == kClassIpmi;
}

// Where the length field of the session layer is and how many bytes it covers.
struct LengthField {
  std::size_t payload_offset = 0;
  std::size_t length = 0;
  bool rmcpplus = false;
  bool encrypted = false;
  std::uint8_t payload_type = 0;
};

// IPMI 2.0 §13.6 Tables 13-8 (RMCP+) and 13-9 (IPMI 1.5): nullopt when the datagram ends
// before the length field.
std::optional<LengthField> length_field(ByteView d) {
  if (!is_ipmi_class(d)) return std::nullopt;
  LengthField f;
  if (d[4] == kAuthRmcpPlus) {
    f.rmcpplus = true;
    if (d.size() < 6) return std::nullopt;
    f.encrypted = (d[5] & 0x80u) != 0;
    f.payload_type = d[5] & 0x3fu;
    std::size_t off = 6;
    if (f.payload_type == 0x02) off += 6;  // OEM explicit: IANA (4) + OEM payload ID (2)
    off += 8;                              // session ID, session sequence number
    if (d.size() < off + 2) return std::nullopt;
    f.length = static_cast<std::size_t>(d[off]) | (static_cast<std::size_t>(d[off + 1]) << 8);
    f.payload_offset = off + 2;
    return f;
  }
  std::size_t off = 4 + 1 + 4 + 4;  // auth type, sequence, session ID
  if (d[4] != 0x00) off += 16;      // AuthCode
  if (d.size() < off + 1) return std::nullopt;
  f.length = d[off];
  f.payload_offset = off + 1;
  return f;
}
}  // namespace

bool corrupt_checksum2(Bytes& datagram) {
  const auto f = length_field(view(datagram));
  if (!f || f->encrypted) return false;
  if (f->rmcpplus && f->payload_type != 0x00) return false;  // only IPMI messages carry checksums
  // An IPMI LAN message is at least rsAddr, netFn, chk1, rqAddr, rqSeq, cmd, (cc,) chk2.
  if (f->length < 7 || datagram.size() < f->payload_offset + f->length) return false;
  auto& chk2 = datagram[f->payload_offset + f->length - 1];
  chk2 = static_cast<std::uint8_t>(chk2 + 1);
  return true;
}

bool is_zero_length_rmcpplus(ByteView datagram) {
  const auto f = length_field(datagram);
  return f && f->rmcpplus && f->length == 0;
}

bool has_oversized_length(ByteView datagram) {
  const auto f = length_field(datagram);
  return f && datagram.size() - f->payload_offset < f->length;
}

bool is_truncated_session_header(ByteView datagram) { return is_ipmi_class(datagram) && !length_field(datagram); }

}  // namespace lan_datagram

namespace {
// The largest UDP payload over IPv4.
constexpr std::size_t kMaxDatagram = 65507;
}  // namespace

struct LanServer::Impl {
  Bmc& bmc;
  LanServerOptions options;
  Personality faults;  // the datagram-level part of the Bmc's personalities, combined
  std::mutex own_mutex;
  std::mutex& mutex;

  asio::io_context io;
  udp::socket socket{io};
  asio::steady_timer tick_timer{io};
  std::array<std::uint8_t, kMaxDatagram + 1> buffer{};
  udp::endpoint sender;
  std::string address_text;
  std::uint16_t bound_port = 0;

  std::unique_ptr<LanChannel> channel;  // used with `mutex` held only
  std::thread thread;
  std::atomic<bool> stopped{false};
  std::mutex stop_mutex;

  // Counters are atomics so that the per-datagram path takes no lock for them; the dead
  // reason (rare) is under stats_mutex.
  std::atomic<std::uint64_t> n_received{0}, n_handled{0}, n_sent{0}, n_dropped{0}, n_corrupted{0}, n_delayed{0};
  std::atomic<bool> is_dead{false};
  mutable std::mutex stats_mutex;
  std::string dead_reason;
  std::uint64_t reply_counter = 0;

  // The Peer of recent senders: formatting the address per datagram was an allocation and
  // an inet_ntop per request. Bounded; cleared when full.
  std::vector<std::pair<udp::endpoint, session::Peer>> peers;
  const session::Peer& peer_of(const udp::endpoint& from) {
    for (const auto& [e, p] : peers)
      if (e == from) return p;
    if (peers.size() >= 256) peers.clear();
    peers.emplace_back(from, session::Peer{from.address().to_string(), from.port()});
    return peers.back().second;
  }

  Impl(Bmc& b, LanServerOptions o)
      : bmc(b), options(std::move(o)), mutex(options.bmc_mutex ? *options.bmc_mutex : own_mutex) {}

  void log(const std::string& line) {
    if (options.log) options.log(line);
  }

  void go_dead(std::string reason) {
    log("personality: " + reason + "; answering nothing from now on");
    std::lock_guard<std::mutex> lock(stats_mutex);
    dead_reason = std::move(reason);
    is_dead = true;
  }

  bool dead() const { return is_dead; }

  void receive_next() {
    socket.async_receive_from(asio::buffer(buffer), sender, [this](const boost::system::error_code& ec, std::size_t n) {
      if (stopped) return;
      if (!ec) on_datagram(ByteView(buffer.data(), n < buffer.size() ? n : buffer.size()), sender);
      // ECONNREFUSED and friends (ICMP errors from earlier sends) do not stop the server.
      if (ec == asio::error::operation_aborted || !socket.is_open()) return;
      receive_next();
    });
  }

  void on_datagram(ByteView datagram, const udp::endpoint& from) {
    ++n_received;
    if (dead()) return;
    // Oversized datagrams (more than a UDP payload can be) were truncated by the buffer.
    if (faults.hang_on_zero_length_rmcpplus && lan_datagram::is_zero_length_rmcpplus(datagram)) {
      go_dead("hang-on-zero-length-payload: RMCP+ packet with payload length 0");
      return;
    }
    if (faults.stop_on_oversized_length && lan_datagram::has_oversized_length(datagram)) {
      go_dead("stop-on-oversized-length: length field past the end of the datagram");
      return;
    }
    if (faults.hang_on_truncated_header && lan_datagram::is_truncated_session_header(datagram)) {
      go_dead("hang-on-truncated-header: datagram ends inside its session header");
      return;
    }
    const session::Peer& peer = peer_of(from);
    std::vector<Bytes> out;
    {
      std::lock_guard<std::mutex> lock(mutex);
      const auto now = session::Clock::now();
      auto result = channel->handle(peer, datagram, now);
      for (const auto& note : result.notes) log(peer.address + ":" + std::to_string(peer.port) + ": " + note);
      if (result.handled) ++n_handled;
      out = std::move(result.replies);
    }
    for (auto& reply : out) send(std::move(reply), from);
  }

  void send(Bytes reply, const udp::endpoint& to) {
    ++reply_counter;
    if (faults.drop_every != 0 && reply_counter % faults.drop_every == 0) {
      ++n_dropped;
      return;
    }
    if (faults.bad_checksum && lan_datagram::corrupt_checksum2(reply)) ++n_corrupted;
    if (faults.delay_ms != 0) {
      ++n_delayed;
      auto timer = std::make_shared<asio::steady_timer>(io, std::chrono::milliseconds(faults.delay_ms));
      auto data = std::make_shared<Bytes>(std::move(reply));
      timer->async_wait([this, timer, data, to](const boost::system::error_code& ec) {
        if (ec || stopped || dead()) return;
        send_now(*data, to);
      });
      return;
    }
    send_now(reply, to);
  }

  void send_now(const Bytes& reply, const udp::endpoint& to) {
    boost::system::error_code ec;
    socket.send_to(asio::buffer(reply), to, 0, ec);  // UDP: a failed send is a lost datagram
    if (!ec) ++n_sent;
  }

  void schedule_tick() {
    tick_timer.expires_after(std::chrono::milliseconds(options.tick_ms == 0 ? 200 : options.tick_ms));
    tick_timer.async_wait([this](const boost::system::error_code& ec) {
      if (ec || stopped) return;
      {
        std::lock_guard<std::mutex> lock(mutex);
        channel->tick(session::Clock::now());
      }
      schedule_tick();
    });
  }
};

LanServer::LanServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

tl::expected<std::unique_ptr<LanServer>, std::string> LanServer::start(Bmc& bmc, LanServerOptions options) {
  auto impl = std::make_unique<Impl>(bmc, std::move(options));
  Impl& s = *impl;
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(s.options.address, ec);
  if (ec) return tl::unexpected("cannot listen on \"" + s.options.address + "\": not an IP address (" + ec.message() + ")");
  const udp::endpoint endpoint(address, s.options.port);
  s.socket.open(endpoint.protocol(), ec);
  if (!ec) s.socket.bind(endpoint, ec);
  const std::string where = (address.is_v6() ? "[" + s.options.address + "]" : s.options.address) + ":" +
                            std::to_string(s.options.port);
  if (ec) return tl::unexpected("cannot bind " + where + ": " + ec.message());
  const auto local = s.socket.local_endpoint(ec);
  if (ec) return tl::unexpected("cannot read the bound address of " + where + ": " + ec.message());
  s.bound_port = local.port();
  s.address_text = local.address().to_string();
  {
    std::lock_guard<std::mutex> lock(s.mutex);
    s.faults = combine_personalities(bmc.personalities());
    s.channel = std::make_unique<LanChannel>(bmc, bmc.lan_server_config(), s.options.on_handled);
  }
  s.receive_next();
  s.schedule_tick();
  s.thread = std::thread([&s] {
    // Handlers do not throw (Bmc and ServerSessions report errors as values); should one
    // throw anyway, the exception ends the server rather than the process.
    try {
      s.io.run();
    } catch (const std::exception& e) {
      s.go_dead(std::string("internal error: ") + e.what());
    }
  });
  return std::unique_ptr<LanServer>(new LanServer(std::move(impl)));
}

LanServer::~LanServer() { stop(); }

void LanServer::stop() {
  if (!impl_) return;
  Impl& s = *impl_;
  std::lock_guard<std::mutex> once(s.stop_mutex);
  s.stopped = true;
  s.io.stop();
  if (s.thread.joinable()) s.thread.join();
  if (!s.socket.is_open()) return;
  boost::system::error_code ec;
  s.socket.close(ec);
  std::lock_guard<std::mutex> lock(s.mutex);
  s.channel.reset();  // gives the Bmc its session table view back
}

const std::string& LanServer::address() const { return impl_->address_text; }
std::uint16_t LanServer::port() const { return impl_->bound_port; }

LanServer::Stats LanServer::stats() const {
  const Impl& s = *impl_;
  Stats out;
  out.datagrams_received = s.n_received;
  out.requests_handled = s.n_handled;
  out.replies_sent = s.n_sent;
  out.replies_dropped = s.n_dropped;
  out.replies_corrupted = s.n_corrupted;
  out.replies_delayed = s.n_delayed;
  std::lock_guard<std::mutex> lock(s.stats_mutex);
  out.dead = s.is_dead;
  out.dead_reason = s.dead_reason;
  return out;
}

}  // namespace ipmict::sim
