import React, { ChangeEvent } from 'react';
import { QueryEditorProps, SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, InlineSwitch, Input, RadioButtonGroup, Select } from '@grafana/ui';
import { HOURS_PER_MONTH, HOURS_PER_YEAR } from '../../core/cost/types';
import { CostDataSource } from './datasource';
import { CostDataSourceOptions, CostGroupBy, CostQuery, CostQueryType, DEFAULT_MIN_REQUESTS, MixSetting, UpfrontSetting } from './types';

type Props = QueryEditorProps<CostDataSource, CostQuery, CostDataSourceOptions>;

export const queryTypeOptions: Array<SelectableValue<CostQueryType>> = [
  { value: 'cost', label: 'Cost over time', description: 'Money per hour by component, instance type or service' },
  { value: 'costPerRequest', label: 'Cost per request', description: 'Integrated cost / increase of requests, with the pricing comparison' },
  { value: 'projection', label: 'Projection', description: 'Monthly or yearly run rate per pricing model' },
  { value: 'savings', label: 'Savings', description: 'On demand vs reserved 1y / 3y vs spot, and a what-if mix' },
  { value: 'rightSizing', label: 'Right-sizing', description: 'Utilisation against size per instance type' },
];

const groupByOptions: Array<SelectableValue<CostGroupBy>> = [
  { value: 'component', label: 'Component' },
  { value: 'instance_type', label: 'Instance type' },
  { value: 'service', label: 'Service' },
  { value: 'total', label: 'Total' },
];

const perOptions: Array<SelectableValue<number>> = [
  { value: 1000, label: '1k requests' },
  { value: 1_000_000, label: '1M requests' },
];

const upfrontOptions: Array<SelectableValue<UpfrontSetting>> = [
  { value: 'no', label: 'No upfront' },
  { value: 'partial', label: 'Partial' },
  { value: 'all', label: 'All upfront' },
];

const periodOptions: Array<SelectableValue<'month' | 'year'>> = [
  { value: 'month', label: `Month (${HOURS_PER_MONTH} h)` },
  { value: 'year', label: `Year (${HOURS_PER_YEAR} h)` },
];

const formatOptions: Array<SelectableValue<'time_series' | 'table'>> = [
  { value: 'time_series', label: 'Time series' },
  { value: 'table', label: 'Table' },
];

const unpricedOptions: Array<SelectableValue<'error' | 'skip'>> = [
  { value: 'error', label: 'Fail' },
  { value: 'skip', label: 'Leave out' },
];

const W = 14;

