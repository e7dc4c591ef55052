#!/usr/bin/env bash
# Installs the Debian tools the tests make fixtures and native references with, when missing:
# OpenJPEG's opj_compress/opj_decompress, libvips' vips, libtiff's tiffinfo/tiffcp.
set -euo pipefail
missing=()
command -v opj_compress >/dev/null || missing+=(libopenjp2-tools)
command -v vips >/dev/null || missing+=(libvips-tools)
command -v tiffcp >/dev/null || missing+=(libtiff-tools)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
  echo "Missing ${missing[*]}: install them with apt-get." >&2
  exit 1
fi
as_root=()
[ "$(id -u)" -ne 0 ] && as_root=(sudo)
echo "Installing ${missing[*]} from Debian…"
"${as_root[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
