// Converts the SLO specs to the rules pack's input:
//   node_modules/.bin/tsx alerts/slo/convert.ts [SPEC.yaml [OUT.json]]
//     (default alerts/slos.yaml -> alerts/slos.json; then `bash alerts/render.sh`)
//   node_modules/.bin/tsx alerts/slo/convert.ts --sloth SLOTH.yaml [OUT.yaml]
//     (a sloth `prometheus/v1` file to a Headroom spec file; see alerts/README.md)
// Prints every error (naming the SLO and the field) and exits 1 on bad input, writing nothing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import yaml from 'js-yaml';
import { fromSloth } from './sloth';
import { validate } from './spec';

const alertsDir = path.resolve(__dirname, '..');

function readYaml(file: string): unknown {
  try {
    return yaml.load(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    fail([`${file}: ${(err as Error).message.split('\n')[0]}`]);
  }
}

function fail(errors: string[]): never {
  for (const e of errors) console.error(e);
  process.exit(1);
}

/** The pack's input as written to slos.json (stable key order, trailing newline). */
export function specToJson(doc: unknown): { json: string } | { errors: string[] } {
  const r = validate(doc);
  return r.ok ? { json: JSON.stringify(r.file, null, 2) + '\n' } : { errors: r.errors };
}

function main(args: string[]): void {
  if (args[0] === '--sloth') {
    if (!args[1]) fail(['usage: convert.ts --sloth SLOTH.yaml [OUT.yaml]']);
    const r = fromSloth(readYaml(args[1]));
    if (!r.ok) fail(r.errors);
    for (const w of r.warnings) console.error(`warning: ${w}`);
    const text = yaml.dump(r.spec, { lineWidth: -1, noRefs: true });
    if (args[2]) fs.writeFileSync(args[2], text);
    else process.stdout.write(text);
    return;
  }
  const input = args[0] ?? path.join(alertsDir, 'slos.yaml');
  const out = args[1] ?? path.join(alertsDir, 'slos.json');
  const r = specToJson(readYaml(input));
  if ('errors' in r) fail(r.errors);
  fs.writeFileSync(out, r.json);
}

if (require.main === module) main(process.argv.slice(2));
