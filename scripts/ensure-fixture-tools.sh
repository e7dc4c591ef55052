#!/usr/bin/env bash
# Installs the Debian tools the tests make fixtures and native references with, when missing:
# OpenJPEG's opj_compress/opj_decompress, libvips' vips, libtiff's tiffcp.
set -euo pipefail
missing=()
command -v opj_compress >/dev/null || missing+=(libopenjp2-tools)
command -v vips >/dev/null || missing+=(libvips-tools)
command -v tiffcp >/dev/null || missing+=(libtiff-tools)
bash "$(dirname "$0")/apt-install.sh" "${missing[@]}"
