#include "harness/catalog_command.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

namespace ipmict {
namespace {

TEST(CatalogCommand, ListsEveryBuiltinCommandWithNetFnCmdAndPrivilege) {
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_EQ(run_catalog("", {}, out, err), 0);
  EXPECT_NE(out.str().find("06h 38h  get-channel-auth-caps"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("04h 02h  platform-event-message"), std::string::npos);
  EXPECT_NE(out.str().find("\n62 commands\n"), std::string::npos);
  EXPECT_EQ(err.str(), "");
}

TEST(CatalogCommand, ShowsOneCommandsBitLayout) {
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_EQ(run_catalog("Get Channel Authentication Capabilities", {}, out, err), 0);
  EXPECT_NE(out.str().find("IPMI 2.0 §22.13"), std::string::npos);
  EXPECT_NE(out.str().find("byte 0 bit 7     get_ipmi_v20_extended_data"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("byte 1 bits 3:0  requested_maximum_privilege_level [0h reserved, 1h Callback"),
            std::string::npos);
}

TEST(CatalogCommand, UnknownCommandAndBadOemFileAreOneLineErrors) {
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_EQ(run_catalog("no-such-command", {}, out, err), 2);
  EXPECT_EQ(err.str(), "ipmict catalog: no command named 'no-such-command' (see `ipmict catalog` for the list)\n");
  std::ostringstream err2;
  EXPECT_EQ(run_catalog("", {"/nonexistent/oem.yaml"}, out, err2), 2);
  const std::string message = err2.str();
  EXPECT_EQ(message.rfind("ipmict catalog: ", 0), 0u);
  EXPECT_NE(message.find("/nonexistent/oem.yaml"), std::string::npos) << message;
  EXPECT_EQ(std::count(message.begin(), message.end(), '\n'), 1);
}

}  // namespace
}  // namespace ipmict
