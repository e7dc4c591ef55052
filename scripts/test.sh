#!/usr/bin/env bash
# Every check CI gates on, in order: format, lint, types, unit tests (Node), build, e2e (Chromium, Firefox).
# A local S3 server (Ceph radosgw), IIPImage (iipsrv behind lighttpd) and a one-node Slurm run for the
# whole run and are stopped on exit, pass or fail.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf test-results
mkdir -p test-results
bash scripts/ensure-browsers.sh
bash scripts/ensure-fixture-tools.sh
bash scripts/s3/ensure-rgw.sh
bash scripts/iipsrv/ensure.sh
echo "== starting the local S3 server (radosgw)"
S3_STATE=$(mktemp -d)
export RGW_PORT=${RGW_PORT:-7480}
IIP_STATE=$(mktemp -d)
SLURM_STATE=$(mktemp -d)
stop_servers() {
  D=$S3_STATE bash scripts/s3/stop-rgw.sh >/dev/null 2>&1 || true
  D=$IIP_STATE/server bash scripts/iipsrv/stop.sh >/dev/null 2>&1 || true
  D=$SLURM_STATE bash scripts/slurm/stop.sh >/dev/null 2>&1 || true
  rm -rf "$S3_STATE" "$IIP_STATE" "$SLURM_STATE"
}
trap stop_servers EXIT
D=$S3_STATE bash scripts/s3/start-rgw.sh >test-results/rgw-start.log 2>&1 || { cat test-results/rgw-start.log; exit 1; }
export VITRINE_S3_ENDPOINT="http://127.0.0.1:$RGW_PORT"
# The AWS SDK warns that its 2027 releases need Node 22; the locked version runs on Node 20.
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
echo "radosgw answering on $VITRINE_S3_ENDPOINT"
echo "== starting IIPImage (iipsrv behind lighttpd)"
export IIP_PORT=${IIP_PORT:-7490} VITRINE_IIP_ROOT=$IIP_STATE/images
mkdir -p "$VITRINE_IIP_ROOT"
D=$IIP_STATE/server IIP_ROOT=$VITRINE_IIP_ROOT bash scripts/iipsrv/start.sh
export VITRINE_IIP_URL="http://127.0.0.1:$IIP_PORT"
echo "== starting a one-node Slurm (munged, slurmctld, slurmd)"
# Where Slurm cannot be installed or started, the Slurm e2e test is skipped with this reason, not failed.
export SLURM_PORT=${SLURM_PORT:-6817}
if ! bash scripts/slurm/ensure.sh >test-results/slurm-ensure.log 2>&1; then
  export VITRINE_SLURM_SKIP="Slurm could not be installed: $(tail -n 1 test-results/slurm-ensure.log)"
elif ! D=$SLURM_STATE bash scripts/slurm/start.sh >test-results/slurm-start.log 2>&1; then
  export VITRINE_SLURM_SKIP="Slurm did not start: $(grep -m1 -iE 'error|fatal' test-results/slurm-start.log || tail -n 1 test-results/slurm-start.log)"
else
  export VITRINE_SLURM_CONF=$SLURM_STATE/slurm.conf
fi
cat test-results/slurm-start.log 2>/dev/null || true
if [ -n "${VITRINE_SLURM_SKIP:-}" ]; then echo "(the Slurm e2e test will be skipped: $VITRINE_SLURM_SKIP)"; fi
echo "== format"; npx prettier --check .
echo "== lint"; npx eslint --max-warnings 0 .
echo "== types"; npm run --silent typecheck
if [ -d ../shared/corpus ]; then echo "(../shared/corpus found: the corpus suites run)"; else
  echo "(no ../shared/corpus: corpus suites are skipped; the generated-fixture suites still run)"; fi
echo "== unit"; npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/unit.json
echo "== build"; npm run --silent build
echo "== e2e (Chromium)"; npx playwright test
echo "== e2e (Firefox)"; npx vitest run -c vitest.firefox.config.ts --reporter=default --reporter=json --outputFile.json=test-results/firefox.json
node scripts/test-summary.mjs
