#!/usr/bin/env bash
# Encoding detection and decoding: speed on 200 KB pages and detection
# accuracy. Compiles the encoding sources alone (with SlantCoreStandIn.swift)
# in release, so it needs no release build of the package.
#   bench/encoding/run.sh [WORKDIR]     (default: a temporary directory)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
sources="$here/../../Sources/SlantClean"
pages="$here/../../../shared/benchmarks/extraction-dev/html"
work="${1:-$(mktemp -d)}"
mkdir -p "$work" && cd "$work"

swiftc -O -wmo -parse-as-library -module-name SlantCore -emit-module -emit-module-path SlantCore.swiftmodule \
    -c -o SlantCore.o "$here/SlantCoreStandIn.swift"
swiftc -O -wmo -parse-as-library -module-name SlantClean -I . -emit-module -emit-module-path SlantClean.swiftmodule \
    -c -o SlantClean.o "$sources"/Encoding.swift "$sources"/EncodingLabels.swift "$sources"/EncodingPrescan.swift \
    "$sources"/EncodingDetection.swift "$sources"/UTF8Validation.swift "$sources"/Transcoding.swift
swiftc -O -I . "$here/speed/main.swift" "$here/ReadFile.swift" SlantCore.o SlantClean.o -o speed
swiftc -O -I . "$here/accuracy/main.swift" "$here/ReadFile.swift" SlantCore.o SlantClean.o -o accuracy

python3 "$here/make_samples.py" "$work"
# The three largest pages of the extraction benchmark (UTF-8, English), then Russian pages.
largest=$(ls -S "$pages"/*.html.gz 2>/dev/null | head -3 || true)
for page in $largest; do gunzip -c "$page" > "$(basename "$page" .gz)"; done
echo "== speed (200 KB pages, one core, best of 5 x 2000)"
./speed $(for page in $largest; do basename "$page" .gz; done) pages/ru-utf8.html pages/ru-1251.html pages/ru-1251-undeclared.html
echo "== detection accuracy (undeclared legacy text; only imperfect groups listed)"
./accuracy samples
