// Grafana's "table" panel: @grafana/ui's Table (cell types, colour-text and mappings from the field
// config, sorting, header), one frame at a time as Grafana shows it (the first with rows).
import React from 'react';
import { TableCellHeight } from '@grafana/schema';
import { Table } from '@grafana/ui';
import { CorePanelProps } from './types';

interface TableOptions {
  showHeader?: boolean;
  cellHeight?: TableCellHeight;
}

export function TablePanel({ options, fieldConfig, data, width, height, replaceVariables, timeRange }: CorePanelProps<TableOptions>) {
  const frame = data.series.find((f) => f.length > 0) ?? data.series[0];
  return (
    <Table
      data={frame}
      width={width}
      height={height}
      noHeader={options.showHeader === false}
      cellHeight={options.cellHeight}
      fieldConfig={fieldConfig}
      replaceVariables={replaceVariables}
      timeRange={timeRange}
      resizable={false}
    />
  );
}
