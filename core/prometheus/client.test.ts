/**
 * @jest-environment node
 */
// Failure tests of the Prometheus client against a real local HTTP server (127.0.0.1, ephemeral
// port): down, slow, 4xx/5xx with Prometheus' error JSON, a proxy's HTML, malformed JSON — each
// one clear PrometheusError — and the happy paths (headers, path prefix, POST, chunked ranges).
import http from 'http';
import { AddressInfo } from 'net';
import { PrometheusClient, rangeChunks } from './client';
import { PrometheusError } from './errors';
import { matrixToSeries } from './matrix';

type Handler = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void;

let server: http.Server;
let base: string;
let handler: Handler;
const seen: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string }> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, body, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

beforeEach(() => {
  seen.length = 0;
});

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

/** Answers query_range with one series holding a sample at every step of the asked range. */
const rangeHandler: Handler = (req, _b, res) => {
  const q = new URL(req.url ?? '', base).searchParams;
  const [start, end, step] = ['start', 'end', 'step'].map((k) => Number(q.get(k)));
  const values: Array<[number, string]> = [];
  for (let t = start; t <= end; t += step) {
    values.push([t, '1']);
  }
  json(res, 200, { status: 'success', data: { resultType: 'matrix', result: [{ metric: { instance_type: 't3.large' }, values }] } });
};

const vector = { status: 'success', data: { resultType: 'vector', result: [{ metric: { job: 'web' }, value: [1700000000, '42'] }] } };

async function failure(p: Promise<unknown>): Promise<PrometheusError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(PrometheusError);
    return e as PrometheusError;
  }
  throw new Error('expected a PrometheusError');
}

