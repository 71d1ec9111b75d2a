#!/usr/bin/env bash
# Renders the corpus's HTML audit view with headless Chromium and checks the screenshots are
# not blank: the check a person would make by opening index.html and one thread page.
# Usage: scripts/render-audit.sh [OUT_DIR]   (needs /usr/bin/chromium; CI installs it)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
chromium_bin="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$chromium_bin" ]; then
  echo "render-audit: chromium not found (apt-get install chromium)" >&2
  exit 1
fi
cargo run --quiet --release -- analyze corpus/ --out "$out/report" --html --quiet
thread_page="$(grep -o 'href="threads/[^"]*"' "$out/report/index.html" | head -1 | sed 's/href="//; s/"$//')"
shoot() { # page png
  "$chromium_bin" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --disable-quic \
    --user-data-dir="$out/profile" --window-size=1200,1400 --hide-scrollbars \
    --screenshot="$2" "file://$(realpath "$1")" >/dev/null 2>&1
}
shoot "$out/report/index.html" "$out/index.png"
shoot "$out/report/$thread_page" "$out/thread.png"
python3 scripts/png_not_blank.py "$out/index.png" "$out/thread.png"
echo "render-audit: screenshots in $out"
