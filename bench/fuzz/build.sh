#!/bin/sh
# Builds the fuzz target with coverage instrumentation and AddressSanitizer, linking libFuzzer's driver.
set -eu
cd "$(dirname "$0")"
runtime=$(dirname "$(dirname "$(command -v swift)")")/lib/clang
fuzzer=$(find "$runtime" -name 'libclang_rt.fuzzer_no_main-x86_64.a' | head -1)
swift build -c release \
  -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp \
  -Xlinker "$fuzzer" -Xlinker -lstdc++ "$@"
