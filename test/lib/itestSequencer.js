// Integration test order: jest's own (slowest first), except the value-level check of the
// dashboards (preview/tests/values.itest.ts) last. Its raw-versus-panel comparisons need the live
// stack's rule evaluations to fill Prometheus' 5-minute look-back; right after a fresh start, a
// panel's last point can still come from the backfilled history. Running it last usually needs no
// wait; the test itself waits (bounded) for what is missing.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- jest loads a sequencer as CommonJS
const Sequencer = require('@jest/test-sequencer').default;

const LAST = /values\.itest\.[jt]sx?$/;

class ItestSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    return [...sorted.filter((t) => !LAST.test(t.path)), ...sorted.filter((t) => LAST.test(t.path))];
  }
}

module.exports = ItestSequencer;
