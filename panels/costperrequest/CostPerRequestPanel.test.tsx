import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { dateTime, FieldType, LoadingState, PanelData, DataFrame } from '@grafana/data';
import { CostPerRequestPanel } from './CostPerRequestPanel';
import { CostPerRequestOptions, defaultCostPerRequestOptions } from './types';

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  PanelDataErrorView: ({ message }: { message?: string }) => <div data-testid="error-view">{message ?? 'No data'}</div>,
}));

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 1);
const N = 24 * 60;
const t = Array.from({ length: N }, (_, i) => T0 + i * MIN);
const range = { from: dateTime(T0), to: dateTime(T0 + (N - 1) * MIN), raw: { from: 'now-24h', to: 'now' } };
const headroom = (m: Record<string, unknown>) => ({ custom: { headroom: m } });

function cost(component: string, type: string, rate: number, currency = 'USD'): DataFrame {
  return {
    name: component,
    length: N,
    fields: [
      { name: 'Time', type: FieldType.time, config: {}, values: t },
      { name: 'cost', type: FieldType.number, config: { unit: `currency${currency}` }, labels: { component, instance_type: type }, values: t.map(() => rate) },
    ],
    meta: headroom({ role: 'cost', currency, per: 'hour', stepMs: MIN }),
  };
}

function requests(perStep: (i: number) => number): DataFrame {
  return {
    name: 'requests',
    length: N,
    fields: [
      { name: 'Time', type: FieldType.time, config: {}, values: t },
      { name: 'requests', type: FieldType.number, config: {}, values: t.map((_, i) => perStep(i)) },
    ],
    meta: headroom({ role: 'requests', requests: 'increase', stepMs: MIN }),
  };
}

function renderPanel(series: DataFrame[], options: Partial<CostPerRequestOptions> = {}, fieldDefaults: Record<string, unknown> = {}) {
  return render(
    <CostPerRequestPanel
      id={1}
      data={{ state: LoadingState.Done, series, timeRange: range } as PanelData}
      timeRange={range}
      timeZone="utc"
      options={{ ...defaultCostPerRequestOptions, ...options }}
      fieldConfig={{ defaults: fieldDefaults, overrides: [] }}
      transparent={false}
      width={1000}
      height={320}
      renderCounter={0}
      title="Cost per request"
      eventBus={{} as never}
      onOptionsChange={() => {}}
      onFieldConfigChange={() => {}}
      replaceVariables={(s) => s}
      onChangeTimeRange={() => {}}
    />
  );
}

const fleet = [cost('compute', 't3.large', 5 * 0.0832), cost('database', 'db.r5.large', 4 * 0.25), cost('cache', 'cache.r6g.large', 0.206)];

