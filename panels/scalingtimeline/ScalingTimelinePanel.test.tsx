import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { dateTime, LoadingState, PanelData } from '@grafana/data';
import { ScalingTimelinePanel } from './ScalingTimelinePanel';
import { ksmFrames, rawCpuFrames } from './testFrames';
import { defaultScalingTimelineOptions, ScalingTimelineOptions } from './types';
import { eventLines } from './render/hoverText';

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  PanelDataErrorView: ({ message }: { message?: string }) => <div>{message ?? 'No data'}</div>,
}));

const range = { from: dateTime(0), to: dateTime(240 * 30000), raw: { from: 'now-2h', to: 'now' } };

function renderPanel(series: PanelData['series'], options: Partial<ScalingTimelineOptions> = {}, defaultUnit?: string) {
  return render(
    <ScalingTimelinePanel
      id={1}
      data={{ state: LoadingState.Done, series, timeRange: range }}
      timeRange={range}
      timeZone="utc"
      options={{ ...defaultScalingTimelineOptions, ...options }}
      fieldConfig={{ defaults: defaultUnit ? { unit: defaultUnit } : {}, overrides: [] }}
      transparent={false}
      width={900}
      height={320}
      renderCounter={0}
      title="Scaling"
      eventBus={{} as never}
      onOptionsChange={() => {}}
      onFieldConfigChange={() => {}}
      replaceVariables={(s) => s}
      onChangeTimeRange={() => {}}
    />
  );
}

describe('ScalingTimelinePanel', () => {
  it('summarises one workload in its header: events, time at max, reaction, flaps, replica-hours', () => {
    renderPanel(ksmFrames());
    const header = screen.getByTestId('headroom-scaling-header').textContent ?? '';
    expect(header).toMatch(/Scale events\s*4/);
    expect(header).toMatch(/Time at max/);
    expect(header).toMatch(/Replica-hours/);
    expect(screen.getAllByTestId('headroom-scaling-row')).toHaveLength(1);
  });

  it('says "1 note", not "1 notes"', () => {
    const frames = ksmFrames();
    renderPanel([...frames, frames[0]]); // the current replicas twice: merged, said in a note
    expect(screen.getByTestId('headroom-scaling-warnings').textContent).toMatch(/^\s*1 note$/);
  });

  it('stacks many workloads as rows and totals them', () => {
    renderPanel([...ksmFrames('web'), ...ksmFrames('api')]);
    expect(screen.getAllByTestId('headroom-scaling-row')).toHaveLength(2);
    expect(screen.getByTestId('headroom-scaling-header').textContent).toMatch(/Workloads\s*2/);
  });

  it('shows Grafana\'s no-data state for an empty result and hides the tooltip on leave', () => {
    renderPanel([]);
    expect(screen.getByText('No data')).toBeInTheDocument();
  });

  it('describes an event with its reason and the cap', () => {
    const lines = eventLines(
      { t: 0, index: 0, from: 8, to: 12, direction: 'up', size: 4, afterGap: false, hitMax: true, hitMin: false, desired: 14, reason: { kind: 'metric', value: 95, target: 75, comparison: '>', forMs: 150000, consistent: true, text: 'cpu 95 % > target 75 % for 2m30s' } },
      () => '10:00'
    );
    expect(lines).toEqual(['10:00 scale up 8 → 12', 'cpu 95 % > target 75 % for 2m30s', 'hit max (desired 14)']);
  });

  it('keeps working when the pointer moves over the rows', () => {
    renderPanel(ksmFrames());
    const canvas = screen.getByLabelText(/Replicas of web/);
    fireEvent.mouseMove(canvas, { clientX: 100, clientY: 20 });
    fireEvent.mouseLeave(canvas);
    expect(screen.queryByTestId('headroom-scaling-tooltip')).toBeNull();
  });

  it('reads a utilisation field of unit "percentunit" at 1.46-1.87 as 146-187 % against the 75 % target (#20)', () => {
    renderPanel(rawCpuFrames('percentunit'), { queryRoles: 'E=utilisation' });
    const canvas = screen.getByLabelText(/Replicas of web/);
    // The scale-up 5 → 8 at 30 min of 2 h (see below); 1.46 just before it.
    fireEvent.mouseMove(canvas, { clientX: 36 + 824 / 4, clientY: 20 });
    expect(screen.getByTestId('headroom-scaling-tooltip').textContent).toMatch(/scale up 5 → 8cpu 146 % > target 75 % for 2m30s/);
    // 50m15s of 2 h: at max, pods at 187 % (sample 100, at 50 min).
    fireEvent.mouseMove(canvas, { clientX: 36 + (824 * 50.25) / 120, clientY: 20 });
    expect(screen.getByTestId('headroom-scaling-tooltip').textContent).toMatch(/cpu 187 % vs target 75 %/);
    expect(screen.queryByTestId('headroom-scaling-warnings')).toBeNull();
  });

  it('takes the unit from the panel\'s field config when the field has none: "percent" keeps 1.46 as 1 %', () => {
    renderPanel(rawCpuFrames(), { queryRoles: 'E=utilisation' }, 'percent');
    const canvas = screen.getByLabelText(/Replicas of web/);
    fireEvent.mouseMove(canvas, { clientX: 36 + 824 / 4, clientY: 20 });
    expect(screen.getByTestId('headroom-scaling-tooltip').textContent).toMatch(/cpu 1 % < target 75 %/);
  });

  it('opens an event\'s tooltip above the pointer in the lower half of the row, so it is not clipped', () => {
    renderPanel(ksmFrames());
    const canvas = screen.getByLabelText(/Replicas of web/);
    // jsdom: the canvas is at (0, 0); the scale-up 5 → 8 at 30 min of 2 h is at 36 + 824 / 4 px.
    // One row fills 320 - 24 (header) - 18 (time axis) = 278 px.
    fireEvent.mouseMove(canvas, { clientX: 36 + 824 / 4, clientY: 250 });
    const low = screen.getByTestId('headroom-scaling-tooltip');
    expect(low.textContent).toMatch(/scale up 5 → 8/);
    expect(low.style.top).toBe('');
    expect(low.style.bottom).toBe(`${278 - 250 + 10}px`);
    fireEvent.mouseMove(canvas, { clientX: 36 + 824 / 4, clientY: 20 });
    const high = screen.getByTestId('headroom-scaling-tooltip');
    expect(high.style.top).toBe(`${20 + 10}px`);
    expect(high.style.bottom).toBe('');
  });
});
