// The preview server + Chromium one jest run shares (daemon.ts), started by the first test file
// that needs it, found by the others through a state file.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './harnessTypes';

export interface DaemonState {
  pid: number;
  url: string;
  prometheusUrl: string;
  wsEndpoint: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The shared server + Chromium of this jest run (daemon.ts), started by the first test file that
 * needs it. Owned by the jest process (the parent of a worker, or this process when in band).
 */
export async function sharedDaemon(prometheusUrl: string | undefined): Promise<DaemonState> {
  const owner = typeof process.send === 'function' ? process.ppid : process.pid;
  const key = `${owner}-${Buffer.from(prometheusUrl ?? 'default').toString('hex').slice(0, 40)}`;
  const dir = path.join(os.tmpdir(), 'headroom-preview-tests');
  fs.mkdirSync(dir, { recursive: true });
  for (const name of fs.readdirSync(dir)) {
    const pid = Number(name.split('-')[0]);
    if (pid && pid !== owner && !alive(pid)) {
      fs.rmSync(path.join(dir, name), { recursive: true, force: true });
    }
  }
  const stateFile = path.join(dir, `${key}.json`);
  const lock = path.join(dir, `${key}.lock`);
  const read = (): DaemonState | undefined => {
    try {
      const state = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as DaemonState;
      return alive(state.pid) ? state : undefined;
    } catch {
      return undefined;
    }
  };
  const existing = read();
  if (existing) {
    return existing;
  }
  let mine = false;
  try {
    fs.mkdirSync(lock);
    mine = true;
  } catch {
    // Another worker is starting it: wait for its state file.
  }
  if (mine) {
    fs.rmSync(`${stateFile}.error`, { force: true });
    const log = fs.openSync(path.join(dir, `${key}.log`), 'w');
    const env: NodeJS.ProcessEnv = { ...process.env, HEADROOM_PREVIEW_OWNER_PID: String(owner), HEADROOM_PREVIEW_STATE: stateFile };
    if (prometheusUrl) {
      env.HEADROOM_PROMETHEUS_URL = prometheusUrl;
    }
    const child = spawn(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), [path.join(__dirname, 'daemon.ts')], {
      cwd: repoRoot,
      env,
      detached: true,
      stdio: ['ignore', log, log],
    });
    child.unref();
    fs.closeSync(log);
  }
  const deadline = Date.now() + 240_000;
  try {
    while (Date.now() < deadline) {
      const state = read();
      if (state) {
        return state;
      }
      if (fs.existsSync(`${stateFile}.error`)) {
        throw new Error(`the preview test daemon failed: ${fs.readFileSync(`${stateFile}.error`, 'utf8')} (log: ${path.join(dir, `${key}.log`)})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the preview test daemon did not start within 240 s (log: ${path.join(dir, `${key}.log`)})`);
  } finally {
    if (mine) {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
}
