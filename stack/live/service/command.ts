// How a stack (or the autoscaler) runs a replica of the live service: the service bundled once by
// esbuild into <state>/live/service.js (one file, no TypeScript loader in each replica), run by
// this Node with flags that keep a small heap, so twelve replicas fit beside the stack.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildSync } from 'esbuild';

/**
 * Node flags of a replica (each checked on Node 20):
 *   --max-old-space-size=48   a 48 MiB old generation: the service holds a few KiB of state
 *   --max-semi-space-size=1   1 MiB young-generation halves (default 16): more scavenges, less RSS
 *   --lite-mode               no optimising compiler and lazy feedback: less code memory; the CPU
 *                             per request is SHA-256 in OpenSSL (work.ts), which it does not slow
 *   --no-expose-wasm          no WebAssembly (--lite-mode turns it off anyway, with a warning
 *                             on stderr unless this flag says so too)
 * Measured at rest after 300 requests: 50-51 MiB RSS (Node 20 with no flags: 74 MiB; the bundle
 * is minified: 395 KB instead of 885 KB of source kept in the heap).
 */
export const REPLICA_NODE_FLAGS = ['--max-old-space-size=48', '--max-semi-space-size=1', '--lite-mode', '--no-expose-wasm'];

/** The environment variables a replica reads (config.ts); everything else of `env` is left out. */
export const REPLICA_ENV_VARS = ['PORT', 'HEADROOM_POD', 'HEADROOM_LIVE_POOL_SIZE', 'HEADROOM_LIVE_POOL_IDLE_SECONDS', 'HEADROOM_LIVE_WORK', 'HEADROOM_PG_PRIMARY_PORT', 'HEADROOM_PG_REPLICA_PORT', 'HEADROOM_REDIS_PORT'];

/**
 * pg asks whether it runs in a Cloudflare Worker by looking at `navigator.userAgent`, and where
 * there is no `navigator` (Node 20; Node 21 has one) by building a fetch `Response`, which loads
 * undici, which compiles WebAssembly: under --lite-mode (no WebAssembly) that rejects and ends
 * the process. The bundle defines `navigator` as Node 21 does, so pg's first test answers.
 */
const NAVIGATOR_BANNER = "if (typeof navigator === 'undefined') globalThis.navigator = { userAgent: 'Node.js/' + process.versions.node.split('.')[0] };";

export interface ServiceCommand {
  cmd: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

const built = new Set<string>();

/** Bundles main.ts to `out` (written beside it, then renamed: a replica never reads half a file). */
export function bundleService(out: string): void {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  buildSync({
    entryPoints: [path.join(__dirname, 'main.ts')],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // pg's optional native binding and its Cloudflare socket shim: never loaded on Node.
    external: ['pg-native', 'cloudflare:sockets'],
    minify: true,
    logLevel: 'error',
    banner: { js: NAVIGATOR_BANNER },
  });
  fs.renameSync(tmp, out);
}

/** The command that runs one replica: bundled on the first call of this process for `stateDir` (again if the file went). */
export function serviceCommand(stateDir: string, env: NodeJS.ProcessEnv): ServiceCommand {
  const out = path.join(stateDir, 'live', 'service.js');
  if (!built.has(out) || !fs.existsSync(out)) {
    bundleService(out);
    built.add(out);
  }
  const childEnv: NodeJS.ProcessEnv = { PATH: env.PATH ?? process.env.PATH, NODE_ENV: 'production' };
  for (const name of REPLICA_ENV_VARS) if (env[name] !== undefined) childEnv[name] = env[name];
  return { cmd: process.execPath, args: [...REPLICA_NODE_FLAGS, out], env: childEnv };
}
