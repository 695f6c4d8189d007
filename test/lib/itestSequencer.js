// Integration test order: jest's own (slowest first), except the value-level check of the
// dashboards (preview/tests/values.itest.ts) last. Its raw-versus-panel comparisons need the live
// stack's rule evaluations to fill Prometheus' 5-minute look-back; right after a fresh start, a
// panel's last point can still come from the backfilled history. Running it last usually needs no
// wait; the test itself waits (bounded) for what is missing.
// The live scaling timeline's browser test (preview/tests/livescaling.itest.ts) comes just before
// it: it draws the live HPA's latest 5 -> >= 8 rise, which must be the CPU-driven one
// stack/live/stack.itest.ts makes in this phase, not phase 1's scaling alerts test (whose first
// rise is the Deployment manifest's replicas written over the HPA's, a stalled scale-up).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- jest loads a sequencer as CommonJS
const Sequencer = require('@jest/test-sequencer').default;

const LAST = /values\.itest\.[jt]sx?$/;
const BEFORE_LAST = /livescaling\.itest\.[jt]sx?$/;

class ItestSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const at = (re) => sorted.filter((t) => re.test(t.path));
    return [...sorted.filter((t) => !LAST.test(t.path) && !BEFORE_LAST.test(t.path)), ...at(BEFORE_LAST), ...at(LAST)];
  }
}

module.exports = ItestSequencer;
