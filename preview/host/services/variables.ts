// Resolves a dashboard's template variables the way Grafana does on load: datasource variables pick
// a data source of their type, query variables run their query (label_values(...), query_result(...)
// or a metric query) on their data source, custom/constant/textbox/interval take their values from
// the model. `var-<name>` URL parameters override the saved current values.
import { getDataSourceSrv, getTemplateSrv } from '@grafana/runtime';
import { ALL_VALUE, PreviewTemplateSrv, PreviewVariable } from './templateSrv';

/** A variable as the dashboard JSON saves it: a PreviewVariable whose current value and options may be missing. */
type VariableModel = Omit<PreviewVariable, 'current' | 'options'> & {
  current?: { text?: string | string[]; value?: string | string[] };
  options?: Array<{ text: string; value: string }>;
};

function queryString(query: unknown): string {
  if (typeof query === 'string') {
    return query;
  }
  if (query && typeof query === 'object' && 'query' in query) {
    return String((query as { query: unknown }).query ?? '');
  }
  return '';
}

async function optionsFor(model: VariableModel): Promise<Array<{ text: string; value: string }>> {
  const dsSrv = getDataSourceSrv();
  switch (model.type) {
    case 'datasource': {
      const pluginId = queryString(model.query);
      let list = dsSrv.getList({ pluginId });
      if (model.regex) {
        const re = new RegExp(model.regex.replace(/^\/(.*)\/[a-z]*$/, '$1'));
        list = list.filter((s) => re.test(s.name));
      }
      return list.map((s) => ({ text: s.name, value: s.uid }));
    }
    case 'custom':
      return queryString(model.query)
        .split(/(?<!\\),/)
        .map((part) => part.trim())
        .filter(Boolean)
        .map((part) => {
          const [text, value] = part.includes(' : ') ? part.split(' : ') : [part, part];
          return { text, value };
        });
    case 'interval':
      return queryString(model.query)
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
        .map((v) => ({ text: v, value: v }));
    case 'constant':
    case 'textbox': {
      const value = queryString(model.query) || String(model.current?.value ?? '');
      return [{ text: value, value }];
    }
    case 'query': {
      const ds = await dsSrv.get(model.datasource as never);
      const found = (await ds.metricFindQuery?.(queryString(model.query), {})) ?? [];
      let values = [...new Set(found.map((f) => String(f.text)))];
      if (model.regex) {
        const re = new RegExp(model.regex.replace(/^\/(.*)\/[a-z]*$/, '$1'));
        values = values.flatMap((v) => {
          const m = v.match(re);
          return m ? [m[1] ?? v] : [];
        });
      }
      return values.sort().map((v) => ({ text: v, value: v }));
    }
    default:
      return model.options ?? [];
  }
}

function pickCurrent(model: VariableModel, options: Array<{ text: string; value: string }>, urlValues: string[]): PreviewVariable['current'] {
  const wanted = urlValues.length ? urlValues : ([] as string[]).concat(model.current?.value ?? []);
  const isAll = wanted[0] === ALL_VALUE || wanted[0] === 'All' || wanted[0] === '$__all';
  if (isAll && model.includeAll) {
    return { text: 'All', value: ALL_VALUE };
  }
  const matching = wanted
    .map((w) => options.find((o) => o.value === w || o.text === w))
    .filter((o): o is { text: string; value: string } => o !== undefined);
  if (urlValues.length && (model.type === 'textbox' || matching.length === 0)) {
    // A value from the URL is kept even when the query did not list it.
    return model.multi ? { text: urlValues, value: urlValues } : { text: urlValues[0], value: urlValues[0] };
  }
  if (matching.length) {
    return model.multi
      ? { text: matching.map((o) => o.text), value: matching.map((o) => o.value) }
      : { text: matching[0].text, value: matching[0].value };
  }
  if (model.type === 'datasource') {
    // Grafana: the default data source if it has the right type, else the first one.
    const fallback = getDataSourceSrv().getInstanceSettings(null);
    const option = options.find((o) => o.value === fallback?.uid) ?? options[0];
    if (option) {
      return { text: option.text, value: option.value };
    }
  }
  if (model.includeAll && (model.multi || options.length === 0)) {
    return { text: 'All', value: ALL_VALUE };
  }
  if (options[0]) {
    return model.multi ? { text: [options[0].text], value: [options[0].value] } : { ...options[0] };
  }
  return { text: String(model.current?.text ?? ''), value: model.current?.value ?? '' };
}

/** Resolves the variables in order (a variable may use the ones before it). */
export async function resolveVariables(models: VariableModel[], search: URLSearchParams): Promise<PreviewVariable[]> {
  const resolved: PreviewVariable[] = [];
  for (const model of models) {
    let options: Array<{ text: string; value: string }> = [];
    let error: string | undefined;
    // Later variables may use the earlier ones (in their data source or query).
    (getTemplateSrv() as PreviewTemplateSrv).setVariables(resolved);
    try {
      options = await optionsFor(model);
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
      options = model.options ?? [];
    }
    if (model.includeAll && model.type !== 'datasource') {
      options = [{ text: 'All', value: ALL_VALUE }, ...options.filter((o) => o.value !== ALL_VALUE)];
    }
    const current = pickCurrent(model, options, search.getAll(`var-${model.name}`));
    resolved.push({
      name: model.name,
      type: model.type,
      label: model.label,
      query: model.query,
      datasource: model.datasource,
      multi: model.multi,
      includeAll: model.includeAll,
      allValue: model.allValue,
      hide: model.hide,
      current,
      options,
      ...(error ? { error } : {}),
    } as PreviewVariable);
  }
  return resolved;
}
