// The pretend demo stack the incidents are replayed from, and the time grid of the tests.
import * as path from 'node:path';
import { DAY } from '../../../stack/simulator/model';

/** The repository's root. */
export const ROOT = path.resolve(__dirname, '../../..');
/** Seed of the demo stack (HEADROOM_SEED default). */
export const SEED = 42;
/** The pretend first start of the demo stack (a Wednesday, on the hour). */
export const START = Date.UTC(2025, 5, 4, 0, 0, 0) / 1000;
/** Its anchor, as stack/history.ts computes it for 30 days of history. */
export const ANCHOR = Math.floor((START - 30 * DAY) / 3600) * 3600;
/** Sample spacing of the input series (the live scrape is 15 s; the rules' shortest window is 5m). */
export const STEP = 30;
/** Rule evaluation interval of the tests (every `for:` of the pack is a whole number of minutes). */
export const EVAL = 60;
/** The silent check: this long before the occurrence starts. */
export const BEFORE = 15 * 60;
export const MIN = 60;
