// Routes, theme and global styles.
import React, { useCallback, useEffect, useState } from 'react';
import { createTheme, ThemeContext } from '@grafana/data';
import { config, getAppEvents, getDataSourceSrv, locationService, ThemeChangedEvent } from '@grafana/runtime';
import { GlobalStyles } from '@grafana/ui';
import { PreviewDataSourceSrv } from '../services/dataSourceSrv';
import { DashboardPage } from './DashboardPage';
import { DataSourcePage } from './DataSourcePage';
import { HomePage } from './HomePage';
import { useLocation } from './location';
import { PluginPage } from './PluginPage';
import { installPreviewApi } from './previewApi';
import { SoloPanelPage } from './SoloPanelPage';

/** Where the test harness parks an idle tab. */
function Blank() {
  useEffect(() => installPreviewApi('blank', undefined), []);
  return null;
}

function Route({ pathname, onToggleTheme }: { pathname: string; onToggleTheme: () => void }) {
  let m = pathname.match(/^\/d\/([^/]+)/);
  if (m) {
    return <DashboardPage uid={m[1]} onToggleTheme={onToggleTheme} />;
  }
  m = pathname.match(/^\/d-solo\/([^/]+)/);
  if (m) {
    return <SoloPanelPage dashboardUid={m[1]} />;
  }
  if (pathname === '/preview/panel') {
    return <SoloPanelPage />;
  }
  m = pathname.match(/^\/datasources\/edit\/([^/]+)/);
  if (m) {
    return <DataSourcePage uid={m[1]} onToggleTheme={onToggleTheme} />;
  }
  if (pathname === '/preview/blank') {
    return <Blank />;
  }
  m = pathname.match(/^\/preview\/plugins\/([^/]+)/);
  if (m) {
    return <PluginPage id={m[1]} onToggleTheme={onToggleTheme} />;
  }
  return <HomePage onToggleTheme={onToggleTheme} />;
}

// Tests open page after page in one browser tab: an in-app navigation (no reload of the host
// bundle). `_n` in the URL makes each one a fresh page even when only the query changes.
// The data sources are read again first: the server's may have been reset since this tab loaded.
(window as unknown as { __previewNavigate: (url: string) => Promise<void> }).__previewNavigate = async (url) => {
  await (getDataSourceSrv() as PreviewDataSourceSrv).refresh();
  locationService.push(url);
};

export function App() {
  const location = useLocation();
  const [theme, setTheme] = useState(config.theme2);
  const onToggleTheme = useCallback(() => {
    const next = createTheme({ colors: { mode: config.theme2.isDark ? 'light' : 'dark' } });
    config.theme2 = next;
    config.theme = next.v1;
    config.bootData.user.lightTheme = next.isLight;
    document.documentElement.dataset.theme = next.colors.mode;
    locationService.partial({ theme: next.colors.mode }, true);
    getAppEvents()?.publish(new ThemeChangedEvent(next));
    setTheme(next);
  }, []);
  return (
    <ThemeContext.Provider value={theme}>
      <GlobalStyles />
      <Route key={`${location.pathname}|${new URLSearchParams(location.search).get('_n') ?? ''}`} pathname={location.pathname} onToggleTheme={onToggleTheme} />
    </ThemeContext.Provider>
  );
}
