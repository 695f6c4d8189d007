import * as fs from 'node:fs';
import * as path from 'node:path';
import yaml from 'js-yaml';
import { splitMatchers, validate } from './spec';

const buckets = { http_request_duration_seconds: ['0.1', '0.25', '0.5', '1'] };
const availability = {
  name: 'api',
  service: 'web',
  sli: { availability: { counter: 'http_requests_total', selector: 'handler="/api"', errorSelector: 'code=~"5.."' } },
  objective: 0.999,
};
const latency = {
  name: 'api-latency',
  service: 'web',
  sli: { latency: { histogram: 'http_request_duration_seconds', thresholdSeconds: 0.25 } },
  objective: 0.99,
};
const errorsOf = (doc: unknown): string[] => {
  const r = validate(doc);
  return r.ok ? [] : r.errors;
};

describe('SLO spec validation', () => {
  it('accepts the committed demo specs and converts them to what alerts/slos.json holds', () => {
    const dir = path.resolve(__dirname, '..');
    const r = validate(yaml.load(fs.readFileSync(path.join(dir, 'slos.yaml'), 'utf8')));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.file).toEqual(JSON.parse(fs.readFileSync(path.join(dir, 'slos.json'), 'utf8')));
  });

  it('converts the SLI to a kind with its fields, keeping tier overrides and removals as written', () => {
    const r = validate({ histograms: buckets, slos: [{ ...availability, tiers: { fast: null, slow: { factor: 2 } } }, latency] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.file.slos[0].sli).toEqual({ kind: 'availability', counter: 'http_requests_total', selector: 'handler="/api"', errorSelector: 'code=~"5.."' });
    expect(r.file.slos[0].tiers).toEqual({ fast: null, slow: { factor: 2 } });
    expect(r.file.slos[1].sli).toEqual({ kind: 'latency', histogram: 'http_request_duration_seconds', selector: '', thresholdSeconds: 0.25 });
  });

  it.each([
    [{ ...availability, objective: 99.9 }, 'SLO api: objective: a ratio strictly between 0 and 1 (0.999 for 99.9 %) required'],
    [{ ...availability, objective: 1 }, 'SLO api: objective: a ratio strictly between 0 and 1 (0.999 for 99.9 %) required'],
    [{ ...availability, period: '30 days' }, 'SLO api: period: a Prometheus duration such as 30d required'],
    [{ ...availability, tiers: { fast: { factor: -1 } } }, 'SLO api: tiers.fast.factor: a number > 0 required'],
    [{ ...availability, tiers: { fast: { severity: 'page' } } }, 'SLO api: tiers.fast.severity: one of critical, warning, info'],
    [{ ...availability, labels: { slo_tier: 'x' } }, 'SLO api: labels.slo_tier: set by the pack itself (slo, sli, slo_tier, slo_period, long_window, short_window, severity, team, service, namespace, cluster, alertname, le)'],
    [{ ...availability, minRequestRate: -1 }, 'SLO api: minRequestRate: a number >= 0 (req/s) required'],
    [{ ...availability, sli: { availability: { counter: 'http_requests_total', errorSelector: 'code=5xx' } } }, 'SLO api: sli.availability.errorSelector: label matchers without braces required, e.g. handler="/api", code=~"5.."'],
    [{ ...availability, sli: { availability: { counter: 'http requests', errorSelector: 'code="500"' } } }, 'SLO api: sli.availability.counter: a metric name required'],
    [{ ...availability, sli: {} }, 'SLO api: sli: exactly one of `availability` or `latency` required'],
    [{ ...availability, oops: 1 }, 'SLO api: unknown field `oops`'],
    [{ ...latency, outage: { window: '3m' } }, 'SLO api-latency: outage: only an availability SLO has an outage path'],
    [{ ...latency, sli: { latency: { histogram: 'rpc_seconds', thresholdSeconds: 0.25 } } }, 'SLO api-latency: sli.latency.histogram: rpc_seconds has no bucket boundaries under `histograms`'],
    [{ ...latency, sli: { latency: { histogram: 'http_request_duration_seconds', thresholdSeconds: '250ms' } } }, 'SLO api-latency: sli.latency.thresholdSeconds: a number of seconds > 0 required'],
  ])('names the SLO and the field: %j', (slo, message) => {
    expect(errorsOf({ histograms: buckets, slos: [slo] })).toEqual([message]);
  });

  it('reports every problem at once, including duplicate names and bad buckets', () => {
    const errs = errorsOf({ histograms: { h: ['0.5', '0.1'] }, slos: [availability, { ...availability, objective: 2 }] });
    expect(errs).toEqual([
      'histogram h: boundaries must ascend without repeats',
      'SLO api: objective: a ratio strictly between 0 and 1 (0.999 for 99.9 %) required',
      'SLO api: name: used by another SLO',
    ]);
    expect(errorsOf('nope')).toEqual(['spec file: expected a mapping with `histograms` and `slos`']);
    expect(errorsOf({ slos: [] })).toEqual(['spec file: `slos` must be a non-empty list']);
  });
});

describe('splitMatchers', () => {
  it('keeps commas and escaped quotes inside values, refuses malformed matchers', () => {
    expect(splitMatchers('a="1", b=~"x,y", c!="q\\"r"')).toEqual(['a="1"', 'b=~"x,y"', 'c!="q\\"r"']);
    expect(splitMatchers('')).toEqual([]);
    expect(splitMatchers('a=1')).toBeNull();
    expect(splitMatchers('a="1')).toBeNull();
  });
});
