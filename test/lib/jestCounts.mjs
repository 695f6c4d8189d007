#!/usr/bin/env node
// The passed and failed counts of a jest --json report: "<passed> <failed>".
//   node test/lib/jestCounts.mjs REPORT.json
// Failed counts every failed test, plus every suite that failed without a failed test: one that
// did not load (a broken import, a missing fixture read at the top), crashed, or failed in a hook.
import fs from 'node:fs';

const report = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const suitesWithoutFailedTest = (report.testResults ?? []).filter(
  (s) => s.status === 'failed' && !(s.assertionResults ?? []).some((a) => a.status === 'failed'),
).length;
const failed = report.numFailedTests + Math.max(suitesWithoutFailedTest, report.numRuntimeErrorTestSuites ?? 0);
console.log(`${report.numPassedTests} ${failed}`);
