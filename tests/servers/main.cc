// The tests that need servers (PostgreSQL, NATS) run in one binary, so that
// one server of each kind serves all of them.
#include <gtest/gtest.h>

#include "tests/servers/test_servers.h"

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ::testing::AddGlobalTestEnvironment(new sitrep::testing::ServersEnvironment);
  return RUN_ALL_TESTS();
}
