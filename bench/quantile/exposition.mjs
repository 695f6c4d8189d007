// A large Prometheus text exposition for the `headroom quantile` bench: `series` classic
// histograms as client_golang writes them (HELP/TYPE per family, then per series its 11 buckets
// and +Inf, _sum and _count), spread over 10 families, with the labels a real HTTP server's
// request histogram has. Seeded: the same bytes run after run (about 1.5 KB a series).
import fs from 'node:fs';
import { mulberry32 } from '../prng.mjs';

const BOUNDS = ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10', '+Inf'];
const FAMILIES = 10;
const HANDLERS = ['/api/v1/query', '/api/v1/query_range', '/api/v1/series', '/api/v1/labels', '/metrics', '/-/ready', '/api/v1/write'];
const METHODS = ['GET', 'POST'];
const CODES = ['200', '204', '400', '404', '500', '503'];

/** Writes the exposition to `file` (synchronously, in blocks); returns its size in bytes. */
export function writeExposition(file, series, seed = 42) {
  const rnd = mulberry32(seed);
  const fd = fs.openSync(file, 'w');
  let block = '';
  const flush = (force) => {
    if (force || block.length > 1 << 20) {
      fs.writeSync(fd, block);
      block = '';
    }
  };
  const perFamily = Math.ceil(series / FAMILIES);
  let written = 0;
  for (let f = 0; f < FAMILIES && written < series; f++) {
    const name = `http_request_duration_seconds_${f}`;
    block += `# HELP ${name} Duration of HTTP server requests.\n# TYPE ${name} histogram\n`;
    for (let s = 0; s < perFamily && written < series; s++, written++) {
      const labels = `code="${CODES[s % CODES.length]}",handler="${HANDLERS[(s >> 3) % HANDLERS.length]}",instance="10.${(s >> 16) & 255}.${(s >> 8) & 255}.${s & 255}:8080",method="${METHODS[(s >> 1) % 2]}"`;
      let count = 0;
      let sum = 0;
      for (const le of BOUNDS) {
        count += Math.floor(rnd() * 400);
        sum += count * 0.01;
        block += `${name}_bucket{${labels},le="${le}"} ${count}\n`;
      }
      block += `${name}_sum{${labels}} ${sum.toFixed(6)}\n${name}_count{${labels}} ${count}\n`;
      flush(false);
    }
  }
  flush(true);
  fs.closeSync(fd);
  return fs.statSync(file).size;
}
