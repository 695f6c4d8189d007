// A data source's settings page, like Grafana's: the plugin's own ConfigEditor (from its bundle)
// on the settings from GET /api/datasources/uid/<uid>; "Save" PUTs them (the server keeps jsonData
// and secureJsonData in memory and answers with secureJsonFields, never the secrets); "Save & test"
// saves, reloads the data source and runs its real testDatasource().
import React, { useCallback, useEffect, useState } from 'react';
import { css } from '@emotion/css';
import { DataSourceApi, DataSourcePlugin, DataSourceSettings, GrafanaTheme2, TestDataSourceResponse } from '@grafana/data';
import { config, getBackendSrv, getDataSourceSrv } from '@grafana/runtime';
import { Alert, Button, Field, Input, useStyles2 } from '@grafana/ui';
import { importPlugin } from '../loader';
import { PreviewDataSourceSrv } from '../services/dataSourceSrv';
import { installPreviewApi } from './previewApi';
import { Toolbar } from './Toolbar';

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ padding: theme.spacing(2, 3), maxWidth: 900 }),
  buttons: css({ display: 'flex', gap: theme.spacing(1), marginTop: theme.spacing(3) }),
  saved: css({ color: theme.colors.success.text, alignSelf: 'center' }),
});

interface TestState {
  phase: 'idle' | 'testing' | 'done';
  result?: TestDataSourceResponse['status'];
  message?: string;
  details?: string;
}

function errorMessage(err: unknown): string {
  const e = err as { data?: { message?: string }; message?: string };
  return e?.data?.message ?? e?.message ?? String(err);
}

export function DataSourcePage({ uid, onToggleTheme }: { uid: string; onToggleTheme: () => void }) {
  const styles = useStyles2(getStyles);
  const [options, setOptions] = useState<DataSourceSettings | undefined>();
  const [plugin, setPlugin] = useState<DataSourcePlugin<DataSourceApi> | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState<string | undefined>();
  const [test, setTest] = useState<TestState>({ phase: 'idle' });

  useEffect(() => installPreviewApi('datasource', undefined), []);
  useEffect(() => {
    (async () => {
      const settings = await getBackendSrv().get<DataSourceSettings>(`/api/datasources/uid/${encodeURIComponent(uid)}`);
      setOptions(settings);
      if (settings.type !== 'prometheus') {
        const meta = getDataSourceSrv().getInstanceSettings(uid)?.meta;
        if (!meta) {
          throw new Error(`No plugin for data source type ${settings.type}`);
        }
        setPlugin((await importPlugin(meta)) as DataSourcePlugin<DataSourceApi>);
      }
    })().catch((err: unknown) => {
      console.error(`Data source ${uid}: ${errorMessage(err)}`);
      setError(errorMessage(err));
    });
  }, [uid]);

  const save = useCallback(async (): Promise<boolean> => {
    if (!options) {
      return false;
    }
    setSaved(undefined);
    try {
      const result = await getBackendSrv().put<{ datasource: DataSourceSettings; message: string }>(
        `/api/datasources/uid/${encodeURIComponent(uid)}`,
        options,
        { showErrorAlert: false }
      );
      setOptions(result.datasource);
      await (getDataSourceSrv() as PreviewDataSourceSrv).refresh();
      setSaved(result.message);
      return true;
    } catch (err) {
      setTest({ phase: 'done', result: 'error', message: `Save failed: ${errorMessage(err)}` });
      return false;
    }
  }, [options, uid]);

  const saveAndTest = useCallback(async () => {
    setTest({ phase: 'testing' });
    if (!(await save())) {
      return;
    }
    try {
      const ds = await getDataSourceSrv().get(uid);
      const result = await ds.testDatasource();
      const details = result.details as { message?: string } | undefined;
      setTest({ phase: 'done', result: result.status, message: result.message, details: details?.message });
    } catch (err) {
      setTest({ phase: 'done', result: 'error', message: errorMessage(err) });
    }
  }, [save, uid]);

  const ConfigEditor = plugin?.components.ConfigEditor;

  return (
    <>
      <Toolbar title={options ? `Data source: ${options.name}` : 'Data source'} onToggleTheme={onToggleTheme} />
      <div className={styles.page} data-testid="preview-datasource-page">
        {error && <Alert severity="error" title={`Cannot load data source ${uid}`}>{error}</Alert>}
        {options && (
          <>
            <Field label="Name">
              <Input value={options.name} onChange={(e) => setOptions({ ...options, name: e.currentTarget.value })} />
            </Field>
            {options.type === 'prometheus' ? (
              <Field label="Prometheus server URL" description="Grafana's Prometheus data source (the preview's stand-in); set by HEADROOM_PROMETHEUS_URL.">
                <Input value={options.url} readOnly />
              </Field>
            ) : ConfigEditor ? (
              <ConfigEditor options={options} onOptionsChange={setOptions} />
            ) : (
              !error && <div>Loading the plugin…</div>
            )}
            <div className={styles.buttons}>
              <Button variant="secondary" onClick={() => void save()} data-testid="preview-datasource-save">
                Save
              </Button>
              <Button variant="primary" onClick={() => void saveAndTest()} data-testid="data-testid Data source settings page Save and Test button" disabled={test.phase === 'testing'}>
                {test.phase === 'testing' ? 'Testing…' : 'Save & test'}
              </Button>
              {saved && <span className={styles.saved} data-testid="preview-datasource-saved">{saved}</span>}
            </div>
            {test.phase === 'done' && (
              <div style={{ marginTop: 16 }} data-testid="preview-datasource-test-result" data-status={test.result}>
                <Alert severity={test.result === 'success' || test.result === 'warning' ? test.result : 'error'} title={test.message ?? ''} data-testid="data-testid Data source settings page Alert">
                  {test.details}
                </Alert>
              </div>
            )}
          </>
        )}
        <p style={{ marginTop: 24, opacity: 0.7 }}>Grafana {config.buildInfo.version} preview host: settings are kept in the preview server&apos;s memory.</p>
      </div>
    </>
  );
}
