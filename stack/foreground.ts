// A foreground start once the stack is up: echoes the receiver's notifications, and ends the stack
// (through the start's abort) when a service dies. Ctrl-C reaches the start's signal handlers.
import * as fs from 'node:fs';
import { StackConfig } from './config';
import { isOurs, lastError, Spawned } from './procs';
import { say } from './say';

export async function supervise(cfg: StackConfig, spawned: Spawned[], abort: (code: number) => Promise<void>, stopping: () => boolean): Promise<number> {
  say('Ctrl-C stops everything. Notifications from Alertmanager appear below.');
  const receiverLog = spawned.find((s) => s.name === 'receiver')!.log;
  let offset = fs.statSync(receiverLog).size;
  const timer = setInterval(() => {
    if (stopping()) return clearInterval(timer); // the services end because they are being stopped
    const size = fs.statSync(receiverLog).size;
    if (size > offset) {
      const fd = fs.openSync(receiverLog, 'r');
      const buf = Buffer.alloc(size - offset);
      fs.readSync(fd, buf, 0, buf.length, offset);
      fs.closeSync(fd);
      offset = size;
      for (const line of buf.toString('utf8').split('\n')) if (line.startsWith('receiver: ')) console.log(`  ${line.slice(10)}`);
    }
    const dead = spawned.find((s) => !isOurs(s));
    if (dead) {
      clearInterval(timer);
      say(`${dead.name} stopped unexpectedly (${lastError(dead.log)}); stopping the rest. Log: ${dead.log}`);
      void abort(1);
    }
  }, 1000);
  return new Promise<number>(() => {
    /* runs until a signal or a dead service ends the process */
  });
}
