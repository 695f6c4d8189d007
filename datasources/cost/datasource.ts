import { Observable } from 'rxjs';
import {
  DataQueryError,
  DataQueryRequest,
  DataQueryResponse,
  DataSourceApi,
  DataSourceInstanceSettings,
  MetricFindValue,
  ScopedVars,
  TestDataSourceResponse,
  TimeRange,
} from '@grafana/data';
import { getTemplateSrv, TemplateSrv } from '@grafana/runtime';
import { PrometheusClient } from '../../core/prometheus/client';
import { vectorToSamples } from '../../core/prometheus/matrix';
import { formatDuration } from '../../core/prometheus/promql';
import { backendSrvFetch } from './backendFetch';
import { filtersOf, QueryContext, resolveMix, SharedLoads } from './engine/context';
import { costQuery, QueryOutput } from './engine/cost';
import { CostQueryError, describeError } from './engine/errors';
import { inventorySpec, InventoryFilters, settingsMatchers } from './engine/inventory';
import { costPerRequestQuery } from './engine/perRequest';
import { projectionQuery, savingsQuery } from './engine/projection';
import { requestSource } from './engine/requests';
import { rightSizingQuery } from './engine/rightSizing';
import { queryWindow } from './engine/window';
import { loadPriceBook, LoadedPriceBook } from './pricebook';
import { prometheusBase } from './prometheusBase';
import { ALL, labelMatcher, Selection } from './promql/escape';
import { interpolatePromQL, VariableLookup } from './promql/interpolate';
import { filterSelection, templateLookup } from './promql/variables';
import { CostDataSourceOptions, CostQuery, CostQueryType, defaultQuery } from './types';

export const QUERY_TYPES: readonly CostQueryType[] = ['cost', 'costPerRequest', 'projection', 'savings', 'rightSizing'];

/** Template variable queries metricFindQuery answers. */
export const VARIABLE_FUNCTIONS = ['instance_types', 'components', 'services', 'regions'] as const;

export class CostDataSource extends DataSourceApi<CostQuery, CostDataSourceOptions> {
  private readonly json: CostDataSourceOptions;

  constructor(
    private readonly settings: DataSourceInstanceSettings<CostDataSourceOptions>,
    private readonly templateSrv: Pick<TemplateSrv, 'replace' | 'getVariables'> = getTemplateSrv()
  ) {
    super(settings);
    this.json = settings.jsonData ?? {};
  }

  override getDefaultQuery(): Partial<CostQuery> {
    return defaultQuery;
  }

  override filterQuery(query: CostQuery): boolean {
    return !query.hide;
  }

  /** A Prometheus client through Grafana (data source proxy or this plugin's route), or why not. */
  private client(): PrometheusClient | { problem: string } {
    const target = prometheusBase(this.settings);
    if ('problem' in target) {
      return target;
    }
    const seconds = this.json.timeoutSeconds;
    return new PrometheusClient({ url: target.base, fetch: backendSrvFetch(), timeoutMs: seconds && seconds > 0 ? seconds * 1000 : 30_000 });
  }

  private priceBook(signal?: AbortSignal): Promise<LoadedPriceBook> {
    return loadPriceBook(this.json, this.settings.url ?? '', backendSrvFetch(), { cacheKey: `${this.settings.uid}`, signal });
  }

  /** Every query on its own: one failing query is one error, the others still return their frames. */
  override query(request: DataQueryRequest<CostQuery>): Observable<DataQueryResponse> {
    return new Observable<DataQueryResponse>((subscriber) => {
      const controller = new AbortController();
      this.runQueries(request, controller.signal).then(
        (response) => {
          subscriber.next(response);
          subscriber.complete();
        },
        (error) => subscriber.error(error)
      );
      return () => controller.abort();
    });
  }

  async runQueries(request: DataQueryRequest<CostQuery>, signal?: AbortSignal): Promise<DataQueryResponse> {
    const targets = request.targets.filter((t) => !t.hide);
    const client = this.client();
    if ('problem' in client) {
      return { data: [], errors: targets.map((t) => ({ refId: t.refId, message: client.problem })) };
    }
    const lookup = templateLookup(this.templateSrv, request.scopedVars ?? {});
    const shared = new SharedLoads();
    let book: Promise<LoadedPriceBook> | null = null;
    const priceBook = () => (book ??= this.priceBook(signal));
    const outputs = await Promise.all(
      targets.map(async (target): Promise<QueryOutput | DataQueryError> => {
        try {
          return await this.runTarget(target, request, { client, lookup, shared, priceBook, signal });
        } catch (e) {
          return { refId: target.refId, message: describeError(e) };
        }
      })
    );
    const data = outputs.flatMap((o) => ('frames' in o ? o.frames : []));
    const errors = outputs.filter((o): o is DataQueryError => !('frames' in o));
    return errors.length ? { data, errors } : { data };
  }

