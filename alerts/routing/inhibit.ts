// Which alerts an Alertmanager configuration's inhibit_rules mute, for tests of the example config
// (alerts/alertmanager.jsonnet). Alertmanager's semantics: a target alert is muted when some other
// firing alert matches the rule's source matchers, the target matches its target matchers, and both
// have the same value (absent = "") for every label of `equal`; an alert that matches both sides of
// a rule cannot be muted through that rule by another alert that also matches both sides.
export type Labels = Record<string, string>;

export interface InhibitRule {
  source_matchers?: string[];
  target_matchers?: string[];
  equal?: string[];
}

/** Whether one matcher such as `severity=~"warning|info"` holds for the labels (absent label = ""). */
export function matcherHolds(matcher: string, labels: Labels): boolean {
  const m = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"(.*)"\s*$/.exec(matcher);
  if (!m) throw new Error(`unreadable matcher ${matcher}`);
  const [, name, op, value] = m;
  const v = String(labels[name] ?? ''); // YAML may give a number
  if (op === '=') return v === value;
  if (op === '!=') return v !== value;
  const re = new RegExp(`^(?:${value})$`);
  return op === '=~' ? re.test(v) : !re.test(v);
}

const all = (matchers: string[] | undefined, labels: Labels) => (matchers ?? []).every((m) => matcherHolds(m, labels));

/** Indexes of the firing alerts that the rules mute. */
export function mutedAlerts(rules: InhibitRule[], firing: Labels[]): Set<number> {
  const muted = new Set<number>();
  firing.forEach((target, ti) => {
    for (const rule of rules) {
      if (!all(rule.target_matchers, target)) continue;
      const targetBothSides = all(rule.source_matchers, target);
      const by = firing.some((source, si) =>
        si !== ti &&
        all(rule.source_matchers, source) &&
        !(targetBothSides && all(rule.target_matchers, source)) &&
        (rule.equal ?? []).every((l) => (source[l] ?? '') === (target[l] ?? '')),
      );
      if (by) {
        muted.add(ti);
        break;
      }
    }
  });
  return muted;
}
