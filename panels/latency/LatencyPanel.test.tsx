import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { dateTime, FieldType, LoadingState, PanelData, toDataFrame } from '@grafana/data';
import { LatencyPanel } from './LatencyPanel';
import { defaultLatencyOptions, LatencyOptions } from './types';

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  PanelDataErrorView: ({ message }: { message?: string }) => <div>{message ?? 'No data'}</div>,
}));

const times = [60000, 120000, 180000];
const range = { from: dateTime(0), to: dateTime(180000), raw: { from: 'now-3m', to: 'now' } };

function frame(le: string, values: number[]) {
  return toDataFrame({
    fields: [
      { name: 'Time', type: FieldType.time, values: times },
      { name: 'Value', type: FieldType.number, values, labels: { le } },
    ],
  });
}

function renderPanel(series: PanelData['series'], options: Partial<LatencyOptions> = {}) {
  return render(
    <LatencyPanel
      id={1}
      data={{ state: LoadingState.Done, series, timeRange: range }}
      timeRange={range}
      timeZone="utc"
      options={{ ...defaultLatencyOptions, ...options }}
      fieldConfig={{ defaults: {}, overrides: [] }}
      transparent={false}
      width={800}
      height={300}
      renderCounter={0}
      title="Latency"
      eventBus={{} as never}
      onOptionsChange={() => {}}
      onFieldConfigChange={() => {}}
      replaceVariables={(s) => s}
      onChangeTimeRange={() => {}}
    />
  );
}

describe('LatencyPanel', () => {
  const series = [frame('0.1', [50, 50, 90]), frame('0.5', [95, 96, 99]), frame('+Inf', [100, 100, 100])];

  it('shows the current percentiles and SLO compliance in its header', () => {
    renderPanel(series, { percentiles: '50, 99' });
    const header = screen.getByTestId('headroom-latency-header');
    expect(header.textContent).toMatch(/P50/);
    expect(header.textContent).toMatch(/P99/);
    // 96.67 % of 300 requests under 0.5 s, against a 99 % target.
    expect(screen.getByTestId('headroom-latency-slo').textContent).toMatch(/96\.67 %/);
    expect(screen.getByTestId('headroom-latency-heatmap')).toBeInTheDocument();
    expect(screen.getByTestId('headroom-latency-distribution')).toBeInTheDocument();
  });

  it('hides the distribution view when the option is off', () => {
    renderPanel(series, { distributionView: 'off' });
    expect(screen.queryByTestId('headroom-latency-distribution')).toBeNull();
  });

  it('explains what it needs when the data is not a histogram', () => {
    const plain = toDataFrame({ fields: [{ name: 'Time', type: FieldType.time, values: times }, { name: 'up', type: FieldType.number, values: [1, 1, 1] }] });
    renderPanel([plain]);
    expect(screen.getByText(/No histogram buckets in the data/)).toBeInTheDocument();
  });

  it('opens its tooltip above the pointer in the lower half, so the panel does not clip it', () => {
    renderPanel(series);
    const canvas = screen.getByTestId('headroom-latency-heatmap');
    // jsdom: the canvas is at (0, 0); the plot starts after the 56 px axis, the panel is 300 px high.
    fireEvent.mouseMove(canvas, { clientX: 400, clientY: 240 });
    const low = screen.getByTestId('headroom-latency-tooltip');
    expect(low.textContent).toMatch(/P99/);
    expect(low.style.top).toBe('');
    expect(low.style.bottom).toBe(`${300 - (240 + 26) + 12}px`);
    fireEvent.mouseMove(canvas, { clientX: 400, clientY: 40 });
    const high = screen.getByTestId('headroom-latency-tooltip');
    expect(high.style.top).toBe(`${40 + 26 + 12}px`);
    expect(high.style.bottom).toBe('');
  });

  it('clears its tooltip when the pointer leaves', () => {
    renderPanel(series);
    const canvas = screen.getByTestId('headroom-latency-heatmap');
    fireEvent.mouseLeave(canvas);
    expect(screen.queryByTestId('headroom-latency-tooltip')).toBeNull();
  });
});
