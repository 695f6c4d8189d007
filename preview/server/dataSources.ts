// The data sources the preview knows (server memory, reset on restart or by /api/preview/reset):
// Prometheus (default) and Headroom Cost, plus the Alertmanager the alert list reads. Their
// instance settings (frontend settings) and settings view (/api/datasources) as Grafana gives them.
import { pluginMeta, readPlugins } from './plugins';

export interface DataSourceRecord {
  id: number;
  uid: string;
  name: string;
  type: string;
  access: 'proxy' | 'direct';
  url: string;
  isDefault: boolean;
  jsonData: Record<string, unknown>;
  secureJsonData: Record<string, string>;
  version: number;
}

export function defaultPrometheusUrl(): string {
  return process.env.HEADROOM_PROMETHEUS_URL || `http://127.0.0.1:${process.env.HEADROOM_PROMETHEUS_PORT || '19090'}`;
}

export function defaultAlertmanagerUrl(): string {
  return process.env.HEADROOM_ALERTMANAGER_URL || `http://127.0.0.1:${process.env.HEADROOM_ALERTMANAGER_PORT || '19093'}`;
}

const prometheusMeta = {
  id: 'prometheus',
  type: 'datasource',
  name: 'Prometheus',
  module: 'core:plugin/prometheus',
  baseUrl: 'public/app/plugins/datasource/prometheus',
  info: {
    author: { name: 'Grafana Labs' },
    description: 'Open source time series database & alerting',
    logos: {
      small: 'public/app/plugins/datasource/prometheus/img/prometheus_logo.svg',
      large: 'public/app/plugins/datasource/prometheus/img/prometheus_logo.svg',
    },
    version: '',
    updated: '',
    links: [],
    screenshots: [],
  },
  metrics: true,
  alerting: true,
  annotations: true,
  backend: true,
};

function initialDataSources(prometheusUrl: string): DataSourceRecord[] {
  return [
    {
      id: 1,
      uid: 'prometheus',
      name: 'Prometheus',
      type: 'prometheus',
      access: 'proxy',
      url: prometheusUrl,
      isDefault: true,
      jsonData: { httpMethod: 'POST', timeInterval: '15s' },
      secureJsonData: {},
      version: 1,
    },
    {
      id: 2,
      uid: 'headroom-cost',
      name: 'Headroom Cost',
      type: 'headroom-cost-datasource',
      access: 'proxy',
      url: '',
      isDefault: false,
      jsonData: { prometheusAccess: 'datasource', prometheusDatasourceUid: 'prometheus' },
      secureJsonData: {},
      version: 1,
    },
  ];
}

export class DataSourceStore {
  list: DataSourceRecord[];

  constructor(
    readonly prometheusUrl: string,
    readonly alertmanagerUrl: string
  ) {
    this.list = initialDataSources(prometheusUrl);
  }

  reset(): void {
    this.list = initialDataSources(this.prometheusUrl);
  }

  byUid(uid: string): DataSourceRecord | undefined {
    return this.list.find((d) => d.uid === uid);
  }

  /** config.datasources: the instance settings of each, by name. */
  instanceSettings(): Record<string, unknown> {
    const plugins = readPlugins();
    const out: Record<string, unknown> = {};
    for (const ds of this.list) {
      const plugin = plugins.get(ds.type);
      out[ds.name] = {
        id: ds.id,
        uid: ds.uid,
        type: ds.type,
        name: ds.name,
        meta:
          ds.type === 'prometheus'
            ? prometheusMeta
            : plugin
              ? pluginMeta(plugin.json, plugin.fixture)
              : { id: ds.type, name: ds.type, type: 'datasource', info: { logos: {} } },
        url: `/api/datasources/proxy/uid/${ds.uid}`,
        jsonData: ds.jsonData,
        access: ds.access,
        isDefault: ds.isDefault,
        readOnly: false,
      };
    }
    return out;
  }

  /** GET /api/datasources/uid/<uid>: secrets only as secureJsonFields. */
  settingsView(ds: DataSourceRecord): Record<string, unknown> {
    return {
      id: ds.id,
      uid: ds.uid,
      orgId: 1,
      name: ds.name,
      type: ds.type,
      typeName: ds.type === 'prometheus' ? 'Prometheus' : (readPlugins().get(ds.type)?.json.name ?? ds.type),
      typeLogoUrl: '',
      access: ds.access,
      url: ds.url,
      user: '',
      database: '',
      basicAuth: false,
      basicAuthUser: '',
      withCredentials: false,
      isDefault: ds.isDefault,
      jsonData: ds.jsonData,
      secureJsonFields: Object.fromEntries(Object.keys(ds.secureJsonData).map((k) => [k, true])),
      version: ds.version,
      readOnly: false,
    };
  }

  /** PUT /api/datasources/uid/<uid>: Grafana's update semantics for secrets. */
  update(ds: DataSourceRecord, update: Record<string, unknown>): void {
    if (typeof update.name === 'string' && update.name) {
      ds.name = update.name;
    }
    if (typeof update.url === 'string' && ds.type !== 'prometheus') {
      ds.url = update.url;
    }
    if (update.jsonData && typeof update.jsonData === 'object') {
      ds.jsonData = update.jsonData as Record<string, unknown>;
    }
    const fields = (update.secureJsonFields ?? {}) as Record<string, boolean>;
    for (const [key, set] of Object.entries(fields)) {
      if (set === false) {
        delete ds.secureJsonData[key];
      }
    }
    for (const [key, value] of Object.entries((update.secureJsonData ?? {}) as Record<string, unknown>)) {
      if (typeof value === 'string' && value !== '') {
        ds.secureJsonData[key] = value;
      } else if (value === '' && fields[key] === false) {
        delete ds.secureJsonData[key];
      }
    }
    ds.version += 1;
  }
}
