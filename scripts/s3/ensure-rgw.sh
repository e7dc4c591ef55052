#!/usr/bin/env bash
# Installs Debian's Ceph radosgw (a real S3 server for the upload tests) unless it is already there.
set -euo pipefail
if command -v radosgw >/dev/null && command -v ceph-mon >/dev/null && command -v ceph-osd >/dev/null; then exit 0; fi
if [ "$(id -u)" != 0 ]; then echo "radosgw is missing: run as root, or apt-get install radosgw ceph-mon ceph-osd" >&2; exit 1; fi
echo "installing radosgw, ceph-mon and ceph-osd (Debian packages)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends radosgw ceph-mon ceph-osd >/dev/null
