import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { DataSourceSettings } from '@grafana/data';
import { ConfigEditor, settingsProblems } from './ConfigEditor';
import { QueryEditor } from './QueryEditor';
import { CostDataSourceOptions, CostQuery, CostSecureJsonData } from './types';

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  DataSourcePicker: ({ current }: { current: string | null }) => <div data-testid="picker">{current ?? 'none'}</div>,
}));

function options(jsonData: CostDataSourceOptions): DataSourceSettings<CostDataSourceOptions, CostSecureJsonData> {
  return { jsonData, secureJsonFields: {} } as unknown as DataSourceSettings<CostDataSourceOptions, CostSecureJsonData>;
}

describe('ConfigEditor', () => {
  it('shows every setting group and writes jsonData on change', () => {
    const onChange = jest.fn();
    render(<ConfigEditor options={options({ prometheusDatasourceUid: 'prom' })} onOptionsChange={onChange} />);
    expect(screen.getByTestId('picker').textContent).toBe('prom');
    for (const text of ['Inventory source', 'Request counter', 'Price book', 'Currency', 'Default pricing mix']) {
      expect(screen.getAllByText(text).length).toBeGreaterThan(0);
    }
    fireEvent.change(screen.getByTestId('headroom-cost-config-requests'), { target: { value: 'http_requests_total{job="web"}' } });
    expect(onChange.mock.calls.at(-1)[0].jsonData).toMatchObject({ prometheusDatasourceUid: 'prom', requestSelector: 'http_requests_total{job="web"}' });
    fireEvent.change(screen.getByLabelText('Spot %'), { target: { value: '40' } });
    expect(onChange.mock.calls.at(-1)[0].jsonData.defaultMix).toEqual({ spot: 0.4 });
    fireEvent.click(screen.getByText('OpenCost'));
    expect(onChange.mock.calls.at(-1)[0].jsonData.inventorySource).toBe('opencost');
  });

  it('validates a pasted price book as it is typed, naming the entry and field', () => {
    const book = JSON.stringify({ currency: 'USD', defaultRegion: 'us-east-1', asOf: '2024-01-01', source: 's', instances: [{ type: 't3.large', vcpu: 2, memoryGiB: 8, prices: {} }] });
    render(<ConfigEditor options={options({ priceBookSource: 'inline', priceBookInline: book })} onOptionsChange={jest.fn()} />);
    expect(screen.getByText(/instances\[0\] \(t3\.large\): prices\.on_demand: price is missing/)).toBeInTheDocument();
  });

  it('names a bad currency, mix, selector and label', () => {
    expect(settingsProblems({ currency: 'EURO' }).currency).toMatch(/not an ISO 4217 currency code/);
    expect(settingsProblems({ defaultMix: { reserved_1y: 0.7, spot: 0.5 } }).mix).toMatch(/add up to 1.2/);
    expect(settingsProblems({ monthlyBudgets: 'compute=1000, database=-1' }).budgets).toBe('monthly budgets: database: the monthly budget must be a number above 0 and at most 1000000000, got -1');
    expect(settingsProblems({ monthlyBudgets: 'compute=1000' }).budgets).toBeUndefined();
    expect(settingsProblems({ requestSelector: 'sum(x)' }).requestSelector).toMatch(/not a metric name/);
    expect(settingsProblems({ serviceLabel: 'app-name' }).serviceLabel).toMatch(/not a label name/);
    expect(settingsProblems({ inventoryMatchers: 'cluster="a' }).matchers).toMatch(/unbalanced/);
    expect(settingsProblems({ currency: 'usd', inventoryMatchers: '{cluster="prod"}' })).toEqual({});
  });

  it('sets each source of the bill beyond nodes: off, its selector and its price class; names a bad selector', () => {
    const onChange = jest.fn();
    const { rerender } = render(<ConfigEditor options={options({})} onOptionsChange={onChange} />);
    expect(screen.getByPlaceholderText('pg_database_size_bytes')).toBeInTheDocument();
    fireEvent.click(screen.getByLabelText('egress on'));
    expect(onChange.mock.calls.at(-1)[0].jsonData.beyondNodes).toEqual({ egress: { enabled: false } });
    fireEvent.change(screen.getByLabelText('database storage price class'), { target: { value: 'rds-gp3' } });
    expect(onChange.mock.calls.at(-1)[0].jsonData.beyondNodes).toEqual({ databaseStorage: { priceClass: 'rds-gp3' } });
    rerender(<ConfigEditor options={options({ beyondNodes: { blockStorage: { selector: 'sum(x)' } } })} onOptionsChange={onChange} />);
    expect(screen.getByText(/"sum\(x\)" is not a metric name/)).toBeInTheDocument();
  });

  it('keeps the authorization in secureJsonData in URL mode', () => {
    const onChange = jest.fn();
    render(<ConfigEditor options={options({ prometheusAccess: 'url', prometheusUrl: 'http://mimir/prometheus' })} onOptionsChange={onChange} />);
    fireEvent.change(screen.getByPlaceholderText('Bearer ...'), { target: { value: 'Bearer s3cret' } });
    const next = onChange.mock.calls.at(-1)[0];
    expect(next.secureJsonData).toEqual({ authorization: 'Bearer s3cret' });
    expect(JSON.stringify(next.jsonData)).not.toContain('s3cret');
  });
});

describe('QueryEditor', () => {
  const renderEditor = (query: Partial<CostQuery>, onChange = jest.fn(), onRunQuery = jest.fn()) =>
    render(<QueryEditor query={{ refId: 'A', ...query }} onChange={onChange} onRunQuery={onRunQuery} datasource={{} as never} />);

  it('shows the fields of each query type', () => {
    const { unmount } = renderEditor({ queryType: 'cost' });
    expect(screen.getByText('Group by')).toBeInTheDocument();
    unmount();
    renderEditor({ queryType: 'costPerRequest' }).unmount();
    renderEditor({ queryType: 'rightSizing' });
    expect(screen.getByLabelText('CPU query')).toBeInTheDocument();
    expect(screen.queryByText('Group by')).toBeNull();
  });

  it('changes per-type settings and runs the query', () => {
    const onChange = jest.fn();
    const onRun = jest.fn();
    renderEditor({ queryType: 'costPerRequest' }, onChange, onRun);
    fireEvent.click(screen.getByText('1M requests'));
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ perRequests: 1_000_000 }));
    expect(onRun).toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText('Component'), { target: { value: '$component' } });
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ component: '$component' }));
  });

  it('turns on the bill beyond nodes and the monthly run rate of a cost query', () => {
    const onChange = jest.fn();
    renderEditor({ queryType: 'cost' }, onChange);
    fireEvent.click(screen.getByLabelText('Beyond nodes'));
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ beyondNodes: true }));
    fireEvent.click(screen.getByLabelText('Per month'));
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ per: 'month' }));
  });

  it('edits the what-if mix of a savings query in percent', () => {
    const onChange = jest.fn();
    renderEditor({ queryType: 'savings' }, onChange);
    fireEvent.change(screen.getByLabelText('Reserved 3y'), { target: { value: '60' } });
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ mix: { reserved_3y: 0.6 } }));
  });
});
