/** @jest-environment node */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { parseServeConfig } from '../cli/commands/serve/config';
import { loadConfig } from './config';
import { prometheusYaml } from './configs';
import { DEMO_PAGE_FOR, DRILL_CAPACITY, DRILL_FORECAST, FORECAST_JOB, forecastConfigYaml, forecastPort, shortenPageHold } from './forecast';

describe('the stack forecast exporter', () => {
  test('its config is one `headroom forecast serve` accepts, with the drill below what the web pods serve', () => {
    const cfg = parseServeConfig(forecastConfigYaml('http://127.0.0.1:22090'));
    expect(cfg.prometheus).toBe('http://127.0.0.1:22090');
    expect(cfg.series.map((s) => s.name)).toEqual(['web_replicas', DRILL_FORECAST]);
    const drill = cfg.series[1];
    expect(drill.capacity).toBe(DRILL_CAPACITY);
    expect(drill.labels).toEqual({ horizontalpodautoscaler: 'web', drill: 'low-capacity' });
    // 12 pods at the 75 % target serve 2,520 req/s (stack/README.md): the drill's capacity is below it.
    expect(DRILL_CAPACITY).toBeLessThan(12 * 280 * 0.75);
    expect(cfg.series[0].capacityQuery).toMatch(/spec_max_replicas/);
    expect(cfg.series.every((s) => s.growth === 0.5)).toBe(true);
    expect(cfg.series.every((s) => s.scenarios.join() === '0,0.5,1')).toBe(true);
  });

  test('Prometheus scrapes it as its own job on HEADROOM_FORECAST_PORT', () => {
    const doc = yaml.load(prometheusYaml(loadConfig({ PATH: '', HEADROOM_FORECAST_PORT: '22502' }), [])) as { scrape_configs: { job_name: string; honor_labels?: boolean; static_configs: { targets: string[] }[] }[] };
    const job = doc.scrape_configs.find((j) => j.job_name === FORECAST_JOB);
    expect(job?.static_configs[0].targets).toEqual(['127.0.0.1:22502']);
    // The served series' own job/instance labels (none here) would become exported_*: not honoured.
    expect(job?.honor_labels).toBeUndefined();
  });

  test('the port comes from HEADROOM_FORECAST_PORT; a bad one is one clear line', () => {
    expect(forecastPort({})).toBe(19102);
    expect(forecastPort({ HEADROOM_FORECAST_PORT: '22502' })).toBe(22502);
    expect(() => forecastPort({ HEADROOM_FORECAST_PORT: 'x' })).toThrow('HEADROOM_FORECAST_PORT=x is not a port number; set it to a free port between 1024 and 65535.');
  });

  test("the stack's rule snapshot holds only HeadroomCapacityExhaustion14d shorter, and alerts/ is untouched", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-forecast-'));
    const source = path.join(__dirname, '..', 'alerts', 'prometheus_alerts.yaml');
    const before = fs.readFileSync(source, 'utf8');
    const copy = path.join(dir, 'prometheus_alerts.yaml');
    fs.copyFileSync(source, copy);
    try {
      expect(shortenPageHold([copy])).toBe(1);
      expect(shortenPageHold([copy])).toBe(0);
      type Doc = { groups: { rules: Record<string, unknown>[] }[] };
      const rules = (t: string) => (yaml.load(t) as Doc).groups.flatMap((g) => g.rules);
      const a = rules(before);
      const b = rules(fs.readFileSync(copy, 'utf8'));
      expect(b.length).toBe(a.length);
      const differing = b.filter((r, i) => JSON.stringify(r) !== JSON.stringify(a[i]));
      expect(differing.map((r) => [r.alert, r.for])).toEqual([['HeadroomCapacityExhaustion14d', DEMO_PAGE_FOR]]);
      expect(fs.readFileSync(source, 'utf8')).toBe(before);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
