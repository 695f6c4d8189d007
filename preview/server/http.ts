// The small HTTP helpers every part of the preview server uses: JSON answers and request bodies.
import http from 'node:http';

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

export function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** A route handler: true when it answered the request. */
export type Route = (req: http.IncomingMessage, res: http.ServerResponse, pathname: string, search: string) => Promise<boolean> | boolean;
