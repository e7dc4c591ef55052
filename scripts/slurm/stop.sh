#!/usr/bin/env bash
# Stops what start.sh started in state folder D, by its pid files: slurmd, slurmctld, then munged.
D=${D:?set D to the folder given to start.sh}
for f in slurmd.pid slurmctld.pid munge/munged.pid; do
  [ -f "$D/$f" ] || continue
  p=$(cat "$D/$f"); kill "$p" 2>/dev/null || continue
  for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$p" 2>/dev/null && { echo "$f ($p) did not stop, SIGKILL"; kill -9 "$p"; }
  echo "stopped $f ($p)"
done
exit 0
