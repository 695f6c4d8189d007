// Grafana's DataSourceSrv over the data sources the preview server declares (config.datasources):
// the Prometheus stand-in for type 'prometheus', and every other type instantiated from its real
// plugin bundle (e.g. the Headroom cost data source), as Grafana's DatasourceSrv does.
import {
  DataSourceApi,
  DataSourceInstanceSettings,
  DataSourcePlugin,
  DataSourceRef,
  ScopedVars,
} from '@grafana/data';
import { config, DataSourceSrv, GetDataSourceListFilters, getTemplateSrv } from '@grafana/runtime';
import { importPlugin } from '../loader';
import { PrometheusStandIn } from './prometheus';

export class PreviewDataSourceSrv implements DataSourceSrv {
  private byUid = new Map<string, DataSourceInstanceSettings>();
  private instances = new Map<string, Promise<DataSourceApi>>();
  private defaultUid?: string;

  constructor(datasources: Record<string, DataSourceInstanceSettings> = config.datasources) {
    this.init(datasources);
  }

  init(datasources: Record<string, DataSourceInstanceSettings>, defaultName = config.defaultDatasource): void {
    this.byUid.clear();
    this.instances.clear();
    for (const settings of Object.values(datasources)) {
      this.byUid.set(settings.uid, settings);
      if (settings.name === defaultName || (settings as { isDefault?: boolean }).isDefault) {
        this.defaultUid = settings.uid;
      }
    }
  }

  /** Re-reads the data sources from the server (after a settings save), like Grafana's reload(). */
  async refresh(): Promise<void> {
    const response = await fetch('/api/frontend/settings');
    const settings = (await response.json()) as { datasources: Record<string, DataSourceInstanceSettings> };
    config.datasources = settings.datasources;
    this.init(settings.datasources);
  }

  reload(): void {
    void this.refresh();
  }

  registerRuntimeDataSource(): void {
    // Runtime data sources are not used by Headroom's plugins.
  }

  getInstanceSettings(ref?: DataSourceRef | string | null, scopedVars?: ScopedVars): DataSourceInstanceSettings | undefined {
    if (ref === null || ref === undefined || ref === 'default') {
      return this.defaultUid ? this.byUid.get(this.defaultUid) : undefined;
    }
    let key = typeof ref === 'string' ? ref : ref.uid;
    if (!key && typeof ref === 'object' && ref.type) {
      return this.getList({ type: ref.type })[0];
    }
    if (!key) {
      return undefined;
    }
    if (key.includes('$')) {
      key = getTemplateSrv().replace(key, scopedVars);
    }
    if (key === 'default') {
      return this.getInstanceSettings(null);
    }
    return this.byUid.get(key) ?? [...this.byUid.values()].find((s) => s.name === key);
  }

  async get(ref?: DataSourceRef | string | null, scopedVars?: ScopedVars): Promise<DataSourceApi> {
    const settings = this.getInstanceSettings(ref, scopedVars);
    if (!settings) {
      const name = typeof ref === 'object' && ref ? (ref.uid ?? ref.type) : ref;
      throw new Error(`Datasource ${name ?? 'default'} was not found`);
    }
    let instance = this.instances.get(settings.uid);
    if (!instance) {
      instance = this.instantiate(settings);
      this.instances.set(settings.uid, instance);
      instance.catch(() => this.instances.delete(settings.uid));
    }
    return instance;
  }

  private async instantiate(settings: DataSourceInstanceSettings): Promise<DataSourceApi> {
    if (settings.type === 'prometheus') {
      const ds = new PrometheusStandIn(settings as never);
      ds.meta = settings.meta;
      return ds;
    }
    const plugin = (await importPlugin(settings.meta)) as DataSourcePlugin<DataSourceApi>;
    const ds = new plugin.DataSourceClass(settings);
    ds.components = plugin.components;
    ds.meta = settings.meta;
    return ds;
  }

  getList(filters: GetDataSourceListFilters = {}): DataSourceInstanceSettings[] {
    const types = filters.type === undefined ? undefined : Array.isArray(filters.type) ? filters.type : [filters.type];
    return [...this.byUid.values()]
      .filter((s) => {
        if (filters.pluginId && s.meta.id !== filters.pluginId) {
          return false;
        }
        if (types && !types.includes(s.type)) {
          return false;
        }
        if (filters.metrics && !s.meta.metrics) {
          return false;
        }
        if (filters.logs && !s.meta.logs) {
          return false;
        }
        if (filters.annotations && !s.meta.annotations) {
          return false;
        }
        if (filters.alerting && !s.meta.alerting) {
          return false;
        }
        return filters.filter ? filters.filter(s) : true;
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  }
}
