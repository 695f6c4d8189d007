// Connection saturation held on one primary (HeadroomDatabaseConnectionsHigh's incident): sessions
// opened and ended so that the connections in use stay at a target while the other clients come
// and go (the live service's replicas hold 2 PostgreSQL connections each, 5 to 12 of them).
import { Client } from 'pg';
import { HOST } from '../config';
import { CREDS } from './config';
import type { DataTier } from './config';
import { holdChange } from './holdChange';
import { mariadbAdmin } from './mariadb';
import { psql } from './postgres';
import { mysqlApp } from './workload';

export type TierPrimary = 'pgPrimary' | 'mariadbPrimary';

/** How often the hold looks at the server's connections and follows them. */
const LOOK_MS = 500;
/** PostgreSQL: the application_name of the held sessions (idle connections), told apart from every other by it. */
const PG_HOLD_NAME = 'headroom-hold';
/** MariaDB: a held session runs `SELECT SLEEP(...) AS hold_<n>`, KILLed to end it (a sleeping session does not notice its client leave). */
const MARIADB_HOLD_SECONDS = 1799;
const mariadbHoldSql = (slot: number) => `SELECT SLEEP(${MARIADB_HOLD_SECONDS}) AS hold_${slot}`;
/** Every held MariaDB session's statement, as a LIKE pattern on PROCESSLIST.INFO. */
const MARIADB_HELD = `INFO LIKE 'SELECT SLEEP(${MARIADB_HOLD_SECONDS}) AS hold\\_%'`;

interface HoldOps {
  /** Client connections in use on the server (the look's own left out), and how many of them are held. */
  look(): Promise<{ total: number; held: number }>;
  /** Opens held session `slot`; resolves once it has ended (refused, or closed). */
  open(slot: number): Promise<void>;
  close(slot: number): Promise<void>;
  /** Ends every held session, those still opening included (as far as the server has them yet). */
  closeAll(): Promise<void>;
}

function pgOps(tier: DataTier): HoldOps {
  const port = tier.ports.pgPrimary.port;
  const clients = new Map<number, Client>();
  return {
    async look() {
      const row = await psql(tier.bins, port, `SELECT count(*), count(*) FILTER (WHERE application_name = '${PG_HOLD_NAME}') FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`);
      const [total, held] = row.trim().split('|').map(Number);
      return { total, held };
    },
    async open(slot) {
      const client = new Client({ host: HOST, port, user: CREDS.pgUser, database: CREDS.pgDb, application_name: PG_HOLD_NAME, connectionTimeoutMillis: 10_000 });
      clients.set(slot, client);
      const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
      client.on('error', () => undefined); // a terminated backend: `end` follows
      try {
        await client.connect();
      } catch {
        clients.delete(slot);
        return; // refused (the server full): the next look opens it again if there is room
      }
      await ended;
      clients.delete(slot);
    },
    async close(slot) {
      await clients.get(slot)?.end().catch(() => undefined);
    },
    async closeAll() {
      await Promise.all([...clients.values()].map((c) => c.end().catch(() => undefined)));
    },
  };
}

function mariadbOps(tier: DataTier): HoldOps {
  const port = tier.ports.mariadbPrimary.port;
  const admin = (sql: string) => mariadbAdmin(tier.bins, tier.paths.mariadbPrimary, sql);
  const kill = async (where: string) => {
    const ids = await admin(`SELECT id FROM information_schema.PROCESSLIST WHERE ${where}`).catch(() => '');
    await Promise.all(ids.split('\n').filter((id) => /^\d+$/.test(id)).map((id) => admin(`KILL ${id}`).catch(() => undefined)));
  };
  return {
    async look() {
      const row = await admin(`SELECT (SELECT variable_value - 1 FROM information_schema.GLOBAL_STATUS WHERE variable_name = 'THREADS_CONNECTED'), (SELECT count(*) FROM information_schema.PROCESSLIST WHERE ${MARIADB_HELD})`);
      const [total, held] = row.trim().split(/\s+/).map(Number);
      return { total, held };
    },
    async open(slot) {
      // Ends when KILLed (an error then, which is its end), or refused: either way the slot is free again.
      await mysqlApp(tier, port, mariadbHoldSql(slot), (MARIADB_HOLD_SECONDS + 30) * 1000).catch(() => undefined);
    },
    close: (slot) => kill(`INFO = '${mariadbHoldSql(slot)}'`),
    closeAll: () => kill(MARIADB_HELD),
  };
}

export interface HoldReport {
  /** Most and fewest sessions held after the first look that reached the target. */
  mostHeld: number;
  fewestHeld: number;
  /** Sessions the server refused (it was full for a moment: others arrived before the hold gave way). */
  refused: number;
}

/**
 * Holds client connections on one primary so that `target` to `target + slack` are in use, following
 * the other clients every half second (holdChange), until `stop` aborts (at most `maxSeconds`); then
 * ends every held session and resolves once they have ended. PostgreSQL: idle connections named
 * `headroom-hold`; MariaDB: sessions each sleeping in one long `SELECT SLEEP`, KILLed to end them.
 * A failed look skips that turn.
 */
export async function holdConnections(tier: DataTier, server: TierPrimary, target: number, slack: number, maxSeconds: number, stop: AbortSignal): Promise<HoldReport> {
  const ops = server === 'pgPrimary' ? pgOps(tier) : mariadbOps(tier);
  const open = new Map<number, Promise<void>>();
  const sessions = new Set<Promise<void>>(); // every slot's, open or being closed
  const report: HoldReport = { mostHeld: 0, fewestHeld: Infinity, refused: 0 };
  let next = 0;
  let reached = false;
  const end = Date.now() + maxSeconds * 1000;
  try {
    while (!stop.aborted && Date.now() < end) {
      const seen = await ops.look().catch(() => null);
      if (seen && !stop.aborted) {
        // Others: what is in use besides the held sessions the server sees; held: the slots open or opening.
        const change = holdChange(target, seen.total - seen.held, open.size, slack);
        if (reached) {
          report.mostHeld = Math.max(report.mostHeld, open.size);
          report.fewestHeld = Math.min(report.fewestHeld, open.size);
        }
        reached ||= change === 0;
        for (let i = 0; i < change; i++) {
          const slot = next++;
          const opened = Date.now();
          const session: Promise<void> = ops.open(slot).finally(() => {
            sessions.delete(session);
            if (open.delete(slot) && Date.now() - opened < LOOK_MS) report.refused++; // ended by itself at once: refused
          });
          open.set(slot, session);
          sessions.add(session);
        }
        // The oldest first: the likeliest to be open on the server already.
        for (const slot of [...open.keys()].slice(0, Math.max(0, -change))) {
          open.delete(slot);
          void ops.close(slot);
        }
      }
      await new Promise<void>((resolve) => {
        const onStop = () => (clearTimeout(timer), resolve());
        const timer = setTimeout(() => (stop.removeEventListener('abort', onStop), resolve()), LOOK_MS);
        stop.addEventListener('abort', onStop, { once: true });
      });
    }
  } finally {
    open.clear();
    // A session still opening when the others were ended opens after them: ended on a later turn.
    for (let turn = 0; sessions.size > 0 && turn < 60; turn++) {
      await ops.closeAll();
      await Promise.race([Promise.all([...sessions]), new Promise((resolve) => setTimeout(resolve, LOOK_MS))]);
    }
  }
  if (!Number.isFinite(report.fewestHeld)) report.fewestHeld = 0;
  return report;
}
