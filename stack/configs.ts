// The configuration files the stack writes into its state folder: prometheus.yml, the rule files
// (the alerts/ pack when present and valid, else a small built-in set) and alertmanager.yml (the
// alerts/ example routing with every notification sent to the local receiver).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { HOST, REPO_ROOT, StackConfig, statePaths } from './config';
import { SCRAPE_LABELS } from './simulator/series';
import { forecastScrapeJob } from './forecast';
import { tierPorts, tierScrapeJobs } from './datatier/config';
import { liveScrapeJobs } from './live/autoscaler';

export const ALERTS_DIR = path.join(REPO_ROOT, 'alerts');
export const RULE_FILES = ['prometheus_rules.yaml', 'prometheus_alerts.yaml'];
export const FALLBACK_RULES = path.join(__dirname, 'fallback', 'rules.yaml');
export const FALLBACK_ALERTMANAGER = path.join(__dirname, 'fallback', 'alertmanager.yml');

export interface WrittenConfigs {
  prometheusConfig: string;
  alertmanagerConfig: string;
  /** Where the rules came from, for the start-up summary. */
  rulesSource: string;
  /** The rule files Prometheus loads (snapshots in the state folder). */
  ruleFiles: string[];
  alertmanagerSource: string;
  /** One-line notes worth printing (fallbacks, rewrites). */
  notes: string[];
}

function check(bin: string, args: string[]): string | null {
  const r = spawnSync(bin, args, { encoding: 'utf8' });
  if (r.status === 0) return null;
  const text = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.split('\n').map((l) => l.trim()).filter(Boolean);
  return text.filter((l) => /error|fail|FAILED/i.test(l)).slice(-1)[0] ?? text.slice(-1)[0] ?? `exit ${r.status}`;
}

/** Copies the rule files (alerts/ or the fallback) into the state folder; returns their paths. */
function writeRules(cfg: StackConfig, dir: string, notes: string[]): { files: string[]; source: string } {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const present = RULE_FILES.map((f) => path.join(ALERTS_DIR, f)).filter((f) => fs.existsSync(f));
  if (present.length > 0) {
    // A snapshot: edits in alerts/ while the stack runs do not break a reload half-way.
    const copies = present.map((f) => {
      const to = path.join(dir, path.basename(f));
      fs.copyFileSync(f, to);
      return to;
    });
    const problem = check(cfg.bins.promtool, ['check', 'rules', ...copies]);
    if (!problem) return { files: copies, source: present.map((f) => path.relative(REPO_ROOT, f)).join(' + ') };
    notes.push(`alerts/ rules do not pass \`promtool check rules\` (${problem}); using the built-in demo rules instead.`);
    copies.forEach((f) => fs.rmSync(f));
  }
  const to = path.join(dir, 'fallback_rules.yaml');
  fs.copyFileSync(FALLBACK_RULES, to);
  return { files: [to], source: present.length > 0 ? 'built-in (stack/fallback/rules.yaml)' : 'built-in (stack/fallback/rules.yaml; alerts/ has none yet)' };
}

export function prometheusYaml(cfg: StackConfig, ruleFiles: string[]): string {
  const doc = {
    global: { scrape_interval: '15s', scrape_timeout: '10s', evaluation_interval: '15s' },
    rule_files: ruleFiles,
    alerting: { alertmanagers: [{ static_configs: [{ targets: [`${HOST}:${cfg.ports.alertmanager.port}`] }] }] },
    scrape_configs: [
      {
        job_name: SCRAPE_LABELS.job,
        // The simulator sets `instance` itself on per-server series (pg-primary, redis-1, ...).
        honor_labels: true,
        static_configs: [{ targets: [`${HOST}:${cfg.ports.simulator.port}`], labels: { instance: SCRAPE_LABELS.instance } }],
      },
      ...exporterJobs(cfg),
    ],
  };
  return `# Written by stack/cli.ts start; edits are lost on the next start.\n${yaml.dump(doc, { lineWidth: 200 })}`;
}

/** The scrape jobs besides the simulator's, the same for both engines: the forecast exporter, the data tier and the live part (stack/live). */
export function exporterJobs(cfg: StackConfig): Record<string, unknown>[] {
  return [forecastScrapeJob(cfg.env), ...dataTierJobs(cfg), ...liveScrapeJobs(cfg.stateDir, cfg.env)];
}

/** The real exporters of the data tier (stack/datatier): one job per kind, each target with its own instance. */
export function dataTierJobs(cfg: StackConfig): Record<string, unknown>[] {
  return tierScrapeJobs(tierPorts(cfg.env));
}

