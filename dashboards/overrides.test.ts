// Every field override of the rendered dashboards (dashboards/out/*.json) matches at least one
// series its panel can draw, the way Grafana matches it: a byRegexp option that is not written
// /…/ is anchored ^…$ by Grafana (stringToJsRegex), so 'CPU target' never matches
// 'CPU target api'. The names a panel can draw come from its targets (seriesNames.ts).
import { stringToJsRegex } from '@grafana/data';
import { allPanels, loadDashboards, Panel } from './dashboardModel';
import { ANY_NAME, SeriesName, seriesNames } from './seriesNames';

interface Override {
  matcher: { id: string; options: unknown };
}

function overrides(p: Panel): Override[] {
  return (p as { fieldConfig?: { overrides?: Override[] } }).fieldConfig?.overrides ?? [];
}

/** Whether the override's matcher selects one of the names; `null` for a matcher this check does not know. */
export function matchesAny(o: Override, names: SeriesName[]): boolean | null {
  const { id, options } = o.matcher;
  if (id !== 'byName' && id !== 'byRegexp') return null;
  if (typeof options !== 'string') return false;
  if (names.includes(ANY_NAME)) return true;
  const test = id === 'byName' ? (n: string) => n === options : (n: string) => stringToJsRegex(options).test(n);
  return names.some((n) => n !== ANY_NAME && test(n));
}

const panels = loadDashboards().flatMap((d) => allPanels(d.dashboard).map((p) => ({ where: `${d.dashboard.uid} / ${p.title}`, p })));
const withOverrides = panels.filter(({ p }) => overrides(p).some((o) => ['byName', 'byRegexp'].includes(o.matcher.id)));

test('the check reads Grafana\'s anchoring (it is not vacuous)', () => {
  const byRegexp = (options: string) => ({ matcher: { id: 'byRegexp', options } });
  expect(matchesAny(byRegexp('CPU target'), ['CPU target api'])).toBe(false);
  expect(matchesAny(byRegexp('/^CPU target/'), ['CPU target api'])).toBe(true);
  expect(matchesAny(byRegexp('CPU target.*'), ['CPU target api'])).toBe(true);
  expect(matchesAny({ matcher: { id: 'byName', options: 'Severity' } }, ['severity'])).toBe(false);
  expect(matchesAny(byRegexp('/^misses/'), [ANY_NAME])).toBe(true);
  expect(withOverrides.length).toBeGreaterThan(8);
});

test.each(withOverrides.map(({ where, p }) => [where, p] as const))('%s: every byName/byRegexp override matches a series the targets can draw', (_where, p) => {
  const names = seriesNames(p);
  const unmatched = overrides(p)
    .filter((o) => matchesAny(o, names) === false)
    .map((o) => o.matcher.options);
  expect({ names, unmatched }).toEqual({ names, unmatched: [] });
});