describe('PrometheusClient: answers', () => {
  it('sends the query with headers through a path prefix and returns data and warnings', async () => {
    handler = (_req, _b, res) => json(res, 200, { ...vector, warnings: ['partial response'] });
    const c = new PrometheusClient({ url: `${base}/prometheus/`, headers: { Authorization: 'Bearer t0k', 'X-Scope-OrgID': 'team-a' } });
    const r = await c.query('up{job="web"}', 1700000000000);
    expect(r.data).toEqual(vector.data);
    expect(r.warnings).toEqual(['partial response']);
    expect(seen[0].url).toBe('/prometheus/api/v1/query?query=up%7Bjob%3D%22web%22%7D&time=1700000000');
    expect(seen[0].headers.authorization).toBe('Bearer t0k');
    expect(seen[0].headers['x-scope-orgid']).toBe('team-a');
  });

  it('can POST the parameters as a form', async () => {
    handler = (_req, _b, res) => json(res, 200, { status: 'success', data: { resultType: 'matrix', result: [] } });
    await new PrometheusClient({ url: base, method: 'POST' }).queryRange('up', 0, 60_000, 15_000);
    expect(seen[0].method).toBe('POST');
    expect(seen[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(seen[0].body).toBe('query=up&start=0&end=60&step=15');
  });

  it('splits a 30-day range at 1-minute steps into requests of at most 11,000 points and merges them', async () => {
    handler = rangeHandler;
    const day = 86_400_000;
    const r = await new PrometheusClient({ url: base }).queryRangeChunked('x', 0, 30 * day, 60_000);
    expect(seen).toHaveLength(4); // 43,201 points / 11,000
    expect(r.data).toHaveLength(1);
    expect(r.data[0].values).toHaveLength(43_201);
    expect(r.data[0].values[11_000][0]).toBe(660_000);
  });

  it('queryRangeSeries reads chunks straight into typed series, equal to the JSON.parse path', async () => {
    handler = rangeHandler;
    const c = new PrometheusClient({ url: base, maxPointsPerRequest: 5 });
    const fast = await c.queryRangeSeries('x', 0, 12 * 60_000, 60_000);
    expect(seen).toHaveLength(3);
    const slow = await c.queryRangeChunked('x', 0, 12 * 60_000, 60_000);
    expect(fast.data).toEqual(matrixToSeries(slow.data));
    expect(fast.data[0].t).toHaveLength(13);
    handler = (_req, _b, res) => json(res, 503, { status: 'error', errorType: 'unavailable', error: 'shutting down' });
    expect((await failure(c.queryRangeSeries('x', 0, 60_000, 60_000))).message).toBe('Prometheus failed on query_range (HTTP 503, unavailable): shutting down');
    handler = (_req, _b, res) => json(res, 200, vector);
    expect((await failure(c.queryRangeSeries('x', 0, 60_000, 60_000))).message).toBe('Prometheus answered query_range with a vector, expected a matrix');
  });

  it('queryRangeSeries: a chunk the byte reader gives up on half-way is read again by JSON.parse, without leftovers', async () => {
    // Chunk 2 repeats "metric" after "values": JSON.parse accepts it (the last one, a="2", wins), the
    // byte reader bails after writing the samples to a="1" — they must be rolled back.
    let call = 0;
    handler = (req, _b, res) => {
      call++;
      const q = new URL(req.url ?? '', base).searchParams;
      const [start, end, step] = ['start', 'end', 'step'].map((k) => Number(q.get(k)));
      const values: string[] = [];
      for (let t = start; t <= end; t += step) {
        values.push(`[${t},"${t / 60}"]`);
      }
      const series = call === 2 ? `{"metric":{"a":"1"},"values":[${values.join(',')}],"metric":{"a":"2"}}` : `{"metric":{"a":"1"},"values":[${values.join(',')}]}`;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(`{"status":"success","data":{"resultType":"matrix","result":[${series}]}}`);
    };
    const r = await new PrometheusClient({ url: base, maxPointsPerRequest: 5 }).queryRangeSeries('x', 0, 12 * 60_000, 60_000);
    expect(call).toBe(3);
    const steps = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
    expect(r.data.map((s) => ({ labels: s.labels, t: Array.from(s.t), v: Array.from(s.v) }))).toEqual([
      { labels: { a: '1' }, t: [...steps(0, 5), ...steps(10, 13)].map((i) => i * 60_000), v: [...steps(0, 5), ...steps(10, 13)] },
      { labels: { a: '2' }, t: steps(5, 10).map((i) => i * 60_000), v: steps(5, 10) },
    ]);
  });

  it('reads label values and build info', async () => {
    handler = (req, _b, res) => json(res, 200, { status: 'success', data: req.url?.includes('buildinfo') ? { version: '2.53.0' } : ['t3.large', 'm5.large'] });
    const c = new PrometheusClient({ url: base });
    expect((await c.labelValues('instance_type', ['kube_node_labels'])).data).toEqual(['t3.large', 'm5.large']);
    expect(seen[0].url).toBe('/api/v1/label/instance_type/values?match%5B%5D=kube_node_labels');
    expect((await c.buildInfo()).data.version).toBe('2.53.0');
  });
});

describe('PrometheusClient: failures, one clear error each', () => {
  it('down: connection refused', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const e = await failure(new PrometheusClient({ url: `http://127.0.0.1:${port}` }).query('up'));
    expect(e.kind).toBe('unreachable');
    expect(e.message).toBe(`cannot reach Prometheus at http://127.0.0.1:${port}: connection refused (is Prometheus running on that port?)`);
  });

  it('down: a port fetch refuses to use, and a browser-style failure without a code', async () => {
    expect((await failure(new PrometheusClient({ url: 'http://127.0.0.1:1' }).query('up'))).message).toBe(
      'cannot reach Prometheus at http://127.0.0.1:1: port blocked by fetch (a "bad port" in the Fetch standard; use another port)',
    );
    const browserLike = () => Promise.reject(new TypeError('Failed to fetch'));
    const e = await failure(new PrometheusClient({ url: 'http://prom.example:9090', fetch: browserLike }).query('up'));
    expect(e.kind).toBe('unreachable');
    expect(e.message).toBe('cannot reach Prometheus at http://prom.example:9090: network error (Failed to fetch)');
  });

  it('slow: no answer within the time limit', async () => {
    handler = () => {
      /* never answers */
    };
    const started = Date.now();
    const e = await failure(new PrometheusClient({ url: base, timeoutMs: 200 }).query('up'));
    expect(e.kind).toBe('timeout');
    expect(e.message).toBe(`Prometheus at ${base} did not answer query within 200 ms`);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('slow: headers in time but the body too late', async () => {
    handler = (_req, _b, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"status":"success",');
    };
    const e = await failure(new PrometheusClient({ url: base, timeoutMs: 200 }).queryRange('up', 0, 1000, 1000));
    expect(e.kind).toBe('timeout');
    expect(e.message).toBe(`Prometheus at ${base} did not answer query_range within 200 ms (HTTP 200 headers arrived, the body did not)`);
  });

  it('4xx: quotes Prometheus error JSON', async () => {
    handler = (_req, _b, res) => json(res, 400, { status: 'error', errorType: 'bad_data', error: 'invalid parameter "query": 1:4: parse error: unexpected "}"' });
    const e = await failure(new PrometheusClient({ url: base }).query('up}'));
    expect(e).toMatchObject({ kind: 'client', status: 400, errorType: 'bad_data', endpoint: 'query' });
    expect(e.message).toBe('Prometheus rejected query (HTTP 400, bad_data): invalid parameter "query": 1:4: parse error: unexpected "}"');
  });

  it('422 execution error and 503 are told apart', async () => {
    handler = (_req, _b, res) => json(res, 422, { status: 'error', errorType: 'execution', error: 'query processing would load too many samples into memory' });
    expect((await failure(new PrometheusClient({ url: base }).query('x'))).message).toBe(
      'Prometheus rejected query (HTTP 422, execution): query processing would load too many samples into memory',
    );
    handler = (_req, _b, res) => json(res, 503, { status: 'error', errorType: 'timeout', error: 'query timed out in expression evaluation' });
    const e = await failure(new PrometheusClient({ url: base }).queryRange('x', 0, 1000, 1000));
    expect(e.kind).toBe('server');
    expect(e.message).toBe('Prometheus failed on query_range (HTTP 503, timeout): query timed out in expression evaluation');
  });

  it("5xx from a proxy: status line and the start of its HTML page", async () => {
    handler = (_req, _b, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>');
    };
    const e = await failure(new PrometheusClient({ url: base }).query('up'));
    expect(e).toMatchObject({ kind: 'server', status: 502 });
    expect(e.message).toBe(`HTTP 502 Bad Gateway from ${base} on query: 502 Bad Gateway nginx`);
  });

  it('401/404 come with a hint', async () => {
    handler = (_req, _b, res) => json(res, 401, 'Unauthorized');
    expect((await failure(new PrometheusClient({ url: base }).query('up'))).message).toBe(
      `HTTP 401 Unauthorized from ${base} on query: Unauthorized — check the credentials (Authorization header / bearer token / tenant header)`,
    );
    handler = (_req, _b, res) => json(res, 404, '404 page not found');
    expect((await failure(new PrometheusClient({ url: base }).query('up'))).message).toMatch(/check the URL and its path prefix/);
  });

  it('malformed: HTTP 200 with a body that is not JSON, or not Prometheus JSON', async () => {
    handler = (_req, _b, res) => json(res, 200, '{"status":"success","data":{"resultType":"vec');
    const e = await failure(new PrometheusClient({ url: base }).query('up'));
    expect(e.kind).toBe('malformed');
    expect(e.message).toBe(`Prometheus at ${base} answered query with HTTP 200 but the body is not JSON: {"status":"success","data":{"resultType":"vec`);
    handler = (_req, _b, res) => json(res, 200, { hello: 'world' });
    expect((await failure(new PrometheusClient({ url: base }).query('up'))).message).toBe(
      `Prometheus at ${base} answered query with JSON that is not a Prometheus API response (no "status":"success" and "data")`,
    );
    handler = (_req, _b, res) => json(res, 200, { status: 'success', data: { foo: 1 } });
    expect((await failure(new PrometheusClient({ url: base }).query('up'))).message).toBe('Prometheus answered query without data.resultType/data.result');
    handler = (_req, _b, res) => json(res, 200, vector);
    expect((await failure(new PrometheusClient({ url: base }).queryRange('up', 0, 1, 1))).message).toBe('Prometheus answered query_range with a vector, expected a matrix');
  });

  it('an error status inside HTTP 200 is still an error', async () => {
    handler = (_req, _b, res) => json(res, 200, { status: 'error', errorType: 'bad_data', error: 'boom' });
    expect((await failure(new PrometheusClient({ url: base }).query('up'))).message).toBe('Prometheus rejected query (HTTP 200, bad_data): boom');
  });

  it('sends user:password from the URL as Basic auth and never prints it', async () => {
    handler = (_req, _b, res) => json(res, 500, 'oops');
    const url = base.replace('http://', 'http://admin:s3cret@');
    const e = await failure(new PrometheusClient({ url }).query('up'));
    expect(seen[0].headers.authorization).toBe(`Basic ${Buffer.from('admin:s3cret').toString('base64')}`);
    expect(e.message).toBe(`HTTP 500 Internal Server Error from ${base} on query: oops`);
    expect(e.url).toBe(base);
  });

  it('a cancelled request says so', async () => {
    handler = () => {};
    const ac = new AbortController();
    const p = new PrometheusClient({ url: base, timeoutMs: 5000 }).query('up', undefined, { signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    expect((await failure(p)).kind).toBe('aborted');
  });

  it('bad arguments fail before any request', async () => {
    const c = new PrometheusClient({ url: base });
    expect((await failure(c.query('  '))).kind).toBe('invalid');
    expect((await failure(c.queryRange('up', 10, 5, 1))).message).toBe('invalid time range: start 10, end 5 (unix ms, end >= start)');
    expect((await failure(c.queryRange('up', 0, 5, 0))).message).toBe('invalid step 0 ms (must be at least 1 ms)');
    expect(seen).toHaveLength(0);
  });

  it('one failing query leaves the next one unaffected', async () => {
    const c = new PrometheusClient({ url: base, timeoutMs: 1000 });
    handler = (_req, _b, res) => json(res, 400, { status: 'error', errorType: 'bad_data', error: 'nope' });
    await failure(c.query('bad'));
    handler = (_req, _b, res) => json(res, 200, vector);
    expect((await c.query('good')).data).toEqual(vector.data);
  });
});

describe('rangeChunks', () => {
  it('covers the range on the step grid without overlap', () => {
    expect(rangeChunks(0, 100, 10, 4)).toEqual([
      { start: 0, end: 30 },
      { start: 40, end: 70 },
      { start: 80, end: 100 },
    ]);
    expect(rangeChunks(0, 0, 10)).toEqual([{ start: 0, end: 0 }]);
  });
});
