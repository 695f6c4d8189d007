// The live autoscaler's process (started by startLive, index.ts):
//   node --import tsx stack/live/autoscaler/main.ts STATE_DIR/live/autoscaler.json
// SIGTERM or SIGINT stops every replica, then the process.
import { readLiveConfig } from './config';
import { Supervisor } from './supervisor';

async function main(file: string): Promise<void> {
  const sup = new Supervisor(readLiveConfig(file));
  let ending = false;
  const end = (code: number) => {
    if (ending) return;
    ending = true;
    void sup.stop().finally(() => process.exit(code));
  };
  process.on('SIGTERM', () => end(0));
  process.on('SIGINT', () => end(0));
  process.on('uncaughtException', (e) => {
    console.error(`${new Date().toISOString()} live autoscaler: ${e.stack ?? e.message}; stopping`);
    end(1);
  });
  try {
    await sup.start();
  } catch (e) {
    console.error(`${new Date().toISOString()} live autoscaler: start failed: ${(e as Error).message}`);
    end(1);
  }
}

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: node --import tsx stack/live/autoscaler/main.ts STATE_DIR/live/autoscaler.json');
  process.exit(2);
}
void main(file);
