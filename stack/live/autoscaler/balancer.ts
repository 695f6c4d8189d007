// The load balancer in front of the replicas (a Service's kube-proxy): round robin over the ready
// replicas, a request to a replica that refuses it goes to the next one; 503 when none is ready.
import * as http from 'node:http';
import { HOST } from '../../config';

/** Round robin over a list that changes: the next index after `last`, wrapping; -1 for an empty list. */
export function nextIndex(last: number, length: number): number {
  return length > 0 ? (last + 1) % length : -1;
}

export interface Upstream {
  pod: string;
  port: number;
}

export class Balancer {
  private last = -1;
  // Idle sockets close before the replicas' own 5 s keep-alive timeout (Node's default) would.
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 4000 });
  readonly server: http.Server;

  /** `ready()` gives the replicas that may take requests now. */
  constructor(private readonly ready: () => readonly Upstream[]) {
    this.server = http.createServer((req, res) => this.forward(req, res, 0));
  }

  private pick(): Upstream | null {
    const list = this.ready();
    this.last = nextIndex(this.last, list.length);
    return this.last < 0 ? null : list[this.last];
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse, attempt: number): void {
    const up = this.pick();
    if (!up) {
      res.writeHead(503, { 'Content-Type': 'text/plain' }).end('no ready replica\n');
      return;
    }
    const out = http.request({ host: HOST, port: up.port, method: req.method, path: req.url, headers: req.headers, agent: this.agent }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on('error', (e: NodeJS.ErrnoException) => {
      // A replica being stopped refuses the connection, a kept-alive socket its server just closed
      // resets: the next replica gets the request (once its body has been read: it is not replayed).
      const retry = e.code === 'ECONNREFUSED' || (e.code === 'ECONNRESET' && out.reusedSocket);
      if (retry && attempt < 2 && !res.headersSent && req.readableEnded) this.forward(req, res, attempt + 1);
      else if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' }).end(`replica ${up.pod}: ${e.code ?? e.message}\n`);
      else res.destroy();
    });
    req.pipe(out);
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, HOST, () => resolve());
    });
  }

  close(): Promise<void> {
    this.agent.destroy();
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
