// What every Grafana core panel of the preview gets: the panel's options and field config (as
// saved, thresholds fixed), the query result with field overrides applied, the size of the panel's
// content, the time range and the panel's variable interpolation.
import { FieldConfigSource, InterpolateFunction, PanelData, TimeRange } from '@grafana/data';

export interface CorePanelProps<O = Record<string, unknown>> {
  type: string;
  options: O;
  fieldConfig: FieldConfigSource;
  data: PanelData;
  width: number;
  height: number;
  timeRange: TimeRange;
  replaceVariables: InterpolateFunction;
}
