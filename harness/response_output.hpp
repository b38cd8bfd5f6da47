#pragma once
// How `ipmict raw` shows an answer: the completion code with its name, the response bytes,
// and the fields decoded by the catalog; or the same as one JSON object per request.
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "protocol/session/request.hpp"

namespace ipmict::catalog {
class Catalog;
}

namespace ipmict {

// Human form, e.g.
//   Get Device ID (App 06h, cmd 01h): cc 00h (Command Completed Normally)
//   data: 20 81 02 15 ...
//     device_id: 0x20
std::string format_response_text(const catalog::Catalog& catalog, const session::Request& request,
                                  const session::Response& response);

// {"netfn":6,"cmd":1,"command":"Get Device ID","request":"","completion_code":0,
//  "completion_code_name":"...","data":"20 81 ...","fields":{"device_id":32,...},"findings":[]}
nlohmann::json response_json(const catalog::Catalog& catalog, const session::Request& request,
                             const session::Response& response);

// {"netfn":6,"cmd":1,"request":"...","error":"..."} for a request that got no answer.
nlohmann::json error_json(const session::Request& request, const std::string& error);

}  // namespace ipmict
