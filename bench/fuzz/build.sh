#!/bin/sh
# Builds the fuzz target in release with libFuzzer (its coverage instrumentation and its driver,
# which brings `main`) and AddressSanitizer, for Slant's modules and the target alike.
# Extra arguments go to `swift build`.
set -eu
cd "$(dirname "$0")"
swift build -c release --product SlantFuzz -Xswiftc -sanitize=fuzzer,address "$@"
