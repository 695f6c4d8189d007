import React, { ChangeEvent, useMemo } from 'react';
import { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { DataSourcePicker } from '@grafana/runtime';
import { Alert, Field, InlineSwitch, Input, RadioButtonGroup, SecretInput, TextArea } from '@grafana/ui';
import { BEYOND_NODES, BeyondNodesKey, isKnownCurrency, parseMonthlyBudgets, validateMix } from '../../core/cost';
import { parsePriceBookText } from './pricebook';
import { parseSelector } from './promql/selector';
import { BeyondNodesSetting, CostDataSourceOptions, CostSecureJsonData, DEFAULT_REQUEST_SELECTOR, DEFAULT_SERVICE_LABEL, InventorySource, MixSetting, PriceBookSource, PrometheusAccess, UpfrontSetting } from './types';

type Props = DataSourcePluginOptionsEditorProps<CostDataSourceOptions, CostSecureJsonData>;

const accessOptions: Array<{ value: PrometheusAccess; label: string }> = [
  { value: 'datasource', label: 'Existing Prometheus data source' },
  { value: 'url', label: 'URL' },
];

const inventoryOptions: Array<{ value: InventorySource; label: string; description: string }> = [
  { value: 'instance-type-labels', label: 'Instance-type labels', description: 'kube_node_labels with label_node_kubernetes_io_instance_type (kube-state-metrics)' },
  { value: 'opencost', label: 'OpenCost', description: "node_total_hourly_cost with instance_type (OpenCost's exporter)" },
];

const priceBookOptions: Array<{ value: PriceBookSource; label: string }> = [
  { value: 'default', label: 'Built-in' },
  { value: 'inline', label: 'Pasted' },
  { value: 'url', label: 'URL' },
];

const upfrontOptions: Array<{ value: UpfrontSetting; label: string }> = [
  { value: 'no', label: 'No upfront' },
  { value: 'partial', label: 'Partial' },
  { value: 'all', label: 'All upfront' },
];

/** A row of inputs inside one Field (ignores the props Field passes to its child). */
function Row({ children }: { children: React.ReactNode }) {
  return <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>{children}</div>;
}

const percent = (x: number | undefined) => (x === undefined ? '' : String(Math.round(x * 1000) / 10));

/** Problems of the settings that can be seen without asking Prometheus (shown next to each field). */
export function settingsProblems(json: CostDataSourceOptions): Partial<Record<'priceBook' | 'currency' | 'mix' | 'requestSelector' | 'serviceLabel' | 'matchers' | 'budgets', string>> {
  const out: Partial<Record<'priceBook' | 'currency' | 'mix' | 'requestSelector' | 'serviceLabel' | 'matchers' | 'budgets', string>> = {};
  const currency = json.currency?.trim().toUpperCase();
  if (currency && !isKnownCurrency(currency)) {
    out.currency = `"${json.currency}" is not an ISO 4217 currency code such as USD, EUR or GBP`;
  }
  if (json.priceBookSource === 'inline' && (json.priceBookInline ?? '').trim() !== '') {
    try {
      parsePriceBookText(json.priceBookInline ?? '', 'pasted', currency || undefined);
    } catch (e) {
      out.priceBook = e instanceof Error ? e.message : String(e);
    }
  }
  const mixErrors = validateMix(json.defaultMix ?? {});
  if (mixErrors.length) {
    out.mix = mixErrors.join('; ');
  }
  if ((json.requestSelector ?? '').trim() !== '' && !json.requestSelector?.includes('$')) {
    const p = parseSelector(json.requestSelector ?? '');
    if ('error' in p) {
      out.requestSelector = p.error;
    }
  }
  if ((json.serviceLabel ?? '').trim() !== '' && !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(json.serviceLabel?.trim() ?? '')) {
    out.serviceLabel = `"${json.serviceLabel}" is not a label name`;
  }
  try {
    parseMonthlyBudgets(json.monthlyBudgets, 'monthly budgets');
  } catch (e) {
    out.budgets = e instanceof Error ? e.message : String(e);
  }
  if ((json.inventoryMatchers ?? '').trim() !== '' && !json.inventoryMatchers?.includes('$')) {
    const raw = (json.inventoryMatchers ?? '').trim().replace(/^\{/, '').replace(/\}$/, '');
    const p = parseSelector(`{${raw}}`);
    if ('error' in p) {
      out.matchers = p.error;
    }
  }
  return out;
}

export function ConfigEditor({ options, onOptionsChange }: Props) {
  const json = options.jsonData;
  const access = json.prometheusAccess ?? 'datasource';
  const bookSource = json.priceBookSource ?? 'default';
  const setJson = (patch: Partial<CostDataSourceOptions>) => onOptionsChange({ ...options, jsonData: { ...json, ...patch } });
  const setMix = (patch: Partial<MixSetting>) => setJson({ defaultMix: { ...(json.defaultMix ?? {}), ...patch } });
  const share = (key: 'reserved_1y' | 'reserved_3y' | 'spot') => (e: ChangeEvent<HTMLInputElement>) => {
    const text = e.currentTarget.value.trim();
    setMix({ [key]: text === '' ? undefined : Number(text) / 100 });
  };
  const problems = useMemo(() => settingsProblems(json), [json]);

  return (
    <div data-testid="headroom-cost-config">
      <h3 className="page-heading">Prometheus</h3>
      <Field label="Prometheus" description="Where inventory and request metrics are read from.">
        <RadioButtonGroup options={accessOptions} value={access} onChange={(value) => setJson({ prometheusAccess: value })} />
      </Field>
      {access === 'datasource' ? (
        <Field label="Prometheus data source">
          <DataSourcePicker pluginId="prometheus" current={json.prometheusDatasourceUid ?? null} noDefault onChange={(ds) => setJson({ prometheusDatasourceUid: ds.uid })} />
        </Field>
      ) : (
        <>
          <Field label="URL" description="Prometheus-compatible API, including any path prefix (Mimir: /prometheus).">
            <Input
              value={json.prometheusUrl ?? ''}
              placeholder="http://prometheus:9090"
              onChange={(e: ChangeEvent<HTMLInputElement>) => setJson({ prometheusUrl: e.currentTarget.value })}
            />
          </Field>
          <Field label="Authorization header" description="Sent by Grafana's proxy; stored encrypted.">
            <SecretInput
              isConfigured={Boolean(options.secureJsonFields?.authorization)}
              value={options.secureJsonData?.authorization ?? ''}
              placeholder="Bearer ..."
              onChange={(e: ChangeEvent<HTMLInputElement>) => onOptionsChange({ ...options, secureJsonData: { authorization: e.currentTarget.value } })}
              onReset={() =>
                onOptionsChange({
                  ...options,
                  secureJsonFields: { ...options.secureJsonFields, authorization: false },
                  secureJsonData: { authorization: '' },
                })
              }
            />
          </Field>
          <Field label="Tenant (X-Scope-OrgID)" description="For Mimir or Cortex; leave empty otherwise.">
            <Input value={json.tenantId ?? ''} onChange={(e: ChangeEvent<HTMLInputElement>) => setJson({ tenantId: e.currentTarget.value })} />
          </Field>
        </>
      )}
      <Field label="Timeout (seconds)" description="Per Prometheus request; a slower answer fails the query with a clear message.">
        <Input
          type="number"
          width={12}
          min={1}
          value={json.timeoutSeconds ?? ''}
          placeholder="30"
          onChange={(e: ChangeEvent<HTMLInputElement>) => setJson({ timeoutSeconds: e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value) })}
        />
      </Field>

      <h3 className="page-heading">Inventory and requests</h3>
      <Field label="Inventory source" description={inventoryOptions.find((o) => o.value === (json.inventorySource ?? 'instance-type-labels'))?.description}>
        <RadioButtonGroup options={inventoryOptions} value={json.inventorySource ?? 'instance-type-labels'} onChange={(value) => setJson({ inventorySource: value })} />
      </Field>
      <Field label="Inventory matchers" description='Extra label matchers for the inventory metric, e.g. cluster="prod".' invalid={!!problems.matchers} error={problems.matchers}>
        <Input value={json.inventoryMatchers ?? ''} placeholder='cluster="prod"' onChange={(e: ChangeEvent<HTMLInputElement>) => setJson({ inventoryMatchers: e.currentTarget.value })} />
      </Field>
      <Field label="Request counter" description="Selector of the request counter; cost per request divides by its increase." invalid={!!problems.requestSelector} error={problems.requestSelector}>
        <Input
          value={json.requestSelector ?? ''}
          placeholder={DEFAULT_REQUEST_SELECTOR}
          onChange={(e: ChangeEvent<HTMLInputElement>) => setJson({ requestSelector: e.currentTarget.value })}
          data-testid="headroom-cost-config-requests"
        />
      </Field>
      <Field label="Service label" description="Label of the request counter naming the service." invalid={!!problems.serviceLabel} error={problems.serviceLabel}>
        <Input value={json.serviceLabel ?? ''} placeholder={DEFAULT_SERVICE_LABEL} width={24} onChange={(e: ChangeEvent<HTMLInputElement>) => setJson({ serviceLabel: e.currentTarget.value })} />
      </Field>

      <Field
        label="Monthly budgets"
        description="Monthly budget per component, service or total (730 hours a month), e.g. compute=1000, database=800; a cost query with Budget on draws each as budget / 730 per hour."
        invalid={!!problems.budgets}
        error={problems.budgets}
      >
        <Input value={json.monthlyBudgets ?? ''} placeholder="compute=1000, database=800" onChange={(e: ChangeEvent<HTMLInputElement>) => setJson({ monthlyBudgets: e.currentTarget.value })} data-testid="headroom-cost-config-budgets" />
      </Field>

      <h3 className="page-heading">Beyond nodes</h3>
      <p>
        What a query with <em>Beyond nodes</em> adds to the nodes: a GB is 2^30 bytes; storage is priced per GB-month (730 hours), egress per GB. Database storage is the databases&apos; size, at most what a
        managed database bills; every byte a node sends counts as egress of the chosen class.
      </p>
      {BEYOND_NODES.map((src) => {
        const cur: BeyondNodesSetting = json.beyondNodes?.[src.key] ?? {};
        const setSource = (patch: BeyondNodesSetting) => setJson({ beyondNodes: { ...json.beyondNodes, [src.key as BeyondNodesKey]: { ...cur, ...patch } } });
        const problem = (cur.selector ?? '').trim() !== '' && !cur.selector?.includes('$') ? parseSelector(cur.selector ?? '') : null;
        return (
          <Field
            key={src.key}
            label={`${src.title[0].toUpperCase()}${src.title.slice(1)} (${src.component})`}
            description={`${src.exporter}'s series and the price book's ${src.kind} class; empty uses ${src.selector} and ${src.priceClass}.`}
            invalid={!!problem && 'error' in problem}
            error={problem && 'error' in problem ? problem.error : undefined}
          >
            <Row>
              <InlineSwitch value={cur.enabled !== false} onChange={(e: React.FormEvent<HTMLInputElement>) => setSource({ enabled: e.currentTarget.checked })} aria-label={`${src.title} on`} />
              <Input value={cur.selector ?? ''} placeholder={src.selector} onChange={(e: ChangeEvent<HTMLInputElement>) => setSource({ selector: e.currentTarget.value })} aria-label={`${src.title} selector`} />
              <Input width={20} value={cur.priceClass ?? ''} placeholder={src.priceClass} onChange={(e: ChangeEvent<HTMLInputElement>) => setSource({ priceClass: e.currentTarget.value })} aria-label={`${src.title} price class`} />
            </Row>
          </Field>
        );
      })}

      <h3 className="page-heading">Prices</h3>
      <Field label="Price book" description="Built-in: public list prices of common AWS, GCP and Azure types (USD). Pasted: JSON or OpenCost custom pricing CSV. URL: fetched by Grafana.">
        <RadioButtonGroup options={priceBookOptions} value={bookSource} onChange={(value) => setJson({ priceBookSource: value })} />
      </Field>
      {bookSource === 'inline' && (
        <Field label="Price book (JSON or CSV)" invalid={!!problems.priceBook} error={problems.priceBook}>
          <TextArea
            rows={10}
            value={json.priceBookInline ?? ''}
            placeholder='{ "currency": "USD", "defaultRegion": "us-east-1", "asOf": "2024-06-01", "source": "…", "instances": [ { "type": "t3.large", "vcpu": 2, "memoryGiB": 8, "prices": { "on_demand": 0.0832 } } ] }'
            onChange={(e: ChangeEvent<HTMLTextAreaElement>) => setJson({ priceBookInline: e.currentTarget.value })}
            data-testid="headroom-cost-config-pricebook"
          />
        </Field>
      )}
      {bookSource === 'url' && (
        <Field label="Price book URL" description="Fetched through Grafana (the plugin's pricebook route), cached for 5 minutes.">
          <Input value={json.priceBookUrl ?? ''} placeholder="https://example.com/prices.json" onChange={(e: ChangeEvent<HTMLInputElement>) => setJson({ priceBookUrl: e.currentTarget.value })} />
        </Field>
      )}
      <Field label="Currency" description="ISO 4217 code; empty uses the price book's. It must match the price book: no exchange rates are applied." invalid={!!problems.currency} error={problems.currency}>
        <Input
          width={12}
          value={json.currency ?? ''}
          placeholder="USD"
          onChange={(e: ChangeEvent<HTMLInputElement>) => setJson({ currency: e.currentTarget.value.toUpperCase() })}
          data-testid="headroom-cost-config-currency"
        />
      </Field>

      <h3 className="page-heading">Default pricing mix</h3>
      <Field label="Share of the fleet (%)" description="Bought as 1-year reserved, 3-year reserved and spot; the rest on demand. Queries may set their own." invalid={!!problems.mix} error={problems.mix}>
        <Row>
          <Input type="number" width={10} min={0} max={100} prefix="1y" value={percent(json.defaultMix?.reserved_1y)} onChange={share('reserved_1y')} aria-label="Reserved 1 year %" />
          <Input type="number" width={10} min={0} max={100} prefix="3y" value={percent(json.defaultMix?.reserved_3y)} onChange={share('reserved_3y')} aria-label="Reserved 3 years %" />
          <Input type="number" width={12} min={0} max={100} prefix="spot" value={percent(json.defaultMix?.spot)} onChange={share('spot')} aria-label="Spot %" />
        </Row>
      </Field>
      <Field label="Reserved payment">
        <RadioButtonGroup options={upfrontOptions} value={json.defaultMix?.upfront ?? 'no'} onChange={(value) => setMix({ upfront: value })} />
      </Field>
      {access === 'url' && !json.prometheusUrl && <Alert severity="info" title="Enter the Prometheus URL, then Save & test." />}
    </div>
  );
}
