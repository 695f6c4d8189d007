import { dateTime, FieldType, ScopedVars } from '@grafana/data';
import { heatmapFrames, interpolateQueryExpr, seriesFrame } from './prometheus';
import { ALL_VALUE, PreviewTemplateSrv, PreviewVariable } from './templateSrv';

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getTemplateSrv: () => ({ replace: (s: string) => s }),
}));

function variable(name: string, value: string | string[], options: string[], extra: Partial<PreviewVariable> = {}): PreviewVariable {
  return {
    name,
    type: 'custom',
    current: { text: value, value },
    options: options.map((o) => ({ text: o, value: o })),
    ...extra,
  };
}

describe('PreviewTemplateSrv', () => {
  const srv = new PreviewTemplateSrv();
  srv.setVariables([
    variable('job', 'api', ['api', 'web']),
    variable('handler', ['/api', '/checkout'], ['/api', '/checkout'], { multi: true }),
    variable('cluster', ALL_VALUE, [ALL_VALUE, 'demo', 'prod'], { includeAll: true, multi: true, allValue: '.*' }),
    variable('ns', ALL_VALUE, [ALL_VALUE, 'a', 'b'], { includeAll: true, multi: true }),
  ]);

  it('replaces $var, ${var}, [[var]] and leaves unknown ones', () => {
    expect(srv.replace('up{job="$job"} ${job} [[job]] $nope')).toBe('up{job="api"} api api $nope');
  });

  it('formats several values: glob by default, regex, pipe, csv, json', () => {
    expect(srv.replace('$handler')).toBe('{/api,/checkout}');
    expect(srv.replace('${handler:regex}')).toBe('(\\/api|\\/checkout)');
    expect(srv.replace('${handler:pipe} ${handler:csv}')).toBe('/api|/checkout /api,/checkout');
    expect(srv.replace('${handler:json}')).toBe('["/api","/checkout"]');
  });

  it("expands All to the custom all value or every option, the Prometheus data source's way", () => {
    expect(srv.replace('{cluster=~"$cluster"}', {}, interpolateQueryExpr)).toBe('{cluster=~".*"}');
    expect(srv.replace('{namespace=~"$ns"}', {}, interpolateQueryExpr)).toBe('{namespace=~"(a|b)"}');
    expect(srv.replace('{handler=~"$handler"}', {}, interpolateQueryExpr)).toBe('{handler=~"(/api|/checkout)"}');
  });

  it('prefers scoped variables (e.g. $__interval) and formats numbers', () => {
    const scoped: ScopedVars = { __interval: { text: '30s', value: '30s' }, __interval_ms: { text: '30000', value: 30000 } };
    expect(srv.replace('rate(x[$__interval]) $__interval_ms', scoped, interpolateQueryExpr)).toBe('rate(x[30s]) 30000');
  });

  it("resolves Grafana's ${__url_time_range} (relative kept, absolute as ms) and ${__all_variables}", () => {
    const local = new PreviewTemplateSrv();
    local.setVariables([variable('cluster', ALL_VALUE, [ALL_VALUE, 'demo']), variable('handler', ['/api', '/a b'], ['/api', '/a b'], { multi: true })]);
    local.updateTimeRange({ from: dateTime(1000), to: dateTime(2000), raw: { from: 'now-6h', to: 'now' } });
    expect(local.replace('/d/x?${__url_time_range}&${__all_variables}')).toBe(
      '/d/x?from=now-6h&to=now&var-cluster=%24__all&var-handler=%2Fapi&var-handler=%2Fa%20b'
    );
    local.updateTimeRange({ from: dateTime(1000), to: dateTime(2000), raw: { from: dateTime(1000), to: dateTime(2000) } });
    expect(local.replace('${__url_time_range}')).toBe('from=1000&to=2000');
  });
});

describe('Prometheus stand-in: heatmap frames', () => {
  const target = { refId: 'A', expr: 'x', format: 'heatmap' as const, legendFormat: '{{le}}' };
  const series = (le: string, values: number[]) =>
    seriesFrame({ metric: { le }, values: values.map((v, i) => [i * 60, String(v)] as [number, string]) }, target, 60000, 'Expr: x', {});

  it("sorts the buckets by le and de-accumulates them into one heatmap-rows frame, as Grafana's Prometheus does", () => {
    const [frame, ...rest] = heatmapFrames([series('+Inf', [10, 12]), series('0.5', [7, 12]), series('0.1', [5, 2])]);
    expect(rest).toEqual([]);
    expect(frame.meta?.type).toBe('heatmap-rows');
    expect(frame.fields.map((f) => f.name)).toEqual(['Time', '0.1', '0.5', '+Inf']);
    expect(frame.fields[0].type).toBe(FieldType.time);
    expect(frame.fields[1].values).toEqual([5, 2]);
    expect(frame.fields[2].values).toEqual([2, 10]);
    expect(frame.fields[3].values).toEqual([3, 0]);
    expect(frame.fields[3].config.displayNameFromDS).toBe('+Inf');
  });

  it('makes no frame of empty results', () => {
    expect(heatmapFrames([])).toEqual([]);
  });
});
