import { PanelOptionsEditorBuilder } from '@grafana/data';
import { choices } from '../../ui/choices';
import { defaultLatencyOptions, LatencyOptions } from './types';

export function buildLatencyOptions(builder: PanelOptionsEditorBuilder<LatencyOptions>) {
  return builder
    .addTextInput({
      path: 'percentiles',
      name: 'Percentiles',
      description: 'Comma-separated percents, computed exactly as histogram_quantile does.',
      category: ['Percentiles'],
      defaultValue: defaultLatencyOptions.percentiles,
    })
    .addNumberInput({
      path: 'sloThreshold',
      name: 'SLO threshold',
      description: 'Latency objective in the unit of the buckets (seconds for Prometheus histograms).',
      category: ['SLO'],
      defaultValue: defaultLatencyOptions.sloThreshold,
      settings: { min: 0 },
    })
    .addNumberInput({
      path: 'sloTargetPercent',
      name: 'SLO target (%)',
      description: 'Share of requests that must be under the threshold.',
      category: ['SLO'],
      defaultValue: defaultLatencyOptions.sloTargetPercent,
      settings: { min: 0, max: 100 },
    })
    .addRadio({
      path: 'yScale',
      name: 'Y axis',
      category: ['Heatmap'],
      defaultValue: defaultLatencyOptions.yScale,
      settings: choices(['linear', 'Linear'], ['log', 'Log']),
    })
    .addSelect({
      path: 'colorScheme',
      name: 'Colour scheme',
      category: ['Heatmap'],
      defaultValue: defaultLatencyOptions.colorScheme,
      settings: {
        options: ['Oranges', 'Blues', 'Greens', 'Purples', 'Viridis', 'Magma'].map((value) => ({ value, label: value })),
      },
    })
    .addSliderInput({
      path: 'opacity',
      name: 'Opacity',
      category: ['Heatmap'],
      defaultValue: defaultLatencyOptions.opacity,
      settings: { min: 0.1, max: 1, step: 0.05 },
    })
    .addRadio({
      path: 'distributionView',
      name: 'Distribution view',
      description: 'The distribution at the hovered or selected time, beside the heatmap.',
      category: ['Distribution'],
      defaultValue: defaultLatencyOptions.distributionView,
      settings: choices(['bars', 'Bars'], ['cdf', 'CDF'], ['off', 'Off']),
    })
    .addRadio({
      path: 'bucketValues',
      name: 'Bucket values',
      description: 'What the bucket series hold, for the tooltip: Auto reads it from the query (rate() is per second; increase() and raw _bucket counters are requests per interval). Set it for recording rules.',
      category: ['Heatmap'],
      defaultValue: defaultLatencyOptions.bucketValues,
      settings: choices(['auto', 'Auto'], ['rate', 'Requests per second'], ['count', 'Requests per interval']),
    });
}
