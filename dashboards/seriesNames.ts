// The names a panel's series (or table columns) can have, read from its targets, for the check that
// its field overrides match something (overrides.test.ts):
// - a Prometheus legend: its text with each {{label}} standing as the value 'value'; a legend made
//   of labels only (or no legend) can be any name;
// - a Prometheus table: the labels of its `by (…)` and 'Value' ('Value #<refId>' when the panel has
//   more than one table query, as Grafana names them), renamed by an organize transformation;
// - the cost data source's projection: its pricing models' names; its other queries name series
//   after the data (components, instance types), so any name.
import { modelMixes } from '../datasources/cost/engine/projection';
import { Panel, Target } from './dashboardModel';

export const ANY_NAME = Symbol('any name');
export type SeriesName = string | typeof ANY_NAME;

const placeholder = /\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g;

function legendName(legend: unknown): SeriesName {
  if (typeof legend !== 'string' || legend.replace(placeholder, '').trim() === '') return ANY_NAME;
  return legend.replace(placeholder, 'value');
}

function tableColumns(t: Target, tables: number): string[] {
  const by = /\bby\s*\(([^)]*)\)/.exec(t.expr ?? '');
  const labels = by ? by[1].split(',').map((l) => l.trim()).filter((l) => l !== '') : [];
  return [...labels, tables > 1 ? `Value #${t.refId}` : 'Value'];
}

function renamed(p: Panel, names: SeriesName[]): SeriesName[] {
  const organize = ((p as { transformations?: Array<{ id: string; options?: { renameByName?: Record<string, string> } }> }).transformations ?? []).filter((x) => x.id === 'organize');
  return names.map((n) => {
    if (n === ANY_NAME) return n;
    let out = n;
    for (const o of organize) out = o.options?.renameByName?.[out] || out;
    return out;
  });
}

function targetNames(t: Target, tables: number): SeriesName[] {
  const type = t.datasource?.type;
  if (type === 'prometheus') return t.format === 'table' ? tableColumns(t, tables) : [legendName(t.legendFormat)];
  if (type === 'headroom-cost-datasource' && t.queryType === 'projection' && t.format !== 'table') return modelMixes({}).map((m) => m.label);
  return [ANY_NAME];
}

export function seriesNames(p: Panel): SeriesName[] {
  const tables = (p.targets ?? []).filter((t) => t.datasource?.type === 'prometheus' && t.format === 'table').length;
  return renamed(p, (p.targets ?? []).flatMap((t) => targetNames(t, tables)));
}