type Receiver = { name: string; webhook_configs?: { url?: string; [k: string]: unknown }[]; [k: string]: unknown };

/**
 * Points every notification of an Alertmanager config at the local receiver: loopback webhook
 * URLs get the receiver's port, any other integration (or a webhook elsewhere) is replaced by a
 * webhook to http://127.0.0.1:<port>/<receiver name>, so nothing leaves the machine.
 */
export function rewriteAlertmanager(doc: Record<string, unknown>, receiverPort: number, configDir: string): { doc: Record<string, unknown>; redirected: number } {
  let redirected = 0;
  const receivers = (doc.receivers as Receiver[] | undefined) ?? [];
  for (const r of receivers) {
    const local = `http://${HOST}:${receiverPort}/${encodeURIComponent(r.name)}`;
    const hooks = [];
    for (const [key, value] of Object.entries(r)) {
      if (key === 'name' || !key.endsWith('_configs') || !Array.isArray(value)) continue;
      for (const c of value as Record<string, unknown>[]) {
        if (key === 'webhook_configs' && typeof c.url === 'string') {
          const u = new URL(c.url);
          if (u.hostname === HOST || u.hostname === 'localhost') {
            u.hostname = HOST;
            u.port = String(receiverPort);
            hooks.push({ ...c, url: u.toString() });
            continue;
          }
        }
        redirected++;
        hooks.push({ url: local, send_resolved: c.send_resolved ?? true });
      }
      delete r[key];
    }
    if (hooks.length > 0) r.webhook_configs = hooks;
  }
  // Templates are resolved relative to the config file: keep them pointing into alerts/.
  if (Array.isArray(doc.templates)) doc.templates = (doc.templates as string[]).map((t) => path.resolve(configDir, t));
  return { doc, redirected };
}

function writeAlertmanager(cfg: StackConfig, file: string, notes: string[]): string {
  const source = path.join(ALERTS_DIR, 'alertmanager.yml');
  const fallback = () => {
    const text = fs.readFileSync(FALLBACK_ALERTMANAGER, 'utf8').replace(/127\.0\.0\.1:19101/g, `${HOST}:${cfg.ports.receiver.port}`);
    fs.writeFileSync(file, text);
  };
  if (!fs.existsSync(source)) {
    fallback();
    return 'built-in (stack/fallback/alertmanager.yml; alerts/alertmanager.yml not there yet)';
  }
  try {
    const doc = yaml.load(fs.readFileSync(source, 'utf8')) as Record<string, unknown>;
    const { redirected } = rewriteAlertmanager(doc, cfg.ports.receiver.port, ALERTS_DIR);
    fs.writeFileSync(file, `# Rewritten from alerts/alertmanager.yml by stack/cli.ts start.\n${yaml.dump(doc, { lineWidth: 200 })}`);
    if (redirected > 0) notes.push(`alertmanager: ${redirected} notification integration(s) that would leave this machine now post to the local receiver.`);
    const problem = check(cfg.bins.amtool, ['check-config', file]);
    if (!problem) return 'alerts/alertmanager.yml (webhooks -> local receiver)';
    notes.push(`alerts/alertmanager.yml does not pass \`amtool check-config\` (${problem}); using the built-in routing instead.`);
  } catch (e) {
    notes.push(`alerts/alertmanager.yml cannot be read (${(e as Error).message.split('\n')[0]}); using the built-in routing instead.`);
  }
  fallback();
  return 'built-in (stack/fallback/alertmanager.yml)';
}

export function writeConfigs(cfg: StackConfig): WrittenConfigs {
  const p = statePaths(cfg.stateDir);
  fs.mkdirSync(p.config, { recursive: true });
  const notes: string[] = [];
  const rules = writeRules(cfg, path.join(p.config, 'rules'), notes);
  const prometheusConfig = path.join(p.config, 'prometheus.yml');
  fs.writeFileSync(prometheusConfig, prometheusYaml(cfg, rules.files));
  const problem = check(cfg.bins.promtool, ['check', 'config', '--syntax-only', prometheusConfig]);
  if (problem) throw new Error(`generated ${prometheusConfig} is invalid: ${problem}`);
  const alertmanagerConfig = path.join(p.config, 'alertmanager.yml');
  const alertmanagerSource = writeAlertmanager(cfg, alertmanagerConfig, notes);
  return { prometheusConfig, alertmanagerConfig, rulesSource: rules.source, ruleFiles: rules.files, alertmanagerSource, notes };
}
