#!/usr/bin/env bash
# Installs Debian's Chromium (Playwright drives it) and Firefox ESR (puppeteer-core drives it) when missing.
# Browser downloads by test tools are not reachable here; the distribution's packages are.
# (Elsewhere, set CHROMIUM_PATH / FIREFOX_PATH to browsers of your own.)
set -euo pipefail
missing=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
[ -x "${FIREFOX_PATH:-/usr/bin/firefox-esr}" ] || missing+=(firefox-esr)
bash "$(dirname "$0")/apt-install.sh" "${missing[@]}"
