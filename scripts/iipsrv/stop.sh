#!/usr/bin/env bash
# Stops what start.sh started in state folder D.
set -uo pipefail
: "${D:?state folder}"
for pid in "$D/lighttpd.pid.own" "$D/iipsrv.pid"; do
  [ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null
done
exit 0