  private runTarget(
    target: CostQuery,
    request: DataQueryRequest<CostQuery>,
    deps: { client: PrometheusClient; lookup: VariableLookup; shared: SharedLoads; priceBook: () => Promise<LoadedPriceBook>; signal?: AbortSignal }
  ): Promise<QueryOutput> {
    const type = target.queryType ?? 'cost';
    if (!QUERY_TYPES.includes(type)) {
      throw new CostQueryError(`unknown query type "${String(type)}" (expected one of ${QUERY_TYPES.join(', ')})`);
    }
    const interval = target.interval ? interpolatePromQL(target.interval, deps.lookup) : undefined;
    const window = queryWindow(request.range.from.valueOf(), request.range.to.valueOf(), request.intervalMs, interval);
    const { filters, service } = filtersOf(target, deps.lookup);
    const ctx: QueryContext = {
      refId: target.refId,
      target,
      json: this.json,
      window,
      client: deps.client,
      lookup: deps.lookup,
      signal: deps.signal,
      shared: deps.shared,
      priceBook: deps.priceBook,
      filters,
      service,
      mix: resolveMix(target, this.json),
      unpriced: target.unpriced === 'skip' ? 'skip' : 'error',
    };
    switch (type) {
      case 'costPerRequest':
        return costPerRequestQuery(ctx);
      case 'projection':
        return projectionQuery(ctx);
      case 'savings':
        return savingsQuery(ctx);
      case 'rightSizing':
        return rightSizingQuery(ctx);
      default:
        return costQuery(ctx);
    }
  }

  /**
   * Template variable values: `instance_types()`, `components()`, `services()`, `regions()`, each
   * optionally filtered: `instance_types(component=$component)`, `services(service=~web|api)`.
   */
  override async metricFindQuery(query: string, options?: { range?: TimeRange; scopedVars?: ScopedVars }): Promise<MetricFindValue[]> {
    const m = /^\s*(\w+)\s*\(\s*(.*?)\s*\)\s*$/s.exec(query ?? '');
    const fn = m?.[1] as (typeof VARIABLE_FUNCTIONS)[number] | undefined;
    if (!m || !fn || !VARIABLE_FUNCTIONS.includes(fn)) {
      throw new Error(`Unknown variable query "${query}": use ${VARIABLE_FUNCTIONS.map((f) => `${f}()`).join(', ')}`);
    }
    const client = this.client();
    if ('problem' in client) {
      throw new Error(client.problem);
    }
    const lookup = templateLookup(this.templateSrv, options?.scopedVars ?? {});
    const filters: InventoryFilters & { service: Selection } = { component: ALL, instanceType: ALL, region: ALL, service: ALL };
    for (const part of m[2] ? m[2].split(',') : []) {
      const kv = /^\s*(component|instance_type|region|service)\s*=~?\s*(.*?)\s*$/.exec(part);
      if (!kv) {
        throw new Error(`Variable query "${query}": filters are component=…, instance_type=…, region=…, service=…`);
      }
      const key = kv[1] === 'instance_type' ? 'instanceType' : (kv[1] as 'component' | 'region' | 'service');
      filters[key] = filterSelection(kv[2].replace(/^"(.*)"$/, '$1'), lookup);
    }
    const to = options?.range?.to.valueOf() ?? Date.now();
    const from = options?.range?.from.valueOf() ?? to - 3_600_000;
    const range = formatDuration(Math.max(60_000, Math.round((to - from) / 1000) * 1000));
    try {
      let values: string[];
      if (fn === 'services') {
        const src = requestSource(this.json, undefined, filters.service, lookup);
        values = await labelValues(client, `group by (${src.serviceLabel}) (last_over_time(${src.selector}[${range}]))`, src.serviceLabel, to);
      } else {
        const spec = inventorySpec(this.json, filters, lookup);
        const label = fn === 'instance_types' ? spec.labels.type : fn === 'regions' ? spec.labels.region : spec.labels.component;
        const selector = `${spec.metric}{${[settingsMatchers(this.json.inventoryMatchers, lookup), labelMatcher(spec.labels.type, filters.instanceType), spec.labels.region ? labelMatcher(spec.labels.region, filters.region) : null, spec.labels.component ? labelMatcher(spec.labels.component, filters.component) : null].filter(Boolean).join(', ')}}`;
        if (label) {
          values = await labelValues(client, `group by (${label}) (last_over_time(${selector}[${range}]))`, label, to);
        } else {
          // OpenCost has no component label: the components of the types it lists, from the price book.
          const types = await labelValues(client, `group by (${spec.labels.type}) (last_over_time(${selector}[${range}]))`, spec.labels.type, to);
          const book = await this.priceBook();
          values = [...new Set(types.map((t) => book.index.instance(t)?.component ?? 'compute'))];
        }
      }
      return values.sort().map((text) => ({ text, value: text }));
    } catch (e) {
      throw new Error(describeError(e));
    }
  }

