#!/usr/bin/env node
// Writes the rendered rule files (prometheus_rules.yaml, prometheus_alerts.yaml) in the shapes the
// Mimir and Cortex rulers take, one namespace per file (headroom-rules, headroom-alerts):
//   OUTDIR/mimirtool/<namespace>.yaml      `namespace:` + the file's groups, for
//                                          `mimirtool rules load|sync|diff` (and cortextool)
//   OUTDIR/groups/<namespace>/<group>.yaml one rule group per file, the body of
//                                          POST <prometheus-http-prefix>/config/v1/rules/<namespace>
// The groups are the rendered ones, unchanged. Usage: node alerts/ruler-files.mjs OUTDIR
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { dumpYaml } from './yaml-style.mjs';

const NAMESPACES = { 'headroom-rules': 'prometheus_rules.yaml', 'headroom-alerts': 'prometheus_alerts.yaml' };

const here = path.dirname(new URL(import.meta.url).pathname);

function main(outDir) {
  for (const [namespace, file] of Object.entries(NAMESPACES)) {
    const { groups } = yaml.load(fs.readFileSync(path.join(here, file), 'utf8'));
    const header = `# alerts/${file} as the Mimir/Cortex ruler namespace "${namespace}" (alerts/ruler-files.mjs).\n`;
    fs.mkdirSync(path.join(outDir, 'mimirtool'), { recursive: true });
    fs.writeFileSync(path.join(outDir, 'mimirtool', `${namespace}.yaml`), `${header}namespace: ${namespace}\n${dumpYaml({ groups })}`);
    const groupDir = path.join(outDir, 'groups', namespace);
    fs.mkdirSync(groupDir, { recursive: true });
    for (const group of groups) {
      fs.writeFileSync(path.join(groupDir, `${group.name}.yaml`), dumpYaml(group));
    }
  }
}

const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: node alerts/ruler-files.mjs OUTDIR');
  process.exit(2);
}
main(outDir);
