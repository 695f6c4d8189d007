import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { dateTime, FieldType, LoadingState, PanelData, toDataFrame } from '@grafana/data';
import { CapacityForecastPanel } from './CapacityForecastPanel';
import { CapacityForecastOptions, defaultCapacityForecastOptions } from './types';

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  PanelDataErrorView: ({ message }: { message?: string }) => <div>{message ?? 'No data'}</div>,
}));

const t = Array.from({ length: 24 * 10 }, (_, i) => i * 3600 * 1000);
const range = { from: dateTime(t[0]), to: dateTime(t[t.length - 1]), raw: { from: 'now-10d', to: 'now' } };

function renderPanel(series: PanelData['series'], options: Partial<CapacityForecastOptions>) {
  return render(
    <CapacityForecastPanel
      id={1}
      data={{ state: LoadingState.Done, series, timeRange: range }}
      timeRange={range}
      timeZone="utc"
      options={{ ...defaultCapacityForecastOptions, ...options }}
      fieldConfig={{ defaults: {}, overrides: [] }}
      transparent={false}
      width={900}
      height={300}
      renderCounter={0}
      title="Capacity"
      eventBus={{} as never}
      onOptionsChange={() => {}}
      onFieldConfigChange={() => {}}
      replaceVariables={(s) => s}
      onChangeTimeRange={() => {}}
    />
  );
}

const series = [
  toDataFrame({
    fields: [
      { name: 'Time', type: FieldType.time, values: t },
      { name: 'requests', type: FieldType.number, values: t.map((_, i) => 1500 + i * 3 + 200 * Math.sin((i / 24) * 2 * Math.PI)) },
    ],
  }),
];

describe('CapacityForecastPanel', () => {
  it('shows capacity, headroom, exhaustion and the model in its header', () => {
    renderPanel(series, { capacity: 2500, horizon: '7d' });
    const header = screen.getByTestId('headroom-forecast-header').textContent ?? '';
    expect(header).toMatch(/Capacity/);
    expect(header).toMatch(/Headroom/);
    expect(screen.getByTestId('headroom-forecast-exhaustion').textContent).toMatch(/Exhaustion .* \(mean\)/);
    expect(screen.getByTestId('headroom-forecast-canvas')).toBeInTheDocument();
  });

  it('says when no capacity is set, and shows a clear message for a bad option', () => {
    renderPanel(series, { capacity: 0 });
    expect(screen.getByText(/No capacity set/)).toBeInTheDocument();
    renderPanel(series, { season: 'sometimes' });
    expect(screen.getByText(/Season "sometimes" must be auto, none/)).toBeInTheDocument();
  });

  it('keeps the model in view on one line: the exhaustion text gives way, with its full text as title', () => {
    renderPanel(series, { capacity: 2500, horizon: '7d' });
    const header = screen.getByTestId('headroom-forecast-header');
    // One line of 22 px that clips: wrapping would push the model onto a hidden second line.
    expect(getComputedStyle(header).flexWrap).toBe('nowrap');
    const exhaustion = screen.getByTestId('headroom-forecast-exhaustion');
    expect(getComputedStyle(exhaustion).textOverflow).toBe('ellipsis');
    expect(getComputedStyle(exhaustion).minWidth).toBe('0');
    expect(exhaustion.title).toBe(exhaustion.textContent);
    const model = screen.getByTestId('headroom-forecast-model');
    expect(getComputedStyle(model).flex).toMatch(/^none|0 0 auto$/);
    // Quality in words; the model and MASE only in its title.
    expect(model.textContent).toMatch(/^typical error ± \d+(\.\d)? %$/);
    expect(model.title).toMatch(/^model [^;]+; backtest over \d+ folds of \d+ steps, MASE \d+\.\d\d/);
  });

  it('opens its tooltip above the pointer in the lower half, so the panel does not clip it', () => {
    renderPanel(series, { capacity: 2500, horizon: '7d' });
    const canvas = screen.getByTestId('headroom-forecast-canvas');
    // jsdom: the canvas is at (0, 0) under the 26 px header; x 850 of 900 is in the forecast.
    fireEvent.mouseMove(canvas, { clientX: 850, clientY: 250 });
    const low = screen.getByTestId('headroom-forecast-tooltip');
    expect(low.textContent).toMatch(/forecast .*95 % interval/);
    expect(low.style.top).toBe('');
    expect(low.style.bottom).toBe(`${300 - (250 + 26) + 12}px`);
    fireEvent.mouseMove(canvas, { clientX: 850, clientY: 30 });
    const high = screen.getByTestId('headroom-forecast-tooltip');
    expect(high.style.top).toBe(`${30 + 26 + 12}px`);
    expect(high.style.bottom).toBe('');
  });
});
