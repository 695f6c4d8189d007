// The cost data source's settings page: its real ConfigEditor saves (secrets come back only as
// secureJsonFields), "Save & test" runs its real testDatasource() through Grafana's data source
// proxy and plugin route, against the real Prometheus (success) and a wrong URL (failure).
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { PreviewHarness, PreviewPage, startPreview } from './harness';

let preview: PreviewHarness;

beforeAll(async () => {
  preview = await startPreview();
}, 180_000);

afterAll(async () => {
  await preview?.close();
});

beforeEach(async () => {
  await preview.resetDataSources();
});

async function openCost(): Promise<PreviewPage> {
  const view = await preview.openDataSource('headroom-cost');
  // The plugin's bundle loads first (the first test of a run may meet a cold browser).
  await view.page.getByText('Existing Prometheus data source').waitFor({ timeout: 60000 });
  return view;
}

async function useUrl(view: PreviewPage, url: string, authorization?: string, tenant?: string): Promise<void> {
  const { page } = view;
  // The first radio group is the Prometheus access (the price book has a URL option too).
  await page.getByRole('radio', { name: 'URL', exact: true }).first().click();
  await page.getByPlaceholder('http://prometheus:9090').fill(url);
  if (authorization) {
    await page.getByPlaceholder('Bearer ...').fill(authorization);
  }
  if (tenant) {
    // Grafana's Field does not tie its label to the input: take the input of the field that has it.
    await page.getByText('Tenant (X-Scope-OrgID)', { exact: true }).locator('xpath=ancestor::div[.//input][1]//input').fill(tenant);
  }
}

async function saveAndTest(view: PreviewPage): Promise<{ status: string | null; text: string }> {
  await view.page.getByRole('button', { name: 'Save & test' }).click();
  const result = view.page.locator('[data-testid="preview-datasource-test-result"]');
  await result.waitFor();
  return { status: await result.getAttribute('data-status'), text: (await result.innerText()).trim() };
}

test('the config editor saves; the secret comes back only as a configured field', async () => {
  const view = await openCost();
  await useUrl(view, preview.prometheusUrl, 'Bearer preview-secret', 'team-a');
  await view.page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(view.page.locator('[data-testid="preview-datasource-saved"]').innerText()).resolves.toBe('Datasource updated');

  const saved = (await (await fetch(`${preview.url}/api/datasources/uid/headroom-cost`)).json()) as Record<string, unknown>;
  expect(saved.jsonData).toMatchObject({ prometheusAccess: 'url', prometheusUrl: preview.prometheusUrl, tenantId: 'team-a' });
  expect(saved.secureJsonFields).toEqual({ authorization: true });
  expect(JSON.stringify(saved)).not.toContain('preview-secret');

  // SecretInput now shows the configured state, with a Reset button.
  await view.page.getByRole('button', { name: 'Reset' }).waitFor();
  view.expectNoErrors();
  await view.close();
});

test('Save & test reports success through an existing Prometheus data source', async () => {
  const view = await openCost();
  const result = await saveAndTest(view);
  expect(result.status).toBe('success');
  expect(result.text).toMatch(/^Prometheus API reachable/);
  view.expectNoErrors();
  await view.close();
});

test('Save & test reports success through the plugin route to a Prometheus URL', async () => {
  const view = await openCost();
  await useUrl(view, preview.prometheusUrl);
  const result = await saveAndTest(view);
  expect(result.status).toBe('success');
  expect(result.text).toMatch(/^Prometheus API reachable/);
  view.expectNoErrors();
  await view.close();
});

test('the plugin route sends the stored secret and tenant as headers', async () => {
  const seen: http.IncomingHttpHeaders[] = [];
  const fake = http.createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }));
  });
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  try {
    const view = await openCost();
    await useUrl(view, `http://127.0.0.1:${(fake.address() as AddressInfo).port}/prefix`, 'Bearer route-secret', 'team-b');
    await saveAndTest(view);
    // Whatever the test concluded from the fake's empty answers, every request carried both.
    expect(seen.length).toBeGreaterThan(0);
    for (const headers of seen) {
      expect(headers).toMatchObject({ authorization: 'Bearer route-secret', 'x-scope-orgid': 'team-b' });
    }
    await view.close();
  } finally {
    fake.close();
  }
});

test('Save & test reports failure for a wrong URL', async () => {
  const view = await openCost();
  await useUrl(view, 'http://127.0.0.1:1');
  const result = await saveAndTest(view);
  expect(result.status).toBe('error');
  expect(result.text).toMatch(/502|ECONNREFUSED/);
  // The browser logs the proxy's 502; nothing else.
  view.expectNoErrors([/\/api\/datasources\/proxy\/uid\/headroom-cost\/prometheus\//]);
  await view.close();
});
