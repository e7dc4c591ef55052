#!/usr/bin/env bash
# Every check CI gates on, in order: format, lint, types, unit tests (Node), build, e2e (Chromium, Firefox).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf test-results
mkdir -p test-results
bash scripts/ensure-browsers.sh
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