export function QueryEditor({ query, onChange, onRunQuery }: Props) {
  const type = query.queryType ?? 'cost';
  const set = (patch: Partial<CostQuery>, run = true) => {
    onChange({ ...query, ...patch });
    if (run) {
      onRunQuery();
    }
  };
  const text = (key: keyof CostQuery, placeholder: string, label: string, tooltip: string, width = 24) => (
    <InlineField label={label} labelWidth={W} tooltip={tooltip}>
      <Input
        width={width}
        value={(query[key] as string | undefined) ?? ''}
        placeholder={placeholder}
        onChange={(e: ChangeEvent<HTMLInputElement>) => set({ [key]: e.currentTarget.value } as Partial<CostQuery>, false)}
        onBlur={onRunQuery}
        aria-label={label}
      />
    </InlineField>
  );
  const mixShare = (key: 'reserved_1y' | 'reserved_3y' | 'spot', label: string) => (
    <InlineField label={label} labelWidth={W}>
      <Input
        type="number"
        width={10}
        min={0}
        max={100}
        suffix="%"
        value={query.mix?.[key] === undefined ? '' : String(Math.round((query.mix[key] as number) * 1000) / 10)}
        onChange={(e: ChangeEvent<HTMLInputElement>) => {
          const v = e.currentTarget.value.trim();
          const mix: MixSetting = { ...(query.mix ?? {}), [key]: v === '' ? undefined : Number(v) / 100 };
          set({ mix }, false);
        }}
        onBlur={onRunQuery}
        aria-label={label}
      />
    </InlineField>
  );

  return (
    <div data-testid="headroom-cost-query-editor">
      <InlineFieldRow>
        <InlineField label="Query type" labelWidth={W}>
          <Select width={28} options={queryTypeOptions} value={type} onChange={(option) => set({ queryType: option.value })} aria-label="Query type" />
        </InlineField>
        {type === 'cost' && (
          <InlineField label="Group by" labelWidth={W} tooltip="Service: the cost shared out by each service's share of the requests in every step.">
            <RadioButtonGroup options={groupByOptions} value={query.groupBy ?? 'component'} onChange={(value) => set({ groupBy: value })} />
          </InlineField>
        )}
        {type === 'cost' && (
          <InlineField label="Budget" tooltip="Also each group's monthly budget from the data source settings, as budget / 730 per hour.">
            <InlineSwitch value={query.budget ?? false} onChange={(e: React.FormEvent<HTMLInputElement>) => set({ budget: e.currentTarget.checked })} aria-label="Budget" />
          </InlineField>
        )}
        {type === 'cost' && (
          <InlineField label="Per month" tooltip="Each step's hourly cost x 730 (the monthly run rate) instead of money per hour.">
            <InlineSwitch value={query.per === 'month'} onChange={(e: React.FormEvent<HTMLInputElement>) => set({ per: e.currentTarget.checked ? 'month' : undefined })} aria-label="Per month" />
          </InlineField>
        )}
        {type !== 'rightSizing' && (
          <InlineField label="Beyond nodes" tooltip="Also database storage, block storage and egress from the exporters (postgres_exporter, node_exporter), priced per GB-month and per GB; see the data source settings.">
            <InlineSwitch value={query.beyondNodes ?? false} onChange={(e: React.FormEvent<HTMLInputElement>) => set({ beyondNodes: e.currentTarget.checked })} aria-label="Beyond nodes" />
          </InlineField>
        )}
        {type === 'costPerRequest' && (
          <>
            <InlineField label="Cost per" labelWidth={W}>
              <RadioButtonGroup options={perOptions} value={query.perRequests ?? 1000} onChange={(value) => set({ perRequests: value })} />
            </InlineField>
            <InlineField label="Min requests" labelWidth={W} tooltip="Below this many requests in a window, the answer is 'not enough traffic' instead of a division by almost nothing.">
              <Input
                type="number"
                width={10}
                min={0}
                value={query.minRequests ?? ''}
                placeholder={String(DEFAULT_MIN_REQUESTS)}
                onChange={(e: ChangeEvent<HTMLInputElement>) => set({ minRequests: e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value) }, false)}
                onBlur={onRunQuery}
                aria-label="Min requests"
              />
            </InlineField>
          </>
        )}
        {type === 'projection' && (
          <>
            <InlineField label="Period" labelWidth={W}>
              <RadioButtonGroup
                options={periodOptions}
                value={query.period ?? 'month'}
                onChange={(value) => set({ period: value })}
              />
            </InlineField>
            <InlineField label="Format" labelWidth={W}>
              <RadioButtonGroup
                options={formatOptions}
                value={query.format ?? 'time_series'}
                onChange={(value) => set({ format: value })}
              />
            </InlineField>
          </>
        )}
      </InlineFieldRow>
      {(type === 'savings' || type === 'projection' || type === 'cost' || type === 'costPerRequest') && (
        <InlineFieldRow>
          {mixShare('reserved_1y', 'Reserved 1y')}
          {mixShare('reserved_3y', 'Reserved 3y')}
          {mixShare('spot', 'Spot')}
          <InlineField label="Payment" labelWidth={10}>
            <RadioButtonGroup options={upfrontOptions} value={query.mix?.upfront ?? 'no'} onChange={(value) => set({ mix: { ...(query.mix ?? {}), upfront: value } })} />
          </InlineField>
        </InlineFieldRow>
      )}
      {type === 'rightSizing' && (
        <>
          <InlineFieldRow>{text('cpuQuery', 'avg by (instance_type) (cpu_utilisation_ratio)', 'CPU query', 'PromQL giving CPU utilisation 0..1; sized on its 95th percentile over the range.', 60)}</InlineFieldRow>
          <InlineFieldRow>{text('memoryQuery', 'optional: memory utilisation 0..1', 'Memory query', 'Without it, the current memory is kept.', 60)}</InlineFieldRow>
          <InlineFieldRow>
            {text('rightSizingType', 't3.large', 'Instance type', 'The type the queries describe when their series carry no instance_type label.')}
            <InlineField label="Target" labelWidth={W} tooltip="Utilisation to size for, 0..1.">
              <Input
                type="number"
                width={10}
                min={0.05}
                max={1}
                step={0.05}
                value={query.targetUtilization ?? ''}
                placeholder="0.7"
                onChange={(e: ChangeEvent<HTMLInputElement>) => set({ targetUtilization: e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value) }, false)}
                onBlur={onRunQuery}
                aria-label="Target utilisation"
              />
            </InlineField>
          </InlineFieldRow>
        </>
      )}
      <InlineFieldRow>
        {text('component', 'all', 'Component', 'compute, database, cache… — a variable ($component) or several values a|b.', 18)}
        {text('instanceType', 'all', 'Instance type', 'A variable ($instance_type) or several values a|b.', 18)}
        {text('region', 'all', 'Region', 'A variable or several values a|b.', 14)}
        {(type === 'costPerRequest' || (type === 'cost' && query.groupBy === 'service')) && text('service', 'all', 'Service', 'Filters the request counter by its service label.', 14)}
      </InlineFieldRow>
      <InlineFieldRow>
        {(type === 'costPerRequest' || type === 'cost') && text('requestSelector', "data source's", 'Requests', 'Request counter selector for this query, e.g. http_requests_total{job="web"}.', 36)}
        {text('interval', 'auto', 'Min step', 'Smallest step, e.g. 1m or $__interval.', 10)}
        <InlineField label="Unpriced types" labelWidth={W} tooltip="An instance type the price book doesn't know.">
          <RadioButtonGroup
            options={unpricedOptions}
            value={query.unpriced ?? 'error'}
            onChange={(value) => set({ unpriced: value })}
          />
        </InlineField>
      </InlineFieldRow>
    </div>
  );
}
