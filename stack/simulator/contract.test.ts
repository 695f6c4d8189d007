/** @jest-environment node */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { contractViolations, Recorded } from './contract';
import { FAMILIES, Simulator } from './model';
import { DATA_TIER_EXPORTERS, Family, makeSeries, Series } from './series';

const RECORDED: Recorded = JSON.parse(fs.readFileSync(path.join(__dirname, '../datatier/exporter-series.json'), 'utf8'));

/** Every series the simulator emits over a day (pods come and go; the data tier's series are fixed). */
function emitted(): Series[] {
  const sim = new Simulator({ seed: 42, anchor: 1_700_006_400 });
  const all = new Map<string, Series>();
  for (let k = 0; k <= 5760; k += 240) {
    sim.advanceTo(k);
    sim.collect((s) => all.set(s.stored, s));
  }
  return [...all.values()];
}

describe('the simulator emits exactly the live exporters\' series', () => {
  const series = emitted();

  test('the recorded exporter output is there, one entry per data-tier exporter', () => {
    expect(Object.keys(RECORDED).sort()).toEqual([...DATA_TIER_EXPORTERS].sort());
  });

  test('every data-tier series has a metric name and label names the live exporter emits', () => {
    expect(contractViolations(series, RECORDED)).toEqual([]);
  });

  test('the simulator emits each data-tier exporter\'s series (the check is not vacuous)', () => {
    const sources = new Set(series.map((s) => s.family.source));
    for (const e of DATA_TIER_EXPORTERS) expect([e, sources.has(e)]).toEqual([e, true]);
    expect(FAMILIES.every((f) => series.some((s) => s.family === f))).toBe(true);
  });

  test('a name or a label set the exporters do not emit is reported', () => {
    const pg = (name: string, labels: Record<string, string>, source: Family['source'] = 'postgres_exporter') =>
      makeSeries({ name, type: 'gauge', help: '', source }, name, { instance: 'pg-replica-1', ...labels });
    expect(
      contractViolations(
        [
          pg('pg_replication_lag_seconds', {}),
          pg('pg_replication_lag', {}),
          pg('pg_replication_is_replica', { server: 'x', role: 'replica' }),
          pg('pg_up', {}, 'app'),
          pg('node_load1', {}, 'opencost'),
          pg('pg_settings_max_connections', { server: 'x' }),
        ],
        RECORDED,
      ),
    ).toEqual([
      'node_load1: a node_exporter metric attributed to opencost',
      'pg_replication_is_replica: labels {role,server}, the live postgres_exporter has {server}',
      'pg_replication_lag: labels {}, the live postgres_exporter has {server}',
      'pg_replication_lag_seconds: not emitted by the live postgres_exporter',
      'pg_up: named like a data-tier exporter\'s metric but attributed to app',
    ]);
  });
});
