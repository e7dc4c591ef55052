#!/usr/bin/env bash
# Installs IIPImage (iipsrv, IIIF built in), lighttpd as its FastCGI front, and spawn-fcgi, from Debian.
set -euo pipefail
missing=()
[ -x /usr/lib/iipimage-server/iipsrv.fcgi ] || missing+=(iipimage-server)
command -v lighttpd >/dev/null || missing+=(lighttpd)
command -v spawn-fcgi >/dev/null || missing+=(spawn-fcgi)
bash "$(dirname "$0")/../apt-install.sh" "${missing[@]}"
