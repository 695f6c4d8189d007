import { of, throwError } from 'rxjs';
import { DataSourceInstanceSettings } from '@grafana/data';
import { CostDataSource } from './datasource';
import { CostDataSourceOptions } from './types';

const fetch = jest.fn();
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch }),
}));

function settings(jsonData: CostDataSourceOptions): DataSourceInstanceSettings<CostDataSourceOptions> {
  return {
    id: 1,
    uid: 'cost',
    type: 'headroom-cost-datasource',
    name: 'Headroom Cost',
    url: '/api/datasources/proxy/uid/cost',
    jsonData,
    meta: {} as never,
    access: 'proxy',
    readOnly: false,
  };
}

describe('CostDataSource.testDatasource', () => {
  beforeEach(() => fetch.mockReset());

  it('names the missing setting when no Prometheus is configured', async () => {
    const result = await new CostDataSource(settings({})).testDatasource();
    expect(result).toEqual({ status: 'error', message: expect.stringMatching(/No Prometheus data source chosen/) });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('names the empty URL in URL mode', async () => {
    const result = await new CostDataSource(settings({ prometheusAccess: 'url' })).testDatasource();
    expect(result.message).toMatch(/Prometheus URL is empty/);
  });

  it('reports success when the API answers a query, through the plugin route in URL mode', async () => {
    fetch.mockReturnValue(of({ data: { status: 'success', data: { resultType: 'scalar', result: [0, '1'] } } }));
    const result = await new CostDataSource(settings({ prometheusAccess: 'url', prometheusUrl: 'http://p:9090' })).testDatasource();
    expect(result.status).toBe('success');
    expect(fetch.mock.calls[0][0].url).toBe('/api/datasources/proxy/uid/cost/prometheus/api/v1/query');
  });

  it('reports the HTTP status and Prometheus error when the API fails', async () => {
    fetch.mockReturnValue(throwError(() => ({ status: 503, statusText: 'Service Unavailable', data: { error: 'not ready' } })));
    const result = await new CostDataSource(settings({ prometheusDatasourceUid: 'prom' })).testDatasource();
    expect(result).toEqual({ status: 'error', message: 'Prometheus API request failed (HTTP 503): not ready' });
    expect(fetch.mock.calls[0][0].url).toBe('/api/datasources/proxy/uid/prom/api/v1/query');
  });

  it('says so when something that is not Prometheus answers', async () => {
    fetch.mockReturnValue(of({ data: '<html>login</html>' }));
    const result = await new CostDataSource(settings({ prometheusDatasourceUid: 'prom' })).testDatasource();
    expect(result.message).toMatch(/not with a Prometheus query result/);
  });
});
