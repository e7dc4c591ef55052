#!/usr/bin/env bash
# Single-node Ceph (1 mon, 1 bluestore OSD on a sparse file, radosgw) on 127.0.0.1, all state under $D.
# Adapted from the team's s3-local tools; scripts/s3/ensure-rgw.sh installs the packages it needs.
set -euo pipefail
D=${D:?set D to a folder for the cluster state, the same for start and stop}
RGW_PORT=${RGW_PORT:-7480}
MON_PORT=${MON_PORT:-6789}

t0=$(date +%s%N)
ms() { echo $(( ($(date +%s%N) - t0) / 1000000 )); }
# wait_for SECONDS DESCRIPTION COMMAND...: poll until COMMAND succeeds, else dump logs and fail
wait_for() { local n=$(( $1 * 5 )) what=$2; shift 2
  for _ in $(seq 1 "$n"); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "timed out waiting for $what" >&2; tail -n 20 "$D"/log/*.log >&2; exit 1; }
fresh=0
if [ ! -f "$D/ceph.conf" ]; then
  fresh=1
  mkdir -p "$D"/{mon/ceph-a,osd/ceph-0,run,log,rgw}
  FSID=$(cat /proc/sys/kernel/random/uuid)
  cat > "$D/ceph.conf" <<EOF
[global]
fsid = $FSID
mon host = v1:127.0.0.1:$MON_PORT
public addr = 127.0.0.1
ms bind ipv4 = true
ms bind ipv6 = false
ms bind msgr2 = false
auth cluster required = none
auth service required = none
auth client required = none
run dir = $D/run
admin socket = $D/run/\$name.asok
log file = $D/log/\$name.log
pid file = $D/run/\$name.pid
keyring = $D/keyring
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
mon allow pool size one = true
mon allow pool delete = true
mon max pg per osd = 1000
mon warn on pool no redundancy = false
osd crush chooseleaf type = 0
[mon]
mon data = $D/mon/\$cluster-\$id
mon cluster log file = $D/log/cluster.log
[osd]
osd data = $D/osd/\$cluster-\$id
osd objectstore = bluestore
bluestore block create = true
bluestore block size = 10737418240
bluestore fsck on mount = false
bluestore cache autotune = false
bluestore cache size = 134217728
osd memory target = 939524096
osd max object name len = 460
# the OSD's own start-up crush commands sometimes race the monmap ("wrong fsid", OSD exits): place it by hand instead
osd crush update on start = false
osd class update on start = false
osd max object namespace len = 64
[client.rgw]
rgw frontends = beast endpoint=127.0.0.1:$RGW_PORT
rgw data = $D/rgw
rgw dns name = 127.0.0.1
rgw enable usage log = false
EOF
  ceph-authtool --create-keyring "$D/keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
  monmaptool --create --clobber --add a "v1:127.0.0.1:$MON_PORT" --fsid "$FSID" "$D/monmap" >/dev/null
  ceph-mon -c "$D/ceph.conf" --mkfs -i a --monmap "$D/monmap" --keyring "$D/keyring"
fi
C="-c $D/ceph.conf"
ceph-mon $C -i a
echo "mon up $(ms) ms"
if [ $fresh = 1 ]; then
  OSD_UUID=$(cat /proc/sys/kernel/random/uuid)
  id=$(timeout 30 ceph $C --connect-timeout 20 osd new "$OSD_UUID")
  ceph-osd $C -i "$id" --mkfs --osd-uuid "$OSD_UUID" 2>&1 | tail -1
  timeout 30 ceph $C --connect-timeout 20 osd crush add "osd.$id" 1.0 host=localhost root=default 2>&1
fi
ceph-osd $C -i 0
echo "osd started $(ms) ms"
osd_up() { timeout 10 ceph $C --connect-timeout 5 osd stat 2>/dev/null | grep -q "1 up"; }
wait_for 60 "osd.0 up" osd_up
echo "osd up $(ms) ms"
radosgw $C -n client.rgw
wait_for 60 "radosgw on port $RGW_PORT" curl -sf -o /dev/null "http://127.0.0.1:$RGW_PORT/"
echo "rgw answering $(ms) ms"
if [ $fresh = 1 ]; then
  timeout 60 radosgw-admin $C user create --uid=test --display-name=test --access-key=TESTACCESSKEY --secret=TESTSECRETKEY >/dev/null
  echo "user created $(ms) ms"
fi
