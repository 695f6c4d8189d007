// `stop`: ends every process a start started (by pid, only while the pid still runs our command),
// removes what the start wrote besides the kept state, and with `clean` the state folder too.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig, statePaths } from './config';
import { say } from './say';
import { tierPaths } from './datatier/config';
import { awaitKeeper, teardown } from './teardown';

export async function stop(o: { clean: boolean }): Promise<number> {
  const cfg = loadConfig();
  const { stopped, killed, stale } = await teardown(cfg.stateDir, ['keeper']);
  // The keeper ends with the start it keeps (stopped above); one that is ending a killed start is waited for.
  await awaitKeeper(cfg.stateDir, false);
  const p = statePaths(cfg.stateDir);
  if (stopped.length + killed.length === 0) say(`not running (state ${cfg.stateDir}).`);
  else say(`stopped ${[...stopped, ...killed.map((k) => `${k} (killed)`)].join(', ')}.`);
  if (stale.length) say(`removed stale pid files of ${stale.join(', ')}.`);
  if (o.clean) {
    // Only what a start creates, so that a mistaken HEADROOM_STATE_DIR cannot delete anything else.
    for (const d of [p.pids, p.logs, p.tsdbRoot, p.alertmanager, path.dirname(p.notifications), path.join(cfg.stateDir, 'last-start.json'), tierPaths(cfg.stateDir).root]) {
      fs.rmSync(d, { recursive: true, force: true });
    }
    try {
      fs.rmdirSync(cfg.stateDir);
    } catch {
      /* not empty: someone else's files */
    }
    say(`removed the state folder ${cfg.stateDir} (cached history and the databases of the data tier included).`);
  }
  return 0;
}
