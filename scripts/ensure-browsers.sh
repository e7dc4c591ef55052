#!/usr/bin/env bash
# Installs Debian's Chromium (Playwright drives it) and Firefox ESR (puppeteer-core drives it) when missing.
# Browser downloads by test tools are not reachable here; the distribution's packages are.
set -euo pipefail
missing=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
[ -x "${FIREFOX_PATH:-/usr/bin/firefox-esr}" ] || missing+=(firefox-esr)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
  echo "Missing ${missing[*]}: install them with apt-get (or set CHROMIUM_PATH / FIREFOX_PATH)." >&2
  exit 1
fi
as_root=()
[ "$(id -u)" -ne 0 ] && as_root=(sudo)
echo "Installing ${missing[*]} from Debian…"
"${as_root[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
