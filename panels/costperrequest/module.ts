import { PanelPlugin } from '@grafana/data';
import { CostPerRequestPanel } from './CostPerRequestPanel';
import { buildCostPerRequestOptions } from './options';
import { CostPerRequestOptions } from './types';

export const plugin = new PanelPlugin<CostPerRequestOptions>(CostPerRequestPanel).setPanelOptions(
  buildCostPerRequestOptions
);
