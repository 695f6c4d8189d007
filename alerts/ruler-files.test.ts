/** @jest-environment node */
// alerts/ruler-files.mjs: the Mimir/Cortex ruler shapes carry the rendered groups unchanged, and
// the pack fits Mimir's default per-tenant ruler limits.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';

interface Group {
  name: string;
  rules: unknown[];
}

// Mimir's defaults: ruler_max_rules_per_rule_group and ruler_max_rule_groups_per_tenant.
const MIMIR_MAX_RULES_PER_GROUP = 20;
const MIMIR_MAX_GROUPS_PER_TENANT = 70;

const rendered: Record<string, Group[]> = {
  'headroom-rules': (yaml.load(fs.readFileSync(path.join(__dirname, 'prometheus_rules.yaml'), 'utf8')) as { groups: Group[] }).groups,
  'headroom-alerts': (yaml.load(fs.readFileSync(path.join(__dirname, 'prometheus_alerts.yaml'), 'utf8')) as { groups: Group[] }).groups,
};

let out: string;
beforeAll(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'ruler-files-'));
  execFileSync('node', [path.join(__dirname, 'ruler-files.mjs'), out]);
});
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe.each(Object.keys(rendered))('namespace %s', (namespace) => {
  it('is a mimirtool file: the namespace and the rendered groups', () => {
    const doc = yaml.load(fs.readFileSync(path.join(out, 'mimirtool', `${namespace}.yaml`), 'utf8'));
    expect(doc).toEqual({ namespace, groups: rendered[namespace] });
  });

  it('has one ruler API body per group, each the rendered group', () => {
    const dir = path.join(out, 'groups', namespace);
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual(rendered[namespace].map((g) => `${g.name}.yaml`).sort());
    for (const group of rendered[namespace]) {
      expect(yaml.load(fs.readFileSync(path.join(dir, `${group.name}.yaml`), 'utf8'))).toEqual(group);
    }
  });
});

describe("Mimir's default ruler limits", () => {
  const groups = Object.values(rendered).flat();
  it(`has at most ${MIMIR_MAX_RULES_PER_GROUP} rules in every group`, () => {
    const over = groups.filter((g) => g.rules.length > MIMIR_MAX_RULES_PER_GROUP).map((g) => `${g.name}: ${g.rules.length}`);
    expect(over).toEqual([]);
  });
  it(`has at most ${MIMIR_MAX_GROUPS_PER_TENANT} groups in all, with distinct names`, () => {
    expect(groups.length).toBeLessThanOrEqual(MIMIR_MAX_GROUPS_PER_TENANT);
    expect(new Set(groups.map((g) => g.name)).size).toBe(groups.length);
  });
});
