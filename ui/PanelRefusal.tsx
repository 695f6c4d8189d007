// A panel that cannot draw its data says so as Grafana's own panels do: Grafana's no-data view,
// with "No data" in Grafana's words (or the field config's noValue) and any other message as it is.
import React from 'react';
import { PanelProps } from '@grafana/data';
import { PanelDataErrorView } from '@grafana/runtime';
import { NO_DATA } from './noData';

interface Props {
  panel: Pick<PanelProps, 'id' | 'fieldConfig' | 'data'>;
  message: string | undefined;
  /** The panel draws over time (Grafana's view then asks for a time field too). */
  needsTimeField?: boolean;
}

export function PanelRefusal({ panel, message, needsTimeField = true }: Props) {
  return (
    <PanelDataErrorView
      panelId={panel.id}
      fieldConfig={panel.fieldConfig}
      data={panel.data}
      message={message === NO_DATA ? undefined : message}
      needsNumberField
      needsTimeField={needsTimeField}
    />
  );
}
