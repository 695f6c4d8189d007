import { lastValueFrom } from 'rxjs';
import {
  DataQueryRequest,
  DataQueryResponse,
  DataSourceApi,
  DataSourceInstanceSettings,
  TestDataSourceResponse,
} from '@grafana/data';
import { getBackendSrv, isFetchError } from '@grafana/runtime';
import { prometheusBase } from './prometheusBase';
import { CostDataSourceOptions, CostQuery, defaultQuery } from './types';

export class CostDataSource extends DataSourceApi<CostQuery, CostDataSourceOptions> {
  constructor(private readonly settings: DataSourceInstanceSettings<CostDataSourceOptions>) {
    super(settings);
  }

  override getDefaultQuery(): Partial<CostQuery> {
    return defaultQuery;
  }

  async query(request: DataQueryRequest<CostQuery>): Promise<DataQueryResponse> {
    return {
      data: [],
      errors: request.targets.map((target) => ({
        refId: target.refId,
        message: 'This build of Headroom Cost has no cost queries yet.',
      })),
    };
  }

  /** Checks that the Prometheus API answers; says exactly what is wrong when it does not. */
  async testDatasource(): Promise<TestDataSourceResponse> {
    const target = prometheusBase(this.settings);
    if ('problem' in target) {
      return { status: 'error', message: target.problem };
    }
    try {
      const response = await lastValueFrom(
        getBackendSrv().fetch<{ status?: string }>({
          url: `${target.base}/api/v1/query`,
          params: { query: 'vector(1)' },
          showErrorAlert: false,
        })
      );
      if (response.data?.status !== 'success') {
        return { status: 'error', message: 'Prometheus API answered, but not with a Prometheus query result.' };
      }
      return { status: 'success', message: 'Prometheus API reachable.' };
    } catch (error) {
      return { status: 'error', message: describeFetchError(error) };
    }
  }
}

function describeFetchError(error: unknown): string {
  if (isFetchError(error)) {
    const detail = (error.data as { error?: string; message?: string } | undefined) ?? {};
    const reason = detail.error ?? detail.message ?? error.statusText ?? 'no response';
    return `Prometheus API request failed (HTTP ${error.status}): ${reason}`;
  }
  return `Prometheus API request failed: ${error instanceof Error ? error.message : String(error)}`;
}
