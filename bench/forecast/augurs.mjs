// Loads @bsull/augurs' MSTL (WASM) in Node for the forecast benchmark. Returns null when the
// package is missing or its WASM does not instantiate, so the benchmark still runs without it.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';

export async function loadAugursMstl() {
  try {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve('@bsull/augurs/mstl'));
    const mod = await import(path.join(dir, 'mstl.js'));
    mod.initSync({ module: fs.readFileSync(path.join(dir, 'mstl_bg.wasm')) });
    const version = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
    const wasm = fs.readFileSync(path.join(dir, 'mstl_bg.wasm'));
    const glue = fs.readFileSync(path.join(dir, 'mstl.js'));
    const bytes = wasm.length + glue.length;
    const gzBytes = zlib.gzipSync(wasm).length + zlib.gzipSync(glue).length;
    /** Point forecast (and interval at `level`) from MSTL with AutoETS on the trend. */
    const forecast = (y, periods, h, level) => {
      const model = mod.MSTL.ets(periods);
      try {
        model.fit(Float64Array.from(y));
        const f = model.predict(h, level ?? null);
        return { point: Float64Array.from(f.point), lower: f.intervals?.lower, upper: f.intervals?.upper };
      } finally {
        model.free();
      }
    };
    return { version, bytes, gzBytes, forecast };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