  /** Checks the Prometheus API, the price book, the inventory and the request counter; names the one that is wrong. */
  async testDatasource(): Promise<TestDataSourceResponse> {
    const client = this.client();
    if ('problem' in client) {
      return { status: 'error', message: client.problem };
    }
    try {
      await client.query('vector(1)');
    } catch (e) {
      return { status: 'error', message: `Prometheus API: ${describeError(e)}` };
    }
    let book: LoadedPriceBook;
    try {
      book = await this.priceBook();
    } catch (e) {
      return { status: 'error', message: `Price book: ${describeError(e)}` };
    }
    const noVars: VariableLookup = () => undefined;
    const now = Date.now();
    let inventoryText: string;
    try {
      const spec = inventorySpec(this.json, { component: ALL, instanceType: ALL, region: ALL }, noVars);
      const r = await client.query(spec.query, now);
      const samples = r.data.resultType === 'vector' ? vectorToSamples(r.data.result) : [];
      if (samples.length === 0) {
        const how = spec.metric === 'kube_node_labels' ? 'kube-state-metrics with node labels' : "OpenCost's node_total_hourly_cost";
        return { status: 'error', message: `Inventory: ${spec.query} has no series now — is ${how} scraped by this Prometheus${this.json.inventoryMatchers ? ', and do the inventory matchers match' : ''}?` };
      }
      const unpriced = new Set<string>();
      let nodes = 0;
      const types = new Set<string>();
      for (const s of samples) {
        const type = s.labels[spec.labels.type];
        nodes += Number.isFinite(s.v) ? s.v : 0;
        if (!type) {
          continue;
        }
        types.add(type);
        const region = (spec.labels.region && s.labels[spec.labels.region]) || book.book.defaultRegion;
        if (!book.index.instance(type, region)) {
          unpriced.add(`${type} in ${region}`);
        }
      }
      if (types.size === 0) {
        return { status: 'error', message: `Inventory: ${spec.metric} has series but none with the ${spec.labels.type} label, so no instance can be priced` };
      }
      if (unpriced.size) {
        return { status: 'error', message: `Price book "${book.book.name}" has no price for ${[...unpriced].join(', ')} (found in ${spec.metric}): add ${unpriced.size === 1 ? 'it' : 'them'} to the price book` };
      }
      inventoryText = `inventory: ${nodes} nodes of ${types.size} instance type${types.size === 1 ? '' : 's'} (${spec.metric}), all priced`;
    } catch (e) {
      return { status: 'error', message: `Inventory: ${describeError(e)}` };
    }
    let requestText: string;
    try {
      const src = requestSource(this.json, undefined, ALL, noVars);
      const r = await client.query(`count(${src.selector})`, now);
      const n = r.data.resultType === 'vector' ? vectorToSamples(r.data.result).reduce((a, s) => a + (Number.isFinite(s.v) ? s.v : 0), 0) : 0;
      if (n === 0) {
        return {
          status: 'warning',
          message: `Prometheus API reachable, ${inventoryText}; but the request counter ${src.selector} has no series now: cost per request will say "not enough traffic"`,
        };
      }
      requestText = `requests: ${src.selector} has ${n} series`;
    } catch (e) {
      return { status: 'error', message: `Request counter: ${describeError(e)}` };
    }
    return {
      status: 'success',
      message: `Prometheus API reachable; ${inventoryText}; price book "${book.book.name}" (${book.origin}, ${book.book.currency}); ${requestText}.`,
    };
  }
}

async function labelValues(client: PrometheusClient, expr: string, label: string, at: number): Promise<string[]> {
  const r = await client.query(expr, at);
  if (r.data.resultType !== 'vector') {
    return [];
  }
  return [...new Set(vectorToSamples(r.data.result).map((s) => s.labels[label]).filter((v): v is string => !!v))];
}

