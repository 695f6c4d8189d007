// `headroom cost --prometheus` against the live demo stack: the demo fleet's monthly and yearly
// cost per pricing model and the savings, as JSON and as the text table.
import { CostIo, runCost } from './cost';

const prometheus = process.env.HEADROOM_PROMETHEUS_URL ?? `http://127.0.0.1:${process.env.HEADROOM_PROMETHEUS_PORT ?? '19090'}`;

function io(): CostIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (l) => stdout.push(l),
    err: (l) => stderr.push(l),
    readFile: () => {
      throw new Error('no files in this test');
    },
    now: () => Date.now(),
  };
}

describe('headroom cost on the demo stack', () => {
  it('prices the demo fleet from Prometheus, with every instance type in the built-in price book', async () => {
    const x = io();
    expect(await runCost(['--prometheus', prometheus, '--range', '1d', '--mix', 'reserved_1y=0.5,spot=0.2', '--json'], x)).toBe(0);
    const report = JSON.parse(x.stdout.join('\n'));
    expect(report.unpriced).toEqual([]);
    const types = report.fleet.map((f: { type: string }) => f.type);
    expect(types).toEqual(expect.arrayContaining(['t3.large', 'db.r5.large']));
    const components = new Set(report.fleet.map((f: { component: string }) => f.component));
    expect(components).toEqual(new Set(['compute', 'database', 'cache']));
    const models = report.projection.rows.map((r: { model: string }) => r.model);
    expect(models).toEqual(expect.arrayContaining(['reserved_1y', 'reserved_3y', 'spot', 'mix']));
    expect(report.projection.onDemand.monthly).toBeGreaterThan(0);
    for (const row of report.projection.rows) {
      expect(row.monthly).toBeLessThanOrEqual(report.projection.onDemand.monthly + 1e-9);
      expect(row.savedPercent).toBeGreaterThanOrEqual(0);
    }
    expect(report.costPerRequest).toBeDefined();
  });

  it('prints the reserved/spot table as text', async () => {
    const x = io();
    expect(await runCost(['--prometheus', prometheus, '--range', '6h'], x)).toBe(0);
    const text = x.stdout.join('\n');
    expect(text).toMatch(/on.demand/i);
    expect(text).toMatch(/reserved/i);
    expect(text).toMatch(/spot/i);
  });
});
