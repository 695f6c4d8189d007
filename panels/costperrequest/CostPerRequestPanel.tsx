import React, { useMemo } from 'react';
import { formattedValueToString, getValueFormat, PanelProps } from '@grafana/data';
import { PanelRefusal } from '../../ui/PanelRefusal';
import { currencyUnit } from '../../core/cost/units';
import { CostView } from './components/CostView';
import { buildModel, minRequestsOf, perOf } from './model/build';
import { CostPerRequestOptions } from './types';

export function CostPerRequestPanel(props: PanelProps<CostPerRequestOptions>) {
  const { data, fieldConfig, options, timeRange, timeZone, width, height } = props;
  const model = useMemo(() => buildModel(data.series, options, fieldConfig.defaults.unit), [data.series, options, fieldConfig.defaults.unit]);
  // Currency and decimals: the field config's when set, else the data's currency unit.
  const unit = fieldConfig.defaults.unit || ('inputs' in model ? (model.inputs.unit ?? (model.inputs.currency ? currencyUnit(model.inputs.currency) : undefined)) : undefined);
  const decimals = fieldConfig.defaults.decimals ?? undefined;
  const money = useMemo(() => {
    const fmt = getValueFormat(unit || 'none');
    return (v: number) => formattedValueToString(fmt(v, decimals));
  }, [unit, decimals]);
  const count = useMemo(() => {
    const fmt = getValueFormat('short');
    return (v: number) => formattedValueToString(fmt(v, Number.isInteger(v) ? 0 : undefined));
  }, []);

  if ('message' in model) {
    return <PanelRefusal panel={props} message={data.series.some((f) => f.length > 0) ? model.message : undefined} />;
  }
  const budget = Number(options.budget) > 0 ? Number(options.budget) : null;
  return (
    <CostView
      model={model}
      per={perOf(options)}
      minRequests={minRequestsOf(options)}
      budget={budget}
      showComparison={options.showPricingComparison !== false}
      money={money}
      count={count}
      from={timeRange.from.valueOf()}
      to={timeRange.to.valueOf()}
      timeZone={timeZone}
      width={width}
      height={height}
    />
  );
}
