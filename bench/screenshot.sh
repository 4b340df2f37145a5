#!/usr/bin/env bash
# Renders a report's index.html with headless Chromium to PNG at a desktop and a phone
# width, to see it as readers will. Installs Debian's chromium when it is missing.
#
# usage: bench/screenshot.sh [REPORT_DIR] [OUT_DIR]
#   REPORT_DIR  a report directory (default: reports/, written by `make run`)
#   OUT_DIR     where the PNGs go (default: docs/)
#
# Writes OUT_DIR/report-desktop.png (1280 px wide) and OUT_DIR/report-phone.png
# (390 px wide, the CSS width of a current phone, at device scale 2). The page is
# opened from disk with networking disabled: a report must need nothing else.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
report="${1:-$root/reports}"
out="${2:-$root/docs}"
page="$(realpath -m "$report/index.html")"

if [[ ! -f "$page" ]]; then
    echo "screenshot: no $page; run \`make run\` first (or give a report directory)" >&2
    exit 1
fi

browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [[ -z "$browser" ]]; then
    echo "screenshot: installing chromium (apt-get)" >&2
    sudo_cmd=""
    [[ "$(id -u)" -ne 0 ]] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
    browser="$(command -v chromium)"
fi

mkdir -p "$out"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT

# shoot WIDTH HEIGHT SCALE FILE: the page's first HEIGHT CSS pixels at WIDTH.
shoot() {
    rm -f "$4"
    "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --user-data-dir="$profile" --no-first-run --disable-extensions \
        --proxy-server="127.0.0.1:9" --proxy-bypass-list="<-loopback>" \
        --window-size="$1,$2" --force-device-scale-factor="$3" \
        --screenshot="$4" "file://$page" >/dev/null 2>&1 || true
    if [[ ! -s "$4" ]]; then
        echo "screenshot: chromium wrote no $4" >&2
        exit 1
    fi
    echo "wrote $4 ($1×$2 CSS px, scale $3)"
}

shoot 1280 2400 1 "$out/report-desktop.png"
shoot 390 2400 2 "$out/report-phone.png"
