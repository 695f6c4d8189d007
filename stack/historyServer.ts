// A Prometheus that only serves the cached history (no scrape, no rules), on the stack's own port
// before the real one starts: what the recording-rule history (rulehistory.ts) queries. Started
// again for each stage, so that a stage reads the blocks the one before wrote.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HOST, StackConfig, url } from './config';
import { lastError, removeRecord, spawnService, waitFor } from './procs';
import { probe } from './probes';

/** Returns `serve` for ruleHistory: each call starts the serving Prometheus and resolves once it is ready. */
export function historyServer(cfg: StackConfig, tsdbDir: string, configDir: string): () => Promise<{ url: string; stop: () => Promise<void> }> {
  const config = path.join(configDir, 'prometheus-rule-history.yml');
  fs.writeFileSync(config, '# Written by stack/cli.ts start: serves the history for the rule backfill.\nglobal: {}\n');
  return async () => {
    const tmp = spawnService(
      cfg.stateDir,
      'prometheus',
      cfg.bins.prometheus,
      [`--config.file=${config}`, `--storage.tsdb.path=${tsdbDir}`, '--storage.tsdb.retention.time=45d', `--web.listen-address=${HOST}:${cfg.ports.prometheus.port}`],
      cfg.stateDir,
      url(cfg, 'prometheus'),
      cfg.stateDir,
    );
    const stop = async () => {
      if (tmp.exited() === undefined) process.kill(tmp.pid, 'SIGTERM');
      while (tmp.exited() === undefined) await new Promise((r) => setTimeout(r, 50));
      removeRecord(cfg.stateDir, 'prometheus');
    };
    const crashed = () => (tmp.exited() !== undefined ? `prometheus (serving the history for the rule backfill) exited (code ${tmp.exited()}): ${lastError(tmp.log)} (log: ${tmp.log})` : null);
    try {
      await waitFor(`${cfg.ports.prometheus.label} for the rule backfill (${url(cfg, 'prometheus')})`, probe(cfg, 'prometheus'), 120000, crashed);
    } catch (e) {
      await stop();
      throw e;
    }
    return { url: url(cfg, 'prometheus'), stop };
  };
}
