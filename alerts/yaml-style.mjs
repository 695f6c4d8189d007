// How the rules pack writes YAML (render.mjs, ruler-files.mjs): keys in a reading order (name,
// expr, for, labels, annotations; receiver before routes) instead of jsonnet's alphabetical one,
// multi-line PromQL as literal blocks, no line wrapping.
import yaml from 'js-yaml';

const ORDER = [
  // rule groups and rules
  'name', 'interval', 'record', 'alert', 'expr', 'for', 'labels', 'annotations', 'summary', 'description', 'runbook_url', 'rules',
  // Alertmanager
  'global', 'route', 'inhibit_rules', 'receivers', 'receiver', 'matchers', 'group_by', 'group_wait', 'group_interval',
  'repeat_interval', 'continue', 'routes', 'source_matchers', 'target_matchers', 'equal', 'webhook_configs', 'url', 'send_resolved',
];
const rank = (k) => (ORDER.includes(k) ? ORDER.indexOf(k) : ORDER.length);
const sortKeys = (a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);

export function dumpYaml(doc) {
  return yaml.dump(doc, { sortKeys, lineWidth: -1, noRefs: true, quotingType: '"' });
}
