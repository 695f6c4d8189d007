// A webhook receiver standing in for the on-call tools: Alertmanager posts to
// http://127.0.0.1:<port>/<receiver name>; each notification is printed as one line, kept in
// memory and appended to a JSONL file. GET /notifications returns them all (for tests).
// Run by stack/cli.ts as: node --import tsx stack/receiver.ts --port P --file FILE
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';

export interface Notification {
  receivedAt: string;
  /** The path Alertmanager posted to, without the leading slash: the receiver's name. */
  receiver: string;
  status: string;
  alertnames: string[];
  payload: unknown;
}

interface AlertmanagerPayload {
  status?: string;
  receiver?: string;
  alerts?: { status?: string; labels?: Record<string, string> }[];
  commonLabels?: Record<string, string>;
}

/** The one line printed per notification. */
export function summarise(n: Notification): string {
  const p = n.payload as AlertmanagerPayload;
  const alerts = p.alerts ?? [];
  const firing = alerts.filter((a) => a.status === 'firing').length;
  const common = p.commonLabels ?? {};
  const extra = ['severity', 'team', 'cluster', 'namespace']
    .filter((k) => common[k])
    .map((k) => `${k}=${common[k]}`)
    .join(' ');
  return `${n.receivedAt} ${n.receiver} ${n.status.toUpperCase()} ${n.alertnames.join(',') || '-'} (${firing} firing, ${alerts.length - firing} resolved)${extra ? ' ' + extra : ''}`;
}

export function parseNotification(receiver: string, body: string, now = new Date()): Notification {
  const payload = JSON.parse(body) as AlertmanagerPayload;
  const names = new Set<string>();
  for (const a of payload.alerts ?? []) if (a.labels?.alertname) names.add(a.labels.alertname);
  return { receivedAt: now.toISOString(), receiver, status: String(payload.status ?? 'unknown'), alertnames: [...names].sort(), payload };
}

function main() {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    if (i < 0) throw new Error(`missing --${name}`);
    return process.argv[i + 1];
  };
  const port = Number(arg('port'));
  const file = arg('file');
  const host = '127.0.0.1';
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const kept: Notification[] = [];
  if (fs.existsSync(file)) {
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      if (line.trim()) kept.push(JSON.parse(line) as Notification);
    }
  }

  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', `http://${host}`);
    if (req.method === 'GET' && u.pathname === '/notifications') {
      const since = u.searchParams.get('since');
      const out = since ? kept.filter((n) => n.receivedAt >= since) : kept;
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(out));
      return;
    }
    if (req.method === 'GET' && u.pathname === '/-/healthy') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok\n');
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('POST /<receiver> (Alertmanager webhook) or GET /notifications\n');
      return;
    }
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (body += d));
    req.on('end', () => {
      let n: Notification;
      try {
        n = parseNotification(decodeURIComponent(u.pathname.replace(/^\/+/, '')) || 'default', body);
      } catch (e) {
        res.writeHead(400, { 'Content-Type': 'text/plain' }).end(`not an Alertmanager webhook payload: ${(e as Error).message}\n`);
        return;
      }
      kept.push(n);
      fs.appendFileSync(file, JSON.stringify(n) + '\n');
      console.log(`receiver: ${summarise(n)}`);
      res.writeHead(200).end();
    });
  });
  server.on('error', (e: NodeJS.ErrnoException) => {
    console.error(`receiver: cannot listen on ${host}:${port}: ${e.code ?? e.message}`);
    process.exit(1);
  });
  server.listen(port, host, () => console.log(`receiver: listening on http://${host}:${port}/ (notifications in ${file})`));
  const shutdown = () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

if (require.main === module) main();
