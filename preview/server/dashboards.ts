// The dashboards the preview serves: dashboards/out/*.json, then the preview's fixtures (never
// shadowing a real one by uid).
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../build';
import { fixturesDir } from './plugins';

export interface DashboardFile {
  uid: string;
  title: string;
  tags: string[];
  file: string;
  fixture: boolean;
}

export function listDashboards(): DashboardFile[] {
  const out: DashboardFile[] = [];
  const dirs: Array<[string, boolean]> = [
    [path.join(repoRoot, 'dashboards', 'out'), false],
    [path.join(fixturesDir, 'dashboards'), true],
  ];
  for (const [dir, fixture] of dirs) {
    if (!fs.existsSync(dir)) {
      continue;
    }
    for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
      try {
        const json = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as { uid?: string; title?: string; tags?: string[] };
        const uid = json.uid ?? path.basename(name, '.json');
        if (!out.some((d) => d.uid === uid)) {
          out.push({ uid, title: json.title ?? uid, tags: json.tags ?? [], file: path.join(dir, name), fixture });
        }
      } catch {
        // Skipped until it parses (a render in progress).
      }
    }
  }
  return out;
}

export const slug = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export const dashboardUrl = (d: { uid: string; title: string }) => `/d/${d.uid}/${slug(d.title)}`;
