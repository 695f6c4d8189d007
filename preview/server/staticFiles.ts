// Static files: the host page (with Grafana's boot data), the host bundle, the plugins as Grafana
// serves them (/public/plugins/<id>/), @grafana/ui's icons, the Inter font, and a monospace
// stand-in for Roboto Mono.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { hostOutDir, repoRoot } from '../build';
import { Route, sendJson } from './http';
import { pluginDirs } from './plugins';

const uiIconsDir = path.join(repoRoot, 'node_modules', '@grafana', 'ui', 'dist', 'public', 'img', 'icons');
const interFontDir = path.join(repoRoot, 'node_modules', 'inter-ui', 'web');
const monoFallbackFont = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf';

const mimeTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.md': 'text/markdown; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};

const prometheusLogo =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="#e6522c"/></svg>';

function serveFile(req: http.IncomingMessage, res: http.ServerResponse, root: string, relative: string, immutable = false): void {
  const file = path.resolve(root, relative);
  if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    sendJson(res, 404, { message: `Not found: ${relative}` });
    return;
  }
  const stat = fs.statSync(file);
  const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  const headers: Record<string, string> = {
    'Content-Type': mimeTypes[path.extname(file)] ?? 'application/octet-stream',
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    ETag: etag,
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, headers);
  fs.createReadStream(file).pipe(res);
}

function sendSvg(res: http.ServerResponse, svg: string): void {
  res.writeHead(200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'max-age=3600' });
  res.end(svg);
}

/** The page every non-API path gets: Grafana's boot data, the theme from ?theme=, the host bundle. */
function indexHtml(settings: Record<string, unknown>): string {
  const bootData = {
    settings,
    user: { theme: 'dark', lightTheme: false, timezone: 'browser', orgId: 1, isSignedIn: true, login: 'preview', orgRole: 'Admin' },
    navTree: [],
  };
  const json = JSON.stringify(bootData).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<base href="/">
<meta name="viewport" content="width=device-width">
<title>Headroom preview</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/public/build/main.css">
<style>html, body { margin: 0; } /* as Grafana's own stylesheet: no page margin, so no sideways scroll */</style>
<script>
window.grafanaBootData = ${json};
(function () {
  var theme = new URLSearchParams(location.search).get('theme');
  var user = window.grafanaBootData.user;
  user.theme = theme === 'light' ? 'light' : 'dark';
  user.lightTheme = user.theme === 'light';
  document.documentElement.dataset.theme = user.theme;
})();
</script>
<script type="module" src="/public/build/main.js"></script>
</head>
<body><div id="reactRoot"></div></body>
</html>`;
}

export function staticFilesRoute(frontendSettings: () => Record<string, unknown>): Route {
  return (req, res, pathname) => {
    if (pathname.startsWith('/public/build/img/icons/')) {
      // @grafana/ui's Icon fetches its SVGs from Grafana's public/build/img/icons/.
      const relative = pathname.slice('/public/build/img/icons/'.length);
      if (fs.existsSync(path.join(uiIconsDir, relative))) {
        serveFile(req, res, uiIconsDir, relative, true);
      } else {
        // Grafana ships more icons than @grafana/ui's package: a blank one of the same size.
        sendSvg(res, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"></svg>');
      }
      return true;
    }
    if (pathname.startsWith('/public/fonts/inter/')) {
      serveFile(req, res, interFontDir, pathname.slice('/public/fonts/inter/'.length), true);
      return true;
    }
    if (pathname.startsWith('/public/fonts/roboto/') && fs.existsSync(monoFallbackFont)) {
      // Grafana ships Roboto Mono; the preview stands in the system's DejaVu Sans Mono.
      serveFile(req, res, path.dirname(monoFallbackFont), path.basename(monoFallbackFont), true);
      return true;
    }
    if (pathname.startsWith('/public/build/')) {
      const relative = pathname.slice('/public/build/'.length);
      serveFile(req, res, hostOutDir, relative, relative.startsWith('chunks/'));
      return true;
    }
    const m = pathname.match(/^\/public\/plugins\/([^/]+)\/(.+)$/);
    if (m) {
      const dir = pluginDirs().get(m[1]);
      if (!dir) {
        sendJson(res, 404, { message: `Plugin not found: ${m[1]}` });
      } else {
        serveFile(req, res, dir, m[2]);
      }
      return true;
    }
    if (pathname.endsWith('prometheus_logo.svg') || pathname === '/public/img/icn-app.svg') {
      sendSvg(res, prometheusLogo);
      return true;
    }
    if (pathname.startsWith('/public/')) {
      sendJson(res, 404, { message: `Not found: ${pathname}` });
      return true;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(indexHtml(frontendSettings()));
    return true;
  };
}
