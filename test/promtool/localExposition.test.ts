/** @jest-environment node */
// Real data on any machine with the README's setup: the /metrics of a throwaway Prometheus and
// Alertmanager (Go programs with real client_golang histograms, e.g.
// prometheus_http_request_duration_seconds), read through `headroom quantile`'s path (exposition
// text → parser → grouping → quantiles) and compared value for value with promtool 2.42's
// histogram_quantile on the same bucket counts, computed now.
import { quantileRows } from '../../cli/commands/quantile';
import { labelsToObject, parseExposition } from '../../core/exposition';
import { GeneratedCase, rng } from './generate';
import { LOCAL_SERVER_BINARIES, LocalServer, LocalServerKind, findBinary, startLocalServer } from './localServer';
import { Expected, PROMTOOL, promtoolAvailable, ruleTestYaml, runPromtool } from './promtool';

const QS = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1];

/** A query whose answer holds `chars` random letters (gzip keeps about 5/8 of them): vector(1) with a label of that size. */
function queryOfSize(chars: number): string {
  const r = rng(chars);
  const pad = Array.from({ length: chars }, () => String.fromCharCode(97 + Math.floor(r() * 26))).join('');
  return `/api/v1/query?query=${encodeURIComponent(`label_replace(vector(1), "pad", "${pad}", "", "")`)}`;
}

/** Requests that fill the histograms: different handlers, statuses and response sizes. */
const TRAFFIC: Record<LocalServerKind, string[]> = {
  prometheus: ['/api/v1/query?query=up', queryOfSize(2_000), queryOfSize(20_000), '/api/v1/query?query=sum(', '/api/v1/status/flags', '/api/v1/label/__name__/values', '/metrics', '/-/healthy'],
  alertmanager: ['/api/v2/status', '/api/v2/alerts', '/api/v2/silences', '/api/v2/receivers', '/metrics', '/-/healthy'],
};

const seriesKey = (metric: string, labels: Record<string, string>) => JSON.stringify([metric, Object.entries(labels).sort()]);

interface RealCases {
  cases: GeneratedCase[];
  keys: string[];
}

/** Every classic histogram series of a scrape (samples named *_bucket with an le label), in file order. */
function casesOf(text: string): RealCases {
  const byKey = new Map<string, GeneratedCase>();
  for (const s of parseExposition(text, { format: 'prometheus' }).samples) {
    const le = s.labels.find((l) => l.name === 'le');
    if (!s.name.endsWith('_bucket') || !le) continue;
    const key = seriesKey(s.name.slice(0, -'_bucket'.length), labelsToObject(s.labels.filter((l) => l !== le)));
    if (!byKey.has(key)) byKey.set(key, { id: byKey.size, buckets: [] });
    byKey.get(key)?.buckets.push({ le: le.value, value: s.value });
  }
  return { cases: [...byKey.values()], keys: [...byKey.keys()] };
}

/** Our values through the CLI path, by case id. */
function ours(text: string, real: RealCases): Expected {
  const idOf = new Map(real.keys.map((k, i) => [k, i]));
  const expected: Expected = new Map();
  for (const row of quantileRows(text, QS, 'prometheus').rows) {
    const id = idOf.get(seriesKey(row.metric, row.labels));
    if (id === undefined) throw new Error(`the CLI found a series the scrape does not have: ${row.metric} ${JSON.stringify(row.labels)}`);
    if (!expected.has(id)) expected.set(id, []);
    expected.get(id)?.push(row.value);
  }
  return expected;
}

const missing = [PROMTOOL, ...Object.values(LOCAL_SERVER_BINARIES)].filter((b) => (b === PROMTOOL ? !promtoolAvailable() : !findBinary(b)));
if (missing.length > 0) {
  // Visible in the run: setup installs them (scripts/setup.sh); their absence is not silent.
  test(`${missing.join(', ')} installed (run scripts/setup.sh)`, () => {
    expect(missing).toEqual([]);
  });
}

(missing.length ? describe.skip : describe).each(Object.keys(LOCAL_SERVER_BINARIES) as LocalServerKind[])(
  'histogram_quantile on the real /metrics of a throwaway %s',
  (kind) => {
    let server: LocalServer | undefined;
    let text = '';

    beforeAll(async () => {
      server = await startLocalServer(kind);
      for (let round = 0; round < 3; round++) {
        for (const p of TRAFFIC[kind]) await (await fetch(server.url + p)).text();
      }
      text = await (await fetch(`${server.url}/metrics`)).text();
    }, 60_000);

    afterAll(async () => {
      await server?.stop();
    });

    it('has real classic histograms with observations', () => {
      const { cases, keys } = casesOf(text);
      const observed = keys.filter((_, i) => cases[i].buckets.some((b) => b.value > 0)).map((k) => JSON.parse(k)[0]);
      expect(observed).toContain(`${kind}_http_request_duration_seconds`);
      if (kind === 'prometheus') {
        // The query handler's response sizes fall in three buckets: < 100, < 10^4 and < 10^5 bytes.
        const i = keys.indexOf(seriesKey('prometheus_http_response_size_bytes', { handler: '/api/v1/query' }));
        expect(new Set(cases[i]?.buckets.map((b) => b.value)).size).toBeGreaterThanOrEqual(4);
      }
    });

    it('is identical to promtool 2.42 for every series and q', () => {
      const real = casesOf(text);
      const expected = ours(text, real);
      expect(expected.size).toBe(real.cases.length);
      const run = runPromtool(ruleTestYaml(real.cases, QS, expected));
      if (run.status !== 0) {
        const shown = run.mismatches.slice(0, 10).map((m) => {
          const id = Number(/case="(\d+)"/.exec(m.caseLabels)?.[1]);
          return `${m.expr} ${real.keys[id]}: ours ${m.expected} promtool ${m.got}; buckets ${JSON.stringify(real.cases[id]?.buckets)}`;
        });
        throw new Error(`promtool disagrees on the ${kind} scrape (${run.mismatches.length} mismatches):\n${shown.join('\n') || run.output.slice(0, 4000)}`);
      }
      expect(run.status).toBe(0);
    });
  },
);
