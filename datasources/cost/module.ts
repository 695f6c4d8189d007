import { DataSourcePlugin } from '@grafana/data';
import { ConfigEditor } from './ConfigEditor';
import { CostDataSource } from './datasource';
import { QueryEditor } from './QueryEditor';
import { CostDataSourceOptions, CostQuery, CostSecureJsonData } from './types';

export const plugin = new DataSourcePlugin<CostDataSource, CostQuery, CostDataSourceOptions, CostSecureJsonData>(
  CostDataSource
)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
