// Every Headroom panel hands empty data to Grafana's own no-data view (PanelDataErrorView).
import React from 'react';
import { render, screen } from '@testing-library/react';
import {
  getDefaultTimeRange,
  LoadingState,
  PanelData,
  PanelOptionsEditorBuilder,
  PanelPlugin,
  standardEditorsRegistry,
} from '@grafana/data';
import { plugin as latency } from './latency/module';
import { plugin as costPerRequest } from './costperrequest/module';
import { plugin as scalingTimeline } from './scalingtimeline/module';
import { plugin as capacityForecast } from './capacityforecast/module';

// Grafana registers its option editors at start-up; the builder only needs their ids here.
standardEditorsRegistry.setInit(() =>
  ['text', 'number', 'radio', 'select', 'slider', 'boolean'].map((id) => ({ id, name: id, editor: () => null }))
);

const emptyData: PanelData = { state: LoadingState.Done, series: [], timeRange: getDefaultTimeRange() };

// Grafana injects its renderer into PanelDataErrorView at start-up; this stand-in does what the
// real one does for an empty result.
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  PanelDataErrorView: ({ data }: { data: PanelData }) => (
    <div>{data.series.length === 0 ? 'No data' : 'Unable to render data'}</div>
  ),
}));

describe.each([
  ['latency', latency],
  ['cost per request', costPerRequest],
  ['scaling timeline', scalingTimeline],
  ['capacity forecast', capacityForecast],
] as Array<[string, PanelPlugin]>)('%s panel', (_name, plugin) => {
  it('renders Grafana\'s no-data state for an empty result', () => {
    const Panel = plugin.panel!;
    render(
      <Panel
        id={1}
        data={emptyData}
        timeRange={emptyData.timeRange}
        timeZone="utc"
        options={{}}
        fieldConfig={{ defaults: {}, overrides: [] }}
        transparent={false}
        width={400}
        height={300}
        renderCounter={0}
        title="t"
        eventBus={{} as never}
        onOptionsChange={() => {}}
        onFieldConfigChange={() => {}}
        replaceVariables={(s) => s}
        onChangeTimeRange={() => {}}
      />
    );
    expect(screen.getByText('No data')).toBeInTheDocument();
  });

  it('declares its options, each with a default', () => {
    const builder = new PanelOptionsEditorBuilder();
    plugin.getPanelOptionsSupplier()(builder, { data: [] });
    const items = builder.getItems();
    expect(items.length).toBeGreaterThan(2);
    for (const item of items) {
      expect(item.defaultValue).not.toBeUndefined();
    }
  });
});
