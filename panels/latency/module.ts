import { PanelPlugin } from '@grafana/data';
import { LatencyPanel } from './LatencyPanel';
import { buildLatencyOptions } from './options';
import { LatencyOptions } from './types';

export const plugin = new PanelPlugin<LatencyOptions>(LatencyPanel).setPanelOptions(buildLatencyOptions);