describe('CostPerRequestPanel', () => {
  it('shows the headline, the stacked chart with a legend, and the derived pricing comparison', () => {
    renderPanel([...fleet, requests(() => 150_000)], { budget: 0.0002 });
    const current = screen.getByTestId('headroom-costperrequest-current').textContent ?? '';
    // $1.622/h → $0.027033 per minute / 150k requests × 1000
    expect(current).toMatch(/Cost per 1k requests \$0\.000180/);
    expect(screen.getByTestId('headroom-costperrequest-budget').textContent).toMatch(/under budget \$0\.000200/);
    expect(screen.getByTestId('headroom-costperrequest-monthly').textContent).toMatch(/Projected \$1\.18K \/ month/);
    expect(screen.getByTestId('headroom-costperrequest-legend').textContent).toBe('databasecomputecachebudget');
    expect(screen.getByTestId('headroom-costperrequest-canvas')).toBeInTheDocument();
    const table = screen.getByTestId('headroom-costperrequest-comparison').textContent ?? '';
    expect(table).toMatch(/on demand/);
    expect(table).toMatch(/reserved 3y no upfront/);
    expect(table).toMatch(/built-in price book ratios/);
  });

  it('shows component shares in the tooltip', () => {
    renderPanel([...fleet, requests(() => 150_000)]);
    const canvas = screen.getByTestId('headroom-costperrequest-canvas');
    canvas.getBoundingClientRect = () => ({ left: 0, top: 0, width: 600, height: 250, right: 600, bottom: 250, x: 0, y: 0, toJSON: () => ({}) });
    fireEvent.mouseMove(canvas, { clientX: 300, clientY: 100 });
    const tip = screen.getByTestId('headroom-costperrequest-tooltip').textContent ?? '';
    expect(tip).toMatch(/total \$0\.000180 per 1k requests/);
    expect(tip).toMatch(/database \$0\.000111 \(61\.7 %\)/);
    expect(tip).toMatch(/\d+(\.\d+)? K requests/);
  });

  it('says "not enough traffic" instead of dividing by almost nothing', () => {
    renderPanel([...fleet, requests(() => 0.01)]);
    expect(screen.getByTestId('headroom-costperrequest-current').textContent).toMatch(/not enough traffic \(14\.4 requests, at least 100 needed\)/);
  });

  it('uses the field config for currency and decimals, and per 1M', () => {
    renderPanel([...fleet, requests(() => 150_000)], { perRequests: 1000000 }, { unit: 'currencyEUR', decimals: 1 });
    expect(screen.getByTestId('headroom-costperrequest-current').textContent).toMatch(/Cost per 1M requests €0\.2$/);
  });

  it('reads the data source summary and pricing frames', () => {
    const summary: DataFrame = {
      name: 'summary',
      length: 1,
      fields: [
        { name: 'cost', type: FieldType.number, config: {}, values: [40] },
        { name: 'requests', type: FieldType.number, config: {}, values: [200_000_000] },
        { name: 'previous cost', type: FieldType.number, config: {}, values: [40] },
        { name: 'previous requests', type: FieldType.number, config: {}, values: [250_000_000] },
        { name: 'projected monthly cost', type: FieldType.number, config: {}, values: [1216] },
        { name: 'hours', type: FieldType.number, config: {}, values: [24] },
        { name: 'status', type: FieldType.string, config: {}, values: ['ok'] },
        { name: 'message', type: FieldType.string, config: {}, values: [''] },
      ],
      meta: headroom({ role: 'summary', currency: 'USD', perRequests: 1000 }),
    };
    const pricing: DataFrame = {
      name: 'pricing',
      length: 2,
      fields: [
        { name: 'key', type: FieldType.string, config: {}, values: ['on_demand', 'mix'] },
        { name: 'pricing model', type: FieldType.string, config: {}, values: ['on demand', 'mix: 50% reserved 1y + 50% on demand (no upfront)'] },
        { name: 'monthly cost', type: FieldType.number, config: {}, values: [1216, 1000] },
        { name: 'cost in range', type: FieldType.number, config: {}, values: [40, 32.9] },
        { name: 'saved per month', type: FieldType.number, config: {}, values: [0, 216] },
        { name: 'saved %', type: FieldType.number, config: {}, values: [0, 17.8] },
        { name: 'notes', type: FieldType.string, config: {}, values: ['', ''] },
      ],
      meta: headroom({ role: 'pricing', currency: 'USD' }),
    };
    renderPanel([...fleet, requests(() => 150_000), summary, pricing]);
    expect(screen.getByTestId('headroom-costperrequest-current').textContent).toMatch(/\$0\.000200/);
    expect(screen.getByTestId('headroom-costperrequest-change').textContent).toMatch(/▲ 25 % vs previous period/);
    expect(screen.getByTestId('headroom-costperrequest-monthly').textContent).toMatch(/\$1\.22K/);
    expect(screen.getByTestId('headroom-costperrequest-row-mix').textContent).toMatch(/mix: 50% reserved 1y.*\$1K\$0\.000165\$21617\.8 %/);
  });

  it('refuses mixed currencies and frames without requests with a clear message', () => {
    const { unmount } = renderPanel([cost('compute', 't3.large', 1), cost('cache', 'x', 1, 'EUR'), requests(() => 100)]);
    expect(screen.getByTestId('error-view').textContent).toMatch(/^Mixed currencies: USD .*EUR/);
    unmount();
    renderPanel(fleet);
    expect(screen.getByTestId('error-view').textContent).toMatch(/^No request series/);
  });

  it('shows "No data" for no frames at all', () => {
    renderPanel([]);
    expect(screen.getByTestId('error-view').textContent).toBe('No data');
  });
});

describe('CostPerRequestPanel without traffic', () => {
  it('keeps the headline and says there is not enough traffic to plot', () => {
    const empty: DataFrame = { ...requests(() => 0), length: 0, fields: requests(() => 0).fields.map((f) => ({ ...f, values: [] })) };
    renderPanel([...fleet, empty]);
    expect(screen.getByTestId('headroom-costperrequest-current').textContent).toMatch(/not enough traffic \(0 requests, at least 100 needed\)/);
    expect(screen.getByTestId('headroom-costperrequest-monthly').textContent).toMatch(/Projected \$1\.18K \/ month/);
    expect(screen.getByTestId('headroom-costperrequest-empty').textContent).toMatch(/No requests in the range/);
  });
});
