// Running the tier's command-line tools (psql, mariadb, redis-cli, pgbench, ...) as bounded child
// processes, and running PostgreSQL as a non-root user when we are root (it refuses to run as root).
import { execFile, ExecFileOptionsWithStringEncoding } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StackError } from '../config';
import { assertMayStart, removeRecord, writeRecord } from '../procs';

export interface RunOptions {
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Ends the tool early (SIGTERM); the call then rejects, as for any other end but exit 0. */
  signal?: AbortSignal;
}

/** The state folder whose pids/ records each tool run (a start's: initdb, pg_basebackup, ...), or null. */
let recordIn: string | null = null;

/**
 * From now on (in this process) every tool `run` starts gets a pid file `tool-<pid>` in `stateDir`
 * while it runs, and none starts once the start is being stopped: so an interrupted or killed start
 * (its keeper) ends an initdb or a pg_basebackup under way, as it ends the servers.
 */
export function recordTools(stateDir: string | null): void {
  recordIn = stateDir;
}

/** Runs `cmd args` (no shell), resolves with stdout; rejects with one line naming the command and its stderr. */
export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const stateDir = recordIn;
    if (stateDir) assertMayStart(path.basename(cmd));
    // Recorded, a tool runs in a process group of its own, ended as a whole (mariadb-install-db is a
    // script that runs a bootstrap mariadbd); otherwise it stays in ours (the workload's rounds).
    const options: ExecFileOptionsWithStringEncoding = { encoding: 'utf8', timeout: opts.timeoutMs ?? 60000, env: opts.env ?? process.env, cwd: opts.cwd, maxBuffer: 32 * 1024 * 1024, signal: opts.signal };
    Object.assign(options, { detached: !!stateDir }); // passed on to spawn (not in ExecFileOptions' type)
    const child = execFile(cmd, args, options, (err, stdout, stderr) => {
      if (stateDir) removeRecord(stateDir, name);
      if (!err) return resolve(stdout);
      // The tool's own last word (some, as redis-benchmark, print errors on stdout), and how it ended.
      const said = String(stderr).trim().split('\n').pop() || String(stdout).trim().split('\n').pop() || '';
      const ended = err.signal ? `killed by ${err.signal}` : `exit ${err.code}`;
      const why = `${said ? `${said} ` : ''}(${ended})`.slice(0, 300);
      reject(new StackError(`${path.basename(cmd)} ${args.slice(0, 3).join(' ')} ... failed: ${why}`));
    });
    const name = `tool-${child.pid}`;
    // setpriv execs the program after `--`: its path is in the command line before and after.
    const marker = args.includes('--') ? args[args.indexOf('--') + 1] : cmd;
    if (stateDir && child.pid !== undefined) writeRecord(stateDir, { name, pid: child.pid, marker, startedAt: new Date().toISOString(), group: true });
  });
}

/** The user PostgreSQL runs as: `postgres` when we are root, else ourselves. */
export function pgUser(): { name: string; uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const line = fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
  if (!line) throw new StackError('running as root, PostgreSQL needs the `postgres` user, which is missing; install postgresql-15 (it creates it) or run as a normal user.');
  const [, , uid, gid] = line.split(':');
  return { name: 'postgres', uid: Number(uid), gid: Number(gid) };
}

/** `cmd args` as the PostgreSQL user: through setpriv (which execs, so the pid stays the server's) when root. */
export function asPgUser(setpriv: string, cmd: string, args: string[]): [string, string[]] {
  const u = pgUser();
  if (!u) return [cmd, args];
  return [setpriv, [`--reuid=${u.uid}`, `--regid=${u.gid}`, '--init-groups', '--', cmd, ...args]];
}

/**
 * Makes `dir` owned by the PostgreSQL user and every folder above it passable, or says which is not.
 * Only the state folder itself (`own`) is opened up (o+x); a closed folder above it is the user's to fix.
 */
export function prepareForPgUser(dir: string, own: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const u = pgUser();
  if (!u) return;
  fs.chownSync(dir, u.uid, u.gid);
  fs.chmodSync(dir, 0o700);
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    const mode = fs.statSync(d).mode;
    if (!(mode & 0o001)) {
      if (d === own || d.startsWith(own + path.sep)) fs.chmodSync(d, mode | 0o001);
      else throw new StackError(`PostgreSQL runs as user postgres, which cannot enter ${d}; run \`chmod o+x ${d}\` or set HEADROOM_STATE_DIR to a folder it can reach.`);
    }
    if (d === path.dirname(d)) break;
  }
}

/** A file only we can read (credentials, scripts). */
export function writePrivate(file: string, text: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text, { mode: 0o600 });
  return file;
}


/**
 * Builds a server's data folder (initdb, pg_basebackup, mariadb-install-db) in `<dir>.partial` and
 * renames it to `dir` only when the build finished: a start interrupted during the build leaves no
 * half-made folder that the next start would take for a complete one (a replica that then exits).
 * A leftover `.partial`, or a `dir` without `marker` (made by an older start), is built again.
 */
export async function buildDataDir(dir: string, marker: string, build: (partial: string) => Promise<void>): Promise<void> {
  if (fs.existsSync(path.join(dir, marker))) return;
  const partial = `${dir}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  await build(partial);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(partial, dir);
}
