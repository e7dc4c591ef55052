// Prints one closing line for the whole run from the Vitest and Playwright JSON reports.
import { readFileSync } from 'node:fs';

const read = (path) => JSON.parse(readFileSync(path, 'utf8'));
const vitest = ['unit', 'firefox'].map((name) => read(`test-results/${name}.json`));
const e2e = read('test-results/e2e.json').stats;
const sum = (key) => vitest.reduce((n, report) => n + report[key], 0);
const passed = sum('numPassedTests') + e2e.expected;
const failed = sum('numFailedTests') + e2e.unexpected + e2e.flaky;
const skipped = sum('numPendingTests') + sum('numTodoTests') + e2e.skipped;
console.log(
  `unit ${vitest[0].numPassedTests} passed; e2e Chromium ${e2e.expected} passed, ${e2e.skipped} skipped; ` +
    `e2e Firefox ${vitest[1].numPassedTests} passed`,
);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
