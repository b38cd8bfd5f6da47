#include "fuzz/network/target.hpp"

namespace ipmict::netfuzz {

std::string TargetEndpoint::to_string() const {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

}  // namespace ipmict::netfuzz
