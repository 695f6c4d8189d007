// DataFrame builders: typed arrays in, Grafana fields out (plain arrays, null for missing values,
// units and display names set), with the Headroom role in meta.custom.headroom.
import { DataFrame, Field, FieldConfig, FieldType, QueryResultMetaNotice } from '@grafana/data';
import { HeadroomFrameMeta, META_KEY, SERIES_FIELDS } from '../../../core/cost/contract';

/** Plain array of numbers, null where the value isn't finite (Grafana draws a gap). */
export function numbers(v: ArrayLike<number>, n = v.length): Array<number | null> {
  const out = new Array<number | null>(n);
  for (let i = 0; i < n; i++) {
    const x = v[i];
    out[i] = x - x === 0 ? x : null;
  }
  return out;
}

export function timeField(t: ArrayLike<number>, stepMs?: number): Field {
  const values = new Array<number>(t.length);
  for (let i = 0; i < t.length; i++) {
    values[i] = t[i];
  }
  return { name: SERIES_FIELDS.time, type: FieldType.time, config: stepMs ? { interval: stepMs } : {}, values };
}

export function numberField(name: string, values: ArrayLike<number>, config: FieldConfig = {}, labels?: Record<string, string>): Field {
  return { name, type: FieldType.number, config, values: numbers(values), ...(labels ? { labels } : {}) };
}

export function stringField(name: string, values: string[], config: FieldConfig = {}): Field {
  return { name, type: FieldType.string, config, values };
}

export function frame(refId: string, name: string, fields: Field[], meta: HeadroomFrameMeta, notices: QueryResultMetaNotice[] = [], executed?: string): DataFrame {
  return {
    refId,
    name,
    fields,
    length: fields[0]?.values.length ?? 0,
    meta: {
      custom: { [META_KEY]: meta },
      ...(notices.length ? { notices } : {}),
      ...(executed ? { executedQueryString: executed } : {}),
    },
  };
}

export function warning(text: string): QueryResultMetaNotice {
  return { severity: 'warning', text };
}

export function info(text: string): QueryResultMetaNotice {
  return { severity: 'info', text };
}
