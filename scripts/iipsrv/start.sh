#!/usr/bin/env bash
# Starts iipsrv as a FastCGI process (spawn-fcgi) behind lighttpd, both on 127.0.0.1 only.
# D: a state folder; IIP_ROOT: the folder of TIFFs it serves (FILESYSTEM_PREFIX); IIP_PORT: lighttpd's port.
# IIIF URLs: http://127.0.0.1:$IIP_PORT/fcgi-bin/iipsrv.fcgi?IIIF=/name.tif/info.json
set -euo pipefail
: "${D:?state folder}" "${IIP_ROOT:?folder of TIFFs}"
IIP_PORT=${IIP_PORT:-7490}
FCGI_PORT=${FCGI_PORT:-$((IIP_PORT + 1))}
mkdir -p "$D/www"
env -i PATH="$PATH" FILESYSTEM_PREFIX="${IIP_ROOT%/}" CORS='*' JPEG_QUALITY=95 VERBOSITY=1 \
  LOGFILE="$D/iipsrv.log" MAX_IMAGE_CACHE_SIZE=64 \
  spawn-fcgi -n -a 127.0.0.1 -p "$FCGI_PORT" -- /usr/lib/iipimage-server/iipsrv.fcgi >"$D/spawn-fcgi.log" 2>&1 &
echo $! >"$D/iipsrv.pid"
cat >"$D/lighttpd.conf" <<CONF
server.modules += ("mod_fastcgi")
server.bind = "127.0.0.1"
server.port = $IIP_PORT
server.document-root = "$D/www"
server.errorlog = "$D/lighttpd-error.log"
server.pid-file = "$D/lighttpd.pid"
fastcgi.server = ("/fcgi-bin/iipsrv.fcgi" => (("host" => "127.0.0.1", "port" => $FCGI_PORT, "check-local" => "disable")))
CONF
lighttpd -D -f "$D/lighttpd.conf" >"$D/lighttpd.log" 2>&1 &
echo $! >"$D/lighttpd.pid.own"
for _ in $(seq 1 100); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$IIP_PORT/fcgi-bin/iipsrv.fcgi" || true)
  if [ "$code" != 000 ] && [ "$code" != 503 ]; then echo "iipsrv answering on 127.0.0.1:$IIP_PORT ($code)"; exit 0; fi
  sleep 0.1
done
echo "iipsrv did not answer on 127.0.0.1:$IIP_PORT" >&2
cat "$D"/*.log >&2 || true
exit 1
