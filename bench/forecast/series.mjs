// Series for the forecast benchmark: the shared NAB series, gridded as the protocol scores them.
import fs from 'node:fs';

export const SHARED_SERIES = [
  'nab_nyc_taxi.csv',
  'nab_ec2_cpu_utilization_5f5533.csv',
  'nab_rds_cpu_utilization_cc0c53.csv',
];

/** [{ name, t, y, step }] for the shared series (paths from test/shared.ts, checked by the caller). */
export function loadSharedSeries(shared, fc) {
  return SHARED_SERIES.map((file) => {
    const parsed = fc.parseSeriesCsv(fs.readFileSync(shared.sharedPath('data', 'forecast', file), 'utf8'));
    if (!parsed.ok) throw new Error(`${file}: ${parsed.message}`);
    const g = fc.gridSeries(parsed.t, parsed.values);
    if (!g) throw new Error(`${file}: cannot be put on a regular grid`);
    return { name: file.replace(/^nab_/, '').replace(/\.csv$/, ''), ...g };
  });
}

/** Seasonal periods (steps) the same way the forecaster's 'auto' picks them: day and week. */
export function calendarPeriods(step, n) {
  const out = [];
  for (const c of [86_400, 7 * 86_400]) {
    const p = Math.round(c / step);
    if (p >= 2 && Math.abs(c / step - p) <= 0.01 * p && n >= 2 * p) out.push(p);
  }
  return out;
}
