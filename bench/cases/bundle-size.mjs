// Bundle size of every built plugin's module.js, raw and gzipped (needs `npm run build` first).
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export default async function run({ root }) {
  const dist = path.join(root, 'dist');
  if (!fs.existsSync(dist)) {
    throw new Error('dist/ is missing: run `npm run build` first');
  }
  const rows = [];
  for (const id of fs.readdirSync(dist).filter((d) => fs.existsSync(path.join(dist, d, 'module.js'))).sort()) {
    const source = fs.readFileSync(path.join(dist, id, 'module.js'));
    rows.push({ case: `bundle ${id}`, metric: 'module.js raw', value: +(source.length / 1024).toFixed(1), unit: 'KiB' });
    rows.push({ case: `bundle ${id}`, metric: 'module.js gzip', value: +(gzipSync(source, { level: 9 }).length / 1024).toFixed(1), unit: 'KiB' });
  }
  return rows;
}
