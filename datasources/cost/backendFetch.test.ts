import { Observable } from 'rxjs';
import { backendSrvFetch } from './backendFetch';

const fetchMock = jest.fn();
jest.mock('@grafana/runtime', () => ({
  getBackendSrv: () => ({ fetch: fetchMock }),
  isFetchError: (e: unknown) => typeof e === 'object' && e !== null && 'status' in e && 'data' in e,
}));

function answer(status: number, data: unknown) {
  fetchMock.mockImplementationOnce(
    () =>
      new Observable((sub) => {
        if (status >= 200 && status < 300) {
          sub.next({ status, statusText: 'OK', ok: true, data });
          sub.complete();
        } else {
          sub.error({ status, statusText: 'Bad Gateway', data });
        }
      }),
  );
}

const body = '{"status":"success","data":{"city":"Zürich ☃"}}';

describe('backendSrvFetch', () => {
  beforeEach(() => fetchMock.mockReset());

  it('asks BackendSrv for the raw bytes and hands them over as they came', async () => {
    const bytes = new TextEncoder().encode(body);
    answer(200, bytes.buffer);
    const res = await backendSrvFetch()('/api/v1/query', {});
    expect(fetchMock.mock.calls[0][0]).toMatchObject({ url: '/api/v1/query', responseType: 'arraybuffer', showErrorAlert: false });
    expect(Array.from(new Uint8Array(await res.arrayBuffer()))).toEqual(Array.from(bytes));
  });

  it('gives the same body whatever form BackendSrv chose: bytes, a view on part of a buffer, text, parsed JSON', async () => {
    const bytes = new TextEncoder().encode(`xx${body}yy`);
    for (const data of [new TextEncoder().encode(body).buffer, bytes.subarray(2, bytes.length - 2), body, JSON.parse(body)]) {
      answer(200, data);
      const res = await backendSrvFetch()('/api/v1/query', {});
      expect(await res.text()).toBe(body);
      expect(new TextDecoder().decode(await res.arrayBuffer())).toBe(body);
    }
  });

  it('turns a non-2xx FetchError back into a response with its body', async () => {
    answer(502, new TextEncoder().encode('<html>bad gateway</html>').buffer);
    const res = await backendSrvFetch()('/api/v1/query', {});
    expect(res.status).toBe(502);
    expect(res.ok).toBe(false);
    expect(await res.text()).toBe('<html>bad gateway</html>');
  });
});
