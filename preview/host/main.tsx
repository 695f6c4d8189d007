// The preview host: Grafana's runtime services, the plugin loader, the page.
// window.grafanaBootData (theme, data sources, plugins) is set by the page before this runs.
import React from 'react';
import { createRoot } from 'react-dom/client';
import { createTheme, EventBusSrv } from '@grafana/data';
import { config, setAppEvents, setBackendSrv, setDataSourceSrv, setTemplateSrv } from '@grafana/runtime';
import { App } from './app/App';
import { installLoader } from './loader';
import { initRegistries } from './registries';
import { PreviewBackendSrv } from './services/backendSrv';
import { PreviewDataSourceSrv } from './services/dataSourceSrv';
import { PreviewTemplateSrv } from './services/templateSrv';

initRegistries();
config.theme2 = createTheme({ colors: { mode: config.bootData.user.lightTheme ? 'light' : 'dark' } });
config.theme = config.theme2.v1;
setAppEvents(new EventBusSrv());
setBackendSrv(new PreviewBackendSrv());
setTemplateSrv(new PreviewTemplateSrv());
setDataSourceSrv(new PreviewDataSourceSrv());
installLoader();

createRoot(document.getElementById('reactRoot')!).render(<App />);
