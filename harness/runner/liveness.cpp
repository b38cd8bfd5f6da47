// The liveness probe between cases.
#include "harness/runner/liveness.hpp"

namespace ipmict::runner {
namespace {

const session::Request kGetDeviceId{0x06, 0x01, {}, 0, std::nullopt};  // IPMI 2.0 §20.1

}  // namespace

Liveness probe_liveness(SessionPool* pool, Privilege privilege, transport::Transport* fallback) {
  Liveness l;
  for (int attempt = 0; attempt < 2; ++attempt) {
    tl::expected<session::Response, transport::TransportError> r =
        tl::unexpected(transport::TransportError{transport::TransportError::Kind::bad_request, "no transport to probe", {}});
    if (pool != nullptr) {
      r = pool->request(privilege, kGetDeviceId);
    } else if (fallback != nullptr) {
      r = fallback->request(kGetDeviceId);
    }
    // Any answer counts, even a completion code other than 00h: the BMC is alive.
    if (r) return l;
    l.error = r.error().message;
    if (pool != nullptr) pool->drop(privilege);  // the retry opens a fresh session
  }
  l.alive = false;
  return l;
}

std::string stopped_answering_reason(const std::string& case_id, const std::string& error) {
  std::string s = "target stopped answering after " + case_id;
  if (!error.empty()) s += " (liveness probe: " + error + ")";
  return s;
}

}  // namespace ipmict::runner
