#!/bin/sh
# Renders the README's picture of `icp report`: the report of fixtures/icps (the built-in sample)
# in headless Chromium, 1000 x 1760 pixels, to Documentation/report.png (or the file given).
# Tests/e2e/test_report.py renders it again and compares it with the committed picture.
set -eu
cd "$(dirname "$0")/.."
out="${1:-Documentation/report.png}"
icp="$(cd "$(dirname "${ICP_BINARY:-.build/debug/icp}")" && pwd)/$(basename "${ICP_BINARY:-.build/debug/icp}")"
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd fixtures/icps && "$icp" report > "$work/report.html")
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --user-data-dir="$work/profile" \
  --window-size=1000,1760 --screenshot="$work/report.png" "file://$work/report.html" >/dev/null 2>&1
mv "$work/report.png" "$out"
echo "wrote $out"
