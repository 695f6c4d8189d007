// The live autoscaler's process (started by startLive, index.ts, from its bundle: stack/bundle.ts):
//   node <state>/bundles/stack/live/autoscaler/main.js STATE_DIR/live/autoscaler.json
// With a background load in the config it sends it through its own balancer once the replicas
// are up (load/background.ts). SIGTERM or SIGINT ends the load, stops every replica, then the process.
import { HOST } from '../../config';
import { runBackgroundLoad } from '../load/background';
import { readLiveConfig } from './config';
import { Supervisor } from './supervisor';

const stamp = () => new Date().toISOString();

async function main(file: string): Promise<void> {
  const cfg = readLiveConfig(file);
  const sup = new Supervisor(cfg);
  const load = new AbortController();
  let ending = false;
  const end = (code: number) => {
    if (ending) return;
    ending = true;
    load.abort();
    void sup.stop().finally(() => process.exit(code));
  };
  process.on('SIGTERM', () => end(0));
  process.on('SIGINT', () => end(0));
  process.on('uncaughtException', (e) => {
    console.error(`${stamp()} live autoscaler: ${e.stack ?? e.message}; stopping`);
    end(1);
  });
  try {
    await sup.start();
  } catch (e) {
    console.error(`${stamp()} live autoscaler: start failed: ${(e as Error).message}`);
    end(1);
    return;
  }
  if (cfg.load && !ending) {
    runBackgroundLoad(`http://${HOST}:${cfg.livePort}`, cfg.load, load.signal, (line) => console.log(`${stamp()} ${line}`)).catch((e: Error) => console.error(`${stamp()} live autoscaler: background load: ${e.message}`));
  }
}

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: node stack/live/autoscaler/main.ts STATE_DIR/live/autoscaler.json  (through the tsx loader, or its bundle)');
  process.exit(2);
}
void main(file);
