HOST_TEST_BIN := build/host-tests
