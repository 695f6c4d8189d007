import React from 'react';
import { QueryEditorProps, SelectableValue } from '@grafana/data';
import { InlineField, Select } from '@grafana/ui';
import { CostDataSource } from './datasource';
import { CostDataSourceOptions, CostQuery, CostQueryType } from './types';

type Props = QueryEditorProps<CostDataSource, CostQuery, CostDataSourceOptions>;

const queryTypes: Array<SelectableValue<CostQueryType>> = [
  { value: 'cost', label: 'Cost over time' },
  { value: 'costPerRequest', label: 'Cost per request' },
  { value: 'projection', label: 'Projection' },
  { value: 'savings', label: 'Savings' },
  { value: 'rightSizing', label: 'Right-sizing' },
];

export function QueryEditor({ query, onChange, onRunQuery }: Props) {
  return (
    <InlineField label="Query type" labelWidth={14}>
      <Select
        width={28}
        options={queryTypes}
        value={query.queryType ?? 'cost'}
        onChange={(option) => {
          onChange({ ...query, queryType: option.value });
          onRunQuery();
        }}
      />
    </InlineField>
  );
}
